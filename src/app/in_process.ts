/**
 * The wiring the in-process engines share (`dags test`, `tasks test`, `dags backfill`): a
 * scratch store holding the parsed DAG folder, an executor, a scheduling loop that owns given
 * runs and is stepped until they finish, and the reports of what each task did.
 *
 * @module
 */

import {
  type Clock,
  type DagRun,
  isFinishedRunState,
  isFinishedTaskState,
  type RunKey,
  systemClock,
  type TaskInstance,
  type TaskInstanceKey,
  type TaskInstanceState,
} from "../core/mod.ts";
import { ProcessExecutor, readTaskLog } from "../executor/mod.ts";
import { ActionError, SchedulerLoop } from "../scheduler/mod.ts";
import { type DagWithDefinition, MemoryStore, type Store } from "../store/mod.ts";
import type { UpdraftConfig } from "./config.ts";
import { syncDagFolderOnce } from "./dag_sync.ts";

/**
 * The settings an in-process engine reads; with `databaseUrl` and `home`, `dags test` and
 * `tasks test` read connections and variables from that database when it exists.
 */
export type InProcessConfig =
  & Partial<Pick<UpdraftConfig, "databaseUrl" | "home" | "fernetKey">>
  & Pick<
    UpdraftConfig,
    | "dagsFolder"
    | "rescanIntervalMs"
    | "parseTimeoutMs"
    | "pausedAtCreation"
    | "defaultPoolSlots"
    | "parallelism"
    | "maxActiveRunsPerDag"
    | "maxActiveTasksPerDag"
    | "xcomMaxBytes"
    | "executorProcesses"
    | "sandboxMemoryMb"
    | "prebootedSandboxes"
  >;

/** A task instance that reached a state worth telling, with the log of its try. */
export interface TaskReport {
  instance: TaskInstance;
  /** The try's log; null when the instance never ran (skipped, upstream failed) or has none. */
  log: string | null;
}

/** How far the owned runs are. */
export interface RunProgress {
  runsDone: number;
  runsTotal: number;
  tasksDone: number;
  tasksTotal: number;
  elapsedMs: number;
}

/** Options of {@link runToCompletion}. */
export interface RunToCompletionOptions {
  config: InProcessConfig;
  /** Where the tries' logs go. */
  logsFolder: string;
  clock?: Clock;
  /** Called when a task instance finishes, or ends a try that will be retried or rescheduled. */
  onTask?: (report: TaskReport) => void;
  /** Called after every scheduling step that changed the counts. */
  onProgress?: (progress: RunProgress) => void;
  /** Stops waiting (the runs stay as they are). */
  signal?: AbortSignal;
  /** Where the loop reports problems; default `console.error`. */
  log?: (line: string) => void;
  /** Where tries read connections and variables; default: `store`. */
  secrets?: SecretsSource;
}

/** Where tries read stored connections and variables. */
export type SecretsSource = Pick<Store, "getConnection" | "getVariables">;

/** States in which a try ended and its log is complete. */
const REPORTED_STATES: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  "success",
  "failed",
  "skipped",
  "upstream_failed",
  "removed",
  "up_for_retry",
  "up_for_reschedule",
]);

/** A new executor for an in-process engine, writing logs to `logsFolder`. */
export function createExecutor(config: InProcessConfig, logsFolder: string): ProcessExecutor {
  return new ProcessExecutor({
    logsFolder,
    xcomMaxBytes: config.xcomMaxBytes,
    hostProcesses: config.executorProcesses,
    hostMemoryMb: config.sandboxMemoryMb,
    prebootedSandboxes: config.prebootedSandboxes,
  });
}

/**
 * Advance `runs` with a loop of their own (no other run is touched, no automated run created)
 * until every one of them finished or the signal aborts; returns the runs as they ended.
 */
export async function runToCompletion(
  store: Store,
  runs: RunKey[],
  options: RunToCompletionOptions,
): Promise<DagRun[]> {
  const clock = options.clock ?? systemClock;
  const owned = new Set(runs.map((run) => runKeyText(run)));
  const dagIds = [...new Set(runs.map((run) => run.dagId))];
  const runIds = [...new Set(runs.map((run) => run.runId))];
  const startedAt = Date.now();
  const reported = new Map<string, string>();
  let lastProgress = "";
  const finished = Promise.withResolvers<void>();

  const look = async (): Promise<DagRun[]> => {
    const [runPage, instancePage] = await Promise.all([
      store.listDagRuns({ dagIds, limit: 1_000_000 }),
      store.listTaskInstances({ dagIds, runIds, limit: 1_000_000 }),
    ]);
    const current = runPage.items.filter((run) => owned.has(runKeyText(run)));
    const instances = instancePage.items.filter((instance) => owned.has(runKeyText(instance)));
    // Report in the order things ended (a task before the downstream it failed).
    const ended = instances
      .filter((instance) => REPORTED_STATES.has(instance.state))
      .sort((a, b) => (a.endDate ?? Infinity) - (b.endDate ?? Infinity));
    for (const instance of ended) {
      const key = instanceKeyText(instance);
      const mark = `${instance.state}/${instance.tryNumber}`;
      if (reported.get(key) === mark) continue;
      reported.set(key, mark);
      const log = instance.tryNumber > 0
        ? await readWholeLog(options.logsFolder, instance, instance.tryNumber)
        : null;
      options.onTask?.({ instance, log });
    }
    const progress: RunProgress = {
      runsDone: current.filter((run) => isFinishedRunState(run.state)).length,
      runsTotal: owned.size,
      tasksDone: instances.filter((instance) => isFinishedTaskState(instance.state)).length,
      tasksTotal: instances.length,
      elapsedMs: Date.now() - startedAt,
    };
    const text = JSON.stringify({ ...progress, elapsedMs: 0 });
    if (text !== lastProgress) {
      lastProgress = text;
      options.onProgress?.(progress);
    }
    return current;
  };

  const first = await look();
  if (first.length === owned.size && first.every((run) => isFinishedRunState(run.state))) {
    return first;
  }
  const executor = createExecutor(options.config, options.logsFolder);
  const loop = new SchedulerLoop({
    store,
    executor,
    clock,
    limits: {
      parallelism: options.config.parallelism,
      maxActiveRunsPerDag: options.config.maxActiveRunsPerDag,
      maxActiveTasksPerDag: options.config.maxActiveTasksPerDag,
    },
    owns: (run) => owned.has(runKeyText(run)),
    createAutomatedRuns: false,
    ignorePause: true,
    environment: () => Deno.env.toObject(),
    secrets: options.secrets,
    log: options.log,
    afterStep: async () => {
      const current = await look();
      if (current.every((run) => isFinishedRunState(run.state))) finished.resolve();
    },
  });
  const abort = () => finished.resolve();
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    if (!options.signal?.aborted) {
      loop.start();
      await finished.promise;
    }
  } finally {
    options.signal?.removeEventListener("abort", abort);
    await loop.stop();
    await executor.close();
  }
  return await look();
}

/**
 * A store in memory holding the DAG folder as parsed now, every DAG unpaused: what `dags test`
 * and `tasks test` run against, so they write nothing to the database (they read connections
 * and variables from it, see `openExistingStore`). Import errors go to `options.log`.
 */
export async function scratchStore(
  config: InProcessConfig,
  options: { clock?: Clock; log?: (line: string) => void } = {},
): Promise<Store> {
  const store = new MemoryStore({ defaultPoolSlots: config.defaultPoolSlots });
  await store.migrate();
  const log = options.log ?? (() => {});
  await syncDagFolderOnce(store, { ...config, pausedAtCreation: false }, {
    clock: options.clock ?? systemClock,
    log: (line) => {
      if (line.startsWith("Import error") || line.startsWith("DAG folder:")) log(line);
    },
  });
  return store;
}

/**
 * A DAG the store knows, or an `ActionError` (`not_found`) saying so, with the import errors
 * that may explain why.
 */
export async function requireDag(
  store: Store,
  dagId: string,
  action: string,
): Promise<DagWithDefinition> {
  const found = await store.getDag(dagId);
  if (found && found.dag.isActive) return found;
  const errors = (await store.listImportErrors({ limit: 5 })).items;
  const hint = errors.length === 0
    ? ""
    : ` (files that failed to load: ${errors.map((error) => error.fileloc).join(", ")})`;
  throw new ActionError("not_found", `${action}: no such DAG '${dagId}'${hint}`);
}

/** The whole log of one try, or null when it has none. */
export async function readWholeLog(
  logsFolder: string,
  key: TaskInstanceKey,
  tryNumber: number,
): Promise<string | null> {
  const read = await readTaskLog(logsFolder, key, tryNumber);
  return read === null ? null : read.content;
}

function runKeyText(key: RunKey): string {
  return JSON.stringify([key.dagId, key.runId]);
}

function instanceKeyText(key: TaskInstanceKey): string {
  return JSON.stringify([key.dagId, key.runId, key.taskId, key.mapIndex]);
}
