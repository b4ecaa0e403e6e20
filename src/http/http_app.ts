/**
 * The whole HTTP side of Updraft: the REST API at `/api/v1` and the dashboard at `/`, sharing
 * one authenticator (basic, bearer, session cookie) and one change feed.
 *
 * @module
 */

import { Hono } from "hono";
import { type ApiOptions, createApiApp } from "./api/mod.ts";
import { RequestAuthenticator } from "./auth/mod.ts";
import type { DashboardServices } from "./dashboard/mod.ts";
import { ChangeFeed } from "./dashboard/change_feed.ts";

/** What the HTTP side needs. */
export interface HttpAppOptions extends ApiOptions {
  /** The key that signs sessions and bearer tokens (≥ 32 bytes); keep it across restarts. */
  secretKey: Uint8Array | string;
  /** How often open pages' change feed reads the scheduling version; default 150 ms. */
  changeIntervalMs?: number;
}

/** The app and how to stop its background work. */
export interface HttpApp {
  app: Hono;
  authenticator: RequestAuthenticator;
  changes: ChangeFeed;
  /** What the dashboard's pages work with. */
  dashboard: DashboardServices;
  /** The dashboard's own app, loaded on its first request (or now, by calling this). */
  dashboardApp(): Promise<Hono>;
  /** Stop the change feed (open event streams end). */
  close(): void;
}

/** Build the API and the dashboard on one Hono app. */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const authenticator = options.authenticator ?? new RequestAuthenticator(options.store, {
    secretKey: options.secretKey,
    basic: options.authenticate,
  });
  const changes = new ChangeFeed(options.store, { intervalMs: options.changeIntervalMs });
  const app = new Hono();
  const api = createApiApp({ ...options, authenticator });
  app.route("/api/v1", api);
  const dashboard: DashboardServices = {
    store: options.store,
    clock: options.clock,
    readLog: options.readLog,
    wake: options.wake,
    version: options.version,
    authenticator,
    changes,
    schedulerHealthyWithinMs: options.schedulerHealthyWithinMs ?? 30_000,
    dagDefaults: options.dagDefaults ?? { maxActiveRuns: 16, maxActiveTasks: 16 },
    openApiDocument: async () => await (await api.request("/openapi.json")).json(),
    testConnection: options.testConnection ?? null,
  };
  // The dashboard (Preact, twind, dagre and its pages) loads on its first request: a server that
  // only schedules and answers the API starts faster and smaller.
  let loaded: Promise<Hono> | null = null;
  const dashboardApp = () =>
    loaded ??= import("./dashboard/dashboard_app.ts").then((module) =>
      module.createDashboardApp(dashboard)
    );
  app.all("*", async (context) => (await dashboardApp()).fetch(context.req.raw));
  return { app, authenticator, changes, dashboard, dashboardApp, close: () => changes.close() };
}
