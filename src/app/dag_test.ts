/**
 * `updraft dags test` (fact 167): one DAG run, in this process, writing no state. The DAG folder
 * is parsed into a store in memory, a manual run created for the date, and a loop of its own
 * steps it until it finishes; logs go to a temporary folder that is removed afterwards.
 *
 * @module
 */

import {
  type Clock,
  type DagRun,
  type JsonObject,
  systemClock,
  type TaskInstance,
} from "../core/mod.ts";
import { triggerDagRun } from "../scheduler/mod.ts";
import {
  type InProcessConfig,
  requireDag,
  runToCompletion,
  scratchStore,
  type SecretsSource,
  type TaskReport,
} from "./in_process.ts";
import { openExistingStore } from "./open_store.ts";

/** What to test. */
export interface DagTestRequest {
  dagId: string;
  /** The run's logical date; default now. */
  logicalDate?: number;
  conf?: JsonObject;
}

/** Options of {@link testDag}. */
export interface DagTestOptions {
  clock?: Clock;
  /** Called as each task finishes (or ends a try that will be retried), with its log. */
  onTask?: (report: TaskReport) => void;
  /** Stops the test; the run is reported as it stands. */
  signal?: AbortSignal;
  /** Where parse and scheduling problems are reported; default: nowhere / `console.error`. */
  log?: (line: string) => void;
  /**
   * Where tries read connections and variables (after `UPDRAFT_CONN_*` / `UPDRAFT_VAR_*`);
   * default: the configured database when its file exists, as Airflow's `dags test` reads its
   * metadata database.
   */
  secrets?: SecretsSource;
}

/** How the test run ended. */
export interface DagTestResult {
  run: DagRun;
  /** Every task instance of the run, as it ended. */
  instances: TaskInstance[];
}

/**
 * Run one DAG run in-process without writing to the database or the home folder (connections
 * and variables are read from the database when it exists).
 *
 * @throws {ActionError} `not_found` for an unknown DAG, `invalid` for a bad conf.
 */
export async function testDag(
  config: InProcessConfig,
  request: DagTestRequest,
  options: DagTestOptions = {},
): Promise<DagTestResult> {
  const realClock = options.clock ?? systemClock;
  const real = options.secrets ? null : await openExistingStore(config);
  const store = await scratchStore(config, { clock: realClock, log: options.log })
    .catch(async (error) => {
      await real?.close();
      throw error;
    });
  const logsFolder = await Deno.makeTempDir({ prefix: "updraft-dags-test-" });
  try {
    const found = await requireDag(store, request.dagId, `cannot test DAG '${request.dagId}'`);
    const now = realClock.now();
    if (found.dag.isPaused) await store.setDagPaused(request.dagId, false, now);
    const logicalDate = request.logicalDate ?? now;
    // A run dated in the future starts only at its date (fact 62); a test runs it now, so its
    // loop sees a clock moved forward to the date.
    const offset = Math.max(0, logicalDate - now);
    const clock: Clock = offset === 0 ? realClock : { now: () => realClock.now() + offset };
    const run = await triggerDagRun(store, {
      dagId: request.dagId,
      logicalDate,
      conf: request.conf,
      triggeredBy: "updraft dags test",
    }, now);
    const [ended] = await runToCompletion(store, [run], {
      config,
      logsFolder,
      clock,
      onTask: options.onTask,
      signal: options.signal,
      log: options.log,
      secrets: options.secrets ?? real ?? undefined,
    });
    const instances = (await store.listTaskInstances({
      dagIds: [run.dagId],
      runIds: [run.runId],
      limit: 1_000_000,
    })).items;
    return { run: ended ?? run, instances };
  } finally {
    await store.close();
    await real?.close();
    await Deno.remove(logsFolder, { recursive: true }).catch(() => {});
  }
}
