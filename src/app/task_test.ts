/**
 * `updraft tasks test` (fact 169): one task instance, in this process, ignoring its
 * dependencies and any state, writing no state. A temporary run in a store in memory gives the
 * try its context; the try runs in a sandbox like any other, with its log in a temporary folder.
 *
 * @module
 */

import {
  type Clock,
  type JsonObject,
  type JsonValue,
  parseDate,
  systemClock,
  type TaskInstanceKey,
} from "../core/mod.ts";
import type { ExecutorEvent, TryOutcome } from "../executor/mod.ts";
import { ActionError, indexDefinition, JobBuilder, triggerDagRun } from "../scheduler/mod.ts";
import {
  createExecutor,
  type InProcessConfig,
  readWholeLog,
  requireDag,
  scratchStore,
  type SecretsSource,
} from "./in_process.ts";
import { openExistingStore } from "./open_store.ts";

/** What to test. */
export interface TaskTestRequest {
  dagId: string;
  taskId: string;
  /** The logical date of the temporary run; default now. */
  logicalDate?: number;
  /** The run id of the temporary run; default `manual__<logical date>`. */
  runId?: string;
  /** Laid over the DAG's params (Airflow's `-t/--task-params`). */
  taskParams?: JsonObject;
  /** The run's conf. */
  conf?: JsonObject;
}

/** Options of {@link testTask}. */
export interface TaskTestOptions {
  clock?: Clock;
  /** Stops the try; it then ends failed. */
  signal?: AbortSignal;
  /** Where parse problems are reported; default nowhere. */
  log?: (line: string) => void;
  /** Where the try reads connections and variables; default as {@link testDag}'s. */
  secrets?: SecretsSource;
}

/** How the try ended. */
export interface TaskTestResult {
  key: TaskInstanceKey;
  outcome: TryOutcome;
  /** The XComs the try pushed, `return_value` included. */
  xcoms: { key: string; value: JsonValue }[];
  /** The try's log. */
  log: string;
}

const RESERVED_RUN_ID = /^(scheduled|backfill|manual|dataset_triggered)__(.+)$/;

/**
 * Run one task instance in-process without writing to the database or the home folder
 * (connections and variables are read from the database when it exists).
 *
 * @throws {ActionError} `not_found` for an unknown DAG or task, `invalid` for a bad run id.
 */
export async function testTask(
  config: InProcessConfig,
  request: TaskTestRequest,
  options: TaskTestOptions = {},
): Promise<TaskTestResult> {
  const clock = options.clock ?? systemClock;
  const action = `cannot test task '${request.taskId}' of DAG '${request.dagId}'`;
  const real = options.secrets ? null : await openExistingStore(config);
  const store = await scratchStore(config, { clock, log: options.log }).catch(async (error) => {
    await real?.close();
    throw error;
  });
  const logsFolder = await Deno.makeTempDir({ prefix: "updraft-tasks-test-" });
  try {
    const found = await requireDag(store, request.dagId, action);
    const task = found.definition.tasks.find((candidate) => candidate.taskId === request.taskId);
    if (!task) {
      const known = found.definition.tasks.map((candidate) => candidate.taskId).sort();
      throw new ActionError(
        "not_found",
        `${action}: no such task (its tasks: ${known.join(", ")})`,
      );
    }
    const now = clock.now();
    const run = await triggerDagRun(store, {
      dagId: request.dagId,
      ...runIdentity(request, now),
      conf: request.conf,
      triggeredBy: "updraft tasks test",
    }, now);
    const key = { dagId: run.dagId, runId: run.runId, taskId: task.taskId, mapIndex: -1 };
    const instance = await store.getTaskInstance(key);
    if (!instance) throw new Error(`${action}: the temporary run has no instance of the task`);
    const index = indexDefinition(found.dag.versionHash, found.definition);
    const jobs = new JobBuilder(store, {
      environment: () => Deno.env.toObject(),
      secrets: options.secrets ?? real ?? undefined,
    });
    const job = await jobs.build(index, run, {
      ...instance,
      tryNumber: 1,
      maxTries: Math.max(instance.maxTries, 1),
    });
    job.context.params = { ...job.context.params, ...request.taskParams };
    const executor = createExecutor(config, logsFolder);
    try {
      const done = Promise.withResolvers<Extract<ExecutorEvent, { type: "finished" }>>();
      executor.onEvent((event) => {
        if (event.type === "finished") done.resolve(event);
      });
      const cancel = () => executor.cancel(key, job.tryNumber, "the test was stopped");
      options.signal?.addEventListener("abort", cancel, { once: true });
      executor.dispatch(job);
      const finished = await done.promise.finally(() =>
        options.signal?.removeEventListener("abort", cancel)
      );
      const log = await readWholeLog(logsFolder, key, job.tryNumber) ?? "";
      return { key, outcome: finished.outcome, xcoms: finished.xcoms, log };
    } finally {
      await executor.close();
    }
  } finally {
    await store.close();
    await real?.close();
    await Deno.remove(logsFolder, { recursive: true }).catch(() => {});
  }
}

/**
 * The temporary run's id and logical date. A run id in a reserved form
 * (`scheduled__2024-01-01T00:00:00+00:00`) may not be given to a manual run, so its date is used.
 */
function runIdentity(
  request: TaskTestRequest,
  now: number,
): { runId?: string; logicalDate: number } {
  const reserved = request.runId === undefined ? null : RESERVED_RUN_ID.exec(request.runId);
  if (reserved) {
    return { logicalDate: request.logicalDate ?? parseDate(reserved[2], "the run id's date") };
  }
  return { runId: request.runId, logicalDate: request.logicalDate ?? now };
}
