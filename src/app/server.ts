/**
 * `updraft serve`: the scheduler, the executor, the DAG folder watcher and the HTTP server in
 * one process, wired together and stopped in order.
 *
 * @module
 */

import { type Clock, systemClock } from "../core/mod.ts";
import { ProcessExecutor, readTaskLog } from "../executor/mod.ts";
import { createHttpApp, ensureAdminUser, type HttpApp } from "../http/mod.ts";
import { SchedulerLoop } from "../scheduler/mod.ts";
import type { Store } from "../store/mod.ts";
import type { UpdraftConfig } from "./config.ts";
import { startDagSync } from "./dag_sync.ts";
import { openStore } from "./open_store.ts";
import { connectionTest } from "./connection_testers.ts";
import { schedulingLimits } from "./limits.ts";
import { VERSION } from "./version.ts";
import { loadSecretKey } from "./secret_key.ts";

/** What `serve` runs. */
export interface ServeOptions {
  clock?: Clock;
  /** Where status lines go; default `console.log`. */
  log?: (line: string) => void;
  /** Run the HTTP server (default true); `updraft scheduler` runs without it. */
  http?: boolean;
}

/** A running server. */
export interface RunningServer {
  /** The address the HTTP server listens on, when it runs. */
  url: string | null;
  store: Store;
  /** Stop everything in order; safe to call twice. */
  stop(): Promise<void>;
}

/** Start the scheduler, executor, watcher and (unless told not to) the HTTP server. */
export async function startServer(
  config: UpdraftConfig,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  await Deno.mkdir(config.logsFolder, { recursive: true });
  await Deno.mkdir(config.dagsFolder, { recursive: true });
  const store = await openStore(config);
  const admin = await ensureAdminUser(store, {
    password: config.adminPassword ?? undefined,
    now: clock.now(),
  });
  if (admin.created && admin.generated) {
    log(`Created the first user 'admin' with the password: ${admin.password}`);
    log("(shown once; set UPDRAFT_ADMIN_PASSWORD to choose it, or `updraft users reset-password`)");
  } else if (admin.created) {
    log("Created the first user 'admin' with the password from UPDRAFT_ADMIN_PASSWORD");
  }
  const executor = new ProcessExecutor({
    logsFolder: config.logsFolder,
    xcomMaxBytes: config.xcomMaxBytes,
    hostProcesses: config.executorProcesses,
    idleHostMs: config.sandboxHostIdleMs === 0 ? null : config.sandboxHostIdleMs,
    hostMemoryMb: config.sandboxMemoryMb,
    prebootedSandboxes: config.prebootedSandboxes,
  });
  const loop = new SchedulerLoop({
    store,
    executor,
    clock,
    limits: schedulingLimits(config),
    environment: () => Deno.env.toObject(),
  });
  const sync = startDagSync(store, config, {
    clock,
    log,
    afterChange: () => loop.wake(),
  });
  // Serve and schedule at once: the first read of a large DAG folder takes seconds, and DAGs
  // appear as they are parsed (the store still holds the last good versions meanwhile).
  const startedAt = clock.now();
  sync.ready.then(
    () => log(`DAG folder read in ${((clock.now() - startedAt) / 1000).toFixed(1)} s`),
    (error) => log(`Reading the DAG folder failed: ${(error as Error).message}`),
  );
  loop.start();
  const heartbeat = startHeartbeat(store, executor.id, clock);

  let server: Deno.HttpServer | null = null;
  let http: HttpApp | null = null;
  let url: string | null = null;
  if (options.http ?? true) {
    http = createHttpApp({
      store,
      clock,
      version: VERSION,
      config: redactedConfig(config),
      secretKey: await loadSecretKey(config),
      wake: () => loop.wake(),
      readLog: (key, tryNumber, readOptions) =>
        readTaskLog(config.logsFolder, key, tryNumber, readOptions),
      testConnection: connectionTest(),
    });
    const app = http.app;
    const listening = Promise.withResolvers<void>();
    server = Deno.serve({
      hostname: config.host,
      port: config.port,
      onListen: () => listening.resolve(),
    }, app.fetch);
    await listening.promise;
    const address = server.addr as Deno.NetAddr;
    const shown = address.hostname === "0.0.0.0" ? "localhost" : address.hostname;
    url = `http://${shown}:${address.port}`;
    log(`Updraft ${VERSION} is serving ${url} (dashboard at ${url}, REST API at ${url}/api/v1)`);
  }
  log(
    `DAGs from ${config.dagsFolder}; state in ${config.databaseUrl}; logs in ${config.logsFolder}`,
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    stopping ??= (async () => {
      clearInterval(heartbeat);
      http?.close();
      await server?.shutdown();
      await sync.close();
      await loop.stop();
      await executor.close();
      await store.close();
    })();
  return { url, store, stop };
}

/** Record the scheduler's heartbeat every 5 s, for `/health` and for other processes. */
function startHeartbeat(store: Store, jobId: string, clock: Clock): ReturnType<typeof setInterval> {
  const startedAt = clock.now();
  const beat = () =>
    store.recordHeartbeat({
      jobId,
      kind: "scheduler",
      hostname: Deno.hostname(),
      startedAt,
      heartbeatAt: clock.now(),
    }).catch((error) => console.error(`heartbeat failed: ${(error as Error).message}`));
  beat();
  return setInterval(beat, 5_000);
}

/** The configuration as `GET /config` may show it: the secrets themselves never leave. */
function redactedConfig(config: UpdraftConfig): Record<string, unknown> {
  return {
    ...config,
    adminPassword: config.adminPassword === null ? null : "< hidden >",
    secretKey: config.secretKey === null ? null : "< hidden >",
    fernetKey: config.fernetKey === null ? null : "< hidden >",
  };
}
