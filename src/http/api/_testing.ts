/**
 * Test support for the REST API: a real store (SQLite on a temp file, or in memory) with
 * hand-written DAG definitions, users of each role, runs created by the scheduler's trigger
 * action and moved through the state machines, a log reader over in-memory logs, and requests
 * through `app.request()`.
 *
 * @module
 */

import type { Hono } from "hono";
import {
  type DagDefinition,
  type DagRun,
  type DagRunState,
  emptyStep,
  type JsonValue,
  ManualClock,
  type NextRunInfo,
  type Role,
  type RunKey,
  type TaskInstanceKey,
  type TaskInstanceState,
  type TaskTransitionOptions,
  transitionRun,
  transitionTask,
} from "../../core/mod.ts";
import { triggerDagRun } from "../../scheduler/mod.ts";
import { MemoryStore, SqliteStore, type Store } from "../../store/mod.ts";
import { hashPassword, RequestAuthenticator } from "../auth/mod.ts";
import { createApiApp } from "./api_app.ts";
import { OpenApiSchemas } from "./_openapi_check.ts";
import type { TestConnection } from "./_services.ts";

/** Definitions with defaults (from the core). */
export {
  dagDefinitionWith as dagDefinition,
  taskDefinitionWith as taskDefinition,
} from "../../core/mod.ts";

/** Each role's test user is named after it in lower case, with password `<name>-password`. */
export const TEST_ROLES: readonly Role[] = ["Viewer", "User", "Op", "Admin"];

let hashes: Promise<Map<Role, string>> | null = null;

function roleHashes(): Promise<Map<Role, string>> {
  hashes ??= Promise.all(
    TEST_ROLES.map(async (role) =>
      [role, await hashPassword(`${role.toLowerCase()}-password`)] as const
    ),
  ).then((entries) => new Map(entries));
  return hashes;
}

/** Options of a request made through {@link ApiHarness.request}. */
export interface RequestOptions {
  /** Whose credentials to send; default Admin; null sends none. */
  as?: Role | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A store, a clock, users, and the API app over them. */
export class ApiHarness {
  readonly clock: ManualClock;
  readonly logs = new Map<string, Uint8Array>();
  wakes = 0;
  app!: Hono;
  store!: Store;
  /** The authenticator the app uses (to issue session cookies in tests). */
  authenticator!: RequestAuthenticator;
  #folder: string | null = null;
  // deno-lint-ignore no-explicit-any
  #document: any = null;

  private constructor(now: string) {
    this.clock = new ManualClock(now);
  }

  /**
   * A harness over a fresh SQLite file (default) or a memory store, with one user per role;
   * `config` is the effective configuration `GET /config` shows; `testConnection` enables
   * `POST /connections/test`.
   */
  static async open(
    options: {
      now?: string;
      store?: "sqlite" | "memory";
      config?: Record<string, unknown>;
      testConnection?: TestConnection;
    } = {},
  ): Promise<ApiHarness> {
    const harness = new ApiHarness(options.now ?? "2024-03-10T12:00:00Z");
    if (options.store === "memory") {
      harness.store = new MemoryStore();
    } else {
      harness.#folder = await Deno.makeTempDir({ prefix: "updraft-http-test-" });
      harness.store = await SqliteStore.open(`${harness.#folder}/updraft.db`);
    }
    await harness.store.migrate();
    for (const [role, passwordHash] of await roleHashes()) {
      await harness.store.createUser({
        username: role.toLowerCase(),
        email: `${role.toLowerCase()}@example.com`,
        firstName: role,
        lastName: "Tester",
        role,
        passwordHash,
        createdAt: harness.clock.now(),
      });
    }
    harness.authenticator = new RequestAuthenticator(harness.store, {
      secretKey: "a test secret key that is long enough for HMAC",
    });
    harness.app = createApiApp({
      authenticator: harness.authenticator,
      store: harness.store,
      clock: harness.clock,
      version: "0.1.0-test",
      wake: () => harness.wakes++,
      readLog: (key, tryNumber, { offset }) => harness.readLog(key, tryNumber, offset ?? 0),
      config: options.config,
      testConnection: options.testConnection,
    });
    return harness;
  }

  /** Close the store and remove its folder. */
  async close(): Promise<void> {
    await this.store.close();
    if (this.#folder) await Deno.remove(this.#folder, { recursive: true });
  }

  /** `Authorization` header value for a role's test user. */
  static basic(role: Role, password = `${role.toLowerCase()}-password`): string {
    return `Basic ${btoa(`${role.toLowerCase()}:${password}`)}`;
  }

  /** Send a request to `/api/v1`-relative `path`. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const role = options.as === undefined ? "Admin" : options.as;
    if (role !== null && headers.authorization === undefined) {
      headers.authorization = ApiHarness.basic(role);
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await this.app.request(path, { method, headers, body });
    // Read the headers before cloning: a clone of a Hono response whose headers were never
    // read has none (seen with Hono 4.13 on Deno 2.9).
    const type = response.headers.get("content-type") ?? "";
    await this.#checkAgainstOwnDocument(method, path, { type, response: response.clone() });
    return response;
  }

  /**
   * Every JSON answer must match the schema Updraft's own OpenAPI document gives for that
   * operation and status, so the document cannot drift from what the API does.
   */
  async #checkAgainstOwnDocument(
    method: string,
    path: string,
    { type, response }: { type: string; response: Response },
  ) {
    // With `fields`, items hold only the fields asked for, by design.
    const partial = /[?&]fields=/.test(path);
    if (!type.includes("json") || path.startsWith("/openapi.json") || partial) {
      await response.body?.cancel();
      return;
    }
    this.#document ??= await (await this.app.request("/openapi.json")).json();
    const document = this.#document!;
    const schemas = new OpenApiSchemas(document, "Updraft's openapi.json");
    const operation = findOperation(document, method, path.split("?")[0]);
    const answer = operation?.responses?.[String(response.status)];
    const body = await response.json();
    if (response.status >= 400) {
      if (operation && !answer) {
        throw new Error(`${method} ${path}: status ${response.status} is not in the document`);
      }
      schemas.assert("Error", body);
      return;
    }
    const ref = answer?.content?.["application/json"]?.schema?.$ref as string | undefined;
    if (!ref) throw new Error(`${method} ${path}: no documented schema for ${response.status}`);
    schemas.assert(ref.replace("#/components/schemas/", ""), body);
  }

  /** Record DAG definitions as one parsed file each. */
  async addDags(...definitions: DagDefinition[]): Promise<void> {
    for (const definition of definitions) {
      await this.store.recordParsedFile({
        fileloc: definition.fileloc,
        ok: true,
        bundle: {
          bundleHash: `bundle-${definition.dagId}-${this.clock.now()}`,
          fileloc: definition.fileloc,
          source: `// ${definition.dagId}`,
          code: `// ${definition.dagId}`,
        },
        dags: [definition],
      }, { now: this.clock.now(), pausedAtCreation: true });
    }
  }

  /** Record a DAG file that fails to load. */
  async addImportError(fileloc: string, message: string): Promise<void> {
    await this.store.recordParsedFile(
      { fileloc, ok: false, message, line: 3 },
      { now: this.clock.now(), pausedAtCreation: true },
    );
  }

  /** Create a manual run through the scheduler's trigger action. */
  trigger(dagId: string, options: { runId?: string; logicalDate?: string } = {}): Promise<DagRun> {
    return triggerDagRun(this.store, {
      dagId,
      runId: options.runId,
      logicalDate: options.logicalDate ? Date.parse(options.logicalDate) : undefined,
    }, this.clock.now());
  }

  /** Move a run through `states`, in order, through the run state machine. */
  async moveRun(key: RunKey, states: DagRunState[]): Promise<void> {
    const loaded = await this.store.loadRunState(key);
    if (!loaded) throw new Error(`moveRun: no run ${key.dagId}/${key.runId}`);
    let run = loaded.run.record;
    const changes = [];
    for (const state of states) {
      const moved = transitionRun(run, state, { at: this.clock.now(), reason: "test" });
      run = moved.run;
      changes.push(moved.change);
    }
    await this.#apply({ runs: [{ run, expectedRevision: loaded.run.revision, changes }] });
  }

  /** Move a task instance through `states`, in order, through the task state machine. */
  async moveTask(
    key: RunKey & { taskId: string; mapIndex?: number },
    states: TaskInstanceState[],
    options: Partial<TaskTransitionOptions> = {},
  ): Promise<void> {
    const loaded = await this.store.loadRunState(key);
    const revised = loaded?.taskInstances.find((entry) =>
      entry.record.taskId === key.taskId && entry.record.mapIndex === (key.mapIndex ?? -1)
    );
    if (!revised) throw new Error(`moveTask: no task instance ${key.runId}/${key.taskId}`);
    let instance = revised.record;
    const changes = [];
    for (const state of states) {
      const moved = transitionTask(instance, state, {
        at: this.clock.now(),
        reason: "test",
        nextAttemptAt: this.clock.now() + 60_000,
        ...options,
      });
      instance = moved.instance;
      changes.push(moved.change);
    }
    await this.#apply({
      taskInstances: [{ instance, expectedRevision: revised.revision, changes }],
    });
  }

  /** Set a DAG's next automated run, as the scheduler would. */
  async setNextRun(dagId: string, nextRun: NextRunInfo | null): Promise<void> {
    const snapshot = await this.store.loadSchedulingSnapshot();
    const dag = snapshot.dags.find((entry) => entry.record.dagId === dagId);
    if (!dag) throw new Error(`setNextRun: no active DAG ${dagId}`);
    await this.#apply({
      dags: [{
        dagId,
        expectedRevision: dag.revision,
        nextRun,
        lastAutomatedRun: dag.record.lastAutomatedRun,
      }],
    });
  }

  /** Store an XCom. */
  async pushXCom(key: TaskInstanceKey, xcomKey: string, value: JsonValue): Promise<void> {
    await this.#apply({ xcoms: [{ ...key, key: xcomKey, value, timestamp: this.clock.now() }] });
  }

  /** Give a try a log. */
  writeLog(key: TaskInstanceKey, tryNumber: number, text: string): void {
    this.logs.set(logKey(key, tryNumber), new TextEncoder().encode(text));
  }

  async #apply(step: Partial<ReturnType<typeof emptyStep>>): Promise<void> {
    const result = await this.store.applySchedulingStep({ ...emptyStep(), ...step });
    if (result.conflicts > 0) throw new Error("test step conflicted with a concurrent change");
  }

  /** Same contract as the executor's reader: from a byte offset to the last complete line. */
  /** Read a log written with {@link writeLog}, from a byte offset. */
  readLog(key: TaskInstanceKey, tryNumber: number, offset: number) {
    const bytes = this.logs.get(logKey(key, tryNumber));
    if (bytes === undefined) return Promise.resolve(null);
    const rest = bytes.subarray(Math.min(offset, bytes.length));
    const end = rest.lastIndexOf(10) + 1;
    return Promise.resolve({
      content: new TextDecoder().decode(rest.subarray(0, end)),
      nextOffset: Math.min(offset, bytes.length) + end,
    });
  }
}

// deno-lint-ignore no-explicit-any
function findOperation(document: any, method: string, path: string): any {
  for (const [template, operations] of Object.entries(document.paths ?? {})) {
    const pattern = template.replace(/\{variable_key\}/g, ".+").replace(/\{\w+\}/g, "[^/]+");
    if (new RegExp(`^${pattern}$`).test(path)) {
      // deno-lint-ignore no-explicit-any
      const operation = (operations as any)[method.toLowerCase()];
      if (operation) return operation;
    }
  }
  return null;
}

function logKey(key: TaskInstanceKey, tryNumber: number): string {
  return JSON.stringify([key.dagId, key.runId, key.taskId, key.mapIndex, tryNumber]);
}
