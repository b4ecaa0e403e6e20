/**
 * The `/api/v1` application: Airflow's stable REST API v1 shapes over Updraft's store and
 * scheduler actions, behind HTTP basic authentication. The composition root mounts it with
 * `app.route("/api/v1", createApiApp(options))`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { Clock } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { type BasicAuthOptions, RequestAuthenticator } from "../auth/mod.ts";
import { addDagRoutes } from "./dags.ts";
import { addDagRunRoutes } from "./dag_runs.ts";
import { addImportErrorRoutes } from "./import_errors.ts";
import { addMonitoringRoutes } from "./monitoring.ts";
import { buildOpenApiDocument } from "./openapi_document.ts";
import { addTaskInstanceRoutes } from "./task_instances.ts";
import { addTaskLogRoutes } from "./task_logs.ts";
import { addVariableRoutes } from "./variables.ts";
import { addXComRoutes } from "./xcom_entries.ts";
import { addConnectionRoutes } from "./connections.ts";
import { addPoolRoutes } from "./pools.ts";
import { addUserRoutes } from "./users.ts";
import { addTaskRoutes } from "./tasks.ts";
import { addDagSourceRoutes } from "./dag_sources.ts";
import { addConfigRoutes } from "./config.ts";
import { addTokenRoutes } from "./auth_tokens.ts";
import { type AnyRoute, ApiRouter, json } from "./_router.ts";
import type { ApiServices, ReadLog, TestConnection } from "./_services.ts";

/** What the API needs. */
export interface ApiOptions {
  store: Store;
  clock: Clock;
  /** Reads a try's log from a byte offset (the executor's `readTaskLog`, bound to its folder). */
  readLog: ReadLog;
  /** Called after every state change, so the scheduler reacts at once. */
  wake(): void;
  /** Updraft's version, for `/version` and the OpenAPI document. */
  version: string;
  /** HTTP basic authentication settings; it is always on. */
  authenticate?: BasicAuthOptions;
  /**
   * Who sent a request (basic, bearer, session cookie), shared with the dashboard. Default: one
   * of its own with a random key, so tokens die with the process.
   */
  authenticator?: RequestAuthenticator;
  /** A scheduler whose last heartbeat is older than this is unhealthy; default 30 s. */
  schedulerHealthyWithinMs?: number;
  /** The limits shown for DAGs that do not set their own; default 16 and 16 (Airflow's). */
  dagDefaults?: { maxActiveRuns: number; maxActiveTasks: number };
  /** The effective configuration, for `GET /config` (secrets are redacted there). */
  config?: Readonly<Record<string, unknown>>;
  /**
   * Tests connections for `POST /connections/test` (Op and Admin only). Without it testing is
   * disabled (403), as by default in Airflow (`[core] test_connection`).
   */
  testConnection?: TestConnection;
}

const DECLARED = new WeakMap<Hono, readonly AnyRoute[]>();

/** The routes an app built by {@link createApiApp} declares (for tests and documentation). */
export function declaredRoutes(app: Hono): readonly AnyRoute[] {
  const routes = DECLARED.get(app);
  if (routes === undefined) {
    throw new Error("declaredRoutes: this app was not built by createApiApp");
  }
  return routes;
}

/** Build the `/api/v1` application. */
export function createApiApp(options: ApiOptions): Hono {
  const services: ApiServices = {
    store: options.store,
    clock: options.clock,
    readLog: options.readLog,
    wake: options.wake,
    version: options.version,
    schedulerHealthyWithinMs: options.schedulerHealthyWithinMs ?? 30_000,
    dagDefaults: options.dagDefaults ?? { maxActiveRuns: 16, maxActiveTasks: 16 },
    config: options.config ?? {},
    testConnection: options.testConnection ?? null,
  };
  const authenticator = options.authenticator ?? new RequestAuthenticator(options.store, {
    secretKey: crypto.getRandomValues(new Uint8Array(32)),
    basic: options.authenticate,
  });
  const router = new ApiRouter(authenticator, options.clock);
  addMonitoringRoutes(router, services);
  addDagRoutes(router, services);
  addDagRunRoutes(router, services);
  addTaskInstanceRoutes(router, services);
  addTaskLogRoutes(router, services);
  addXComRoutes(router, services);
  addImportErrorRoutes(router, services);
  addVariableRoutes(router, services);
  addConnectionRoutes(router, services);
  addPoolRoutes(router, services);
  addUserRoutes(router, services);
  addTaskRoutes(router, services);
  addDagSourceRoutes(router, services);
  addConfigRoutes(router, services);
  addTokenRoutes(router, services, authenticator);
  let document: Record<string, unknown> | null = null;
  router.add({
    method: "get",
    path: "/openapi.json",
    operationId: "get_openapi",
    summary: "This OpenAPI document",
    tag: "Monitoring",
    access: "public",
    response: { status: 200, description: "The OpenAPI 3.0 document of this API." },
    handle: () => {
      document ??= buildOpenApiDocument(router.routes, { version: options.version });
      return json(document);
    },
  });
  router.finish();
  DECLARED.set(router.app, router.routes);
  return router.app;
}
