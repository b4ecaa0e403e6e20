/**
 * Acting on a written plan: stop the tries it cancels, dispatch the task instances it queued
 * (only those whose update was written), run the callbacks it asked for.
 *
 * @module
 */

import type {
  DagRun,
  SchedulingSnapshot,
  StepResult,
  TaskInstance,
  TaskInstanceKey,
} from "../core/mod.ts";
import type { Executor, ExecutorEvent } from "../executor/mod.ts";
import type { DefinitionIndexCache } from "./definition_index.ts";
import type { JobBuilder } from "./job_builder.ts";
import type { SchedulingPlan } from "./plan.ts";
import { runKey, taskKey } from "./working_state.ts";

/** What dispatching needs besides the plan. */
export interface DispatchContext {
  snapshot: SchedulingSnapshot;
  executor: Executor;
  jobs: JobBuilder;
  cache: DefinitionIndexCache;
  /** Cancels already sent, so a try is asked to stop once. */
  cancelsSent: Set<string>;
  /** Tries dispatched and not yet reported finished, by task key string. */
  inFlight: Map<string, { key: TaskInstanceKey; tryNumber: number }>;
  /** Report a try that could not even be dispatched, as a failure event for the next step. */
  failLater: (event: ExecutorEvent) => void;
  now: number;
}

/** Carry out a plan whose step was written. */
export async function dispatchPlan(
  decided: SchedulingPlan,
  written: StepResult,
  context: DispatchContext,
): Promise<void> {
  const { executor } = context;
  for (const request of decided.cancel) cancelOnce(request, context);
  if (decided.dispatch.length === 0 && decided.callbacks.length === 0) return;
  const instances = new Map<string, TaskInstance>();
  for (const update of decided.step.taskInstances) {
    instances.set(taskKey(update.instance), update.instance);
  }
  const runs = new Map<string, DagRun>();
  for (const active of context.snapshot.activeRuns) {
    runs.set(runKey(active.run.record), active.run.record);
  }
  for (const update of decided.step.runs) runs.set(runKey(update.run), update.run);
  const writtenKeys = new Set(written.writtenTaskInstances.map(taskKey));

  const jobFor = (instance: TaskInstance) => {
    const run = runs.get(runKey(instance));
    const definition = run ? context.snapshot.definitions[run.versionHash] : undefined;
    if (!run || !definition) {
      throw new Error(`the run ${instance.runId} of ${instance.dagId} is gone`);
    }
    return context.jobs.build(context.cache.get(run.versionHash, definition), run, instance);
  };

  await Promise.all(decided.dispatch.map(async (key) => {
    const instance = instances.get(taskKey(key));
    if (!instance || !writtenKeys.has(taskKey(key))) return;
    try {
      const job = await jobFor(instance);
      context.inFlight.set(taskKey(key), { key, tryNumber: instance.tryNumber });
      executor.dispatch(job);
    } catch (error) {
      const reason = `could not start the try: ${message(error)}`;
      // The try's log says why too: it is where users look first.
      await executor.appendLog(key, instance.tryNumber, reason).catch(() => {});
      context.failLater({
        type: "finished",
        key,
        tryNumber: instance.tryNumber,
        at: context.now,
        outcome: { status: "failed", error: reason, noRetry: false },
        xcoms: [],
        renderedFields: null,
      });
    }
  }));
  await Promise.all(decided.callbacks.map(async (request) => {
    const instance = instances.get(taskKey(request.key));
    if (!instance || !writtenKeys.has(taskKey(request.key))) return;
    try {
      const job = await jobFor(instance);
      executor.runCallback({
        kind: request.kind,
        // The callback is about the try that ended, even if the next try already started.
        job: {
          ...job,
          tryNumber: request.tryNumber,
          context: { ...job.context, tryNumber: request.tryNumber },
        },
        error: request.error,
      });
    } catch (error) {
      await executor.appendLog(
        request.key,
        request.tryNumber,
        `could not run the ${request.kind} callback: ${message(error)}`,
      );
    }
  }));
}

/** Ask the executor to stop a try, once. */
export function cancelOnce(
  request: { key: TaskInstanceKey; tryNumber: number; reason: string },
  context: Pick<DispatchContext, "executor" | "cancelsSent" | "inFlight">,
): void {
  const id = `${taskKey(request.key)}#${request.tryNumber}`;
  if (context.cancelsSent.has(id)) return;
  if (context.cancelsSent.size > 10_000) context.cancelsSent.clear();
  context.cancelsSent.add(id);
  context.inFlight.delete(taskKey(request.key));
  context.executor.cancel(request.key, request.tryNumber, request.reason);
}

/**
 * Stop tries the state no longer wants: their task instance was marked, cleared (now
 * `restarting`) or skipped, or their run finished or was deleted.
 */
export function cancelUnwantedTries(
  snapshot: SchedulingSnapshot,
  context: Pick<DispatchContext, "executor" | "cancelsSent" | "inFlight">,
): void {
  if (context.inFlight.size === 0) return;
  const executing = new Map<string, TaskInstance>();
  for (const active of snapshot.activeRuns) {
    for (const { record } of active.taskInstances) {
      if (record.state === "queued" || record.state === "running") {
        executing.set(taskKey(record), record);
      }
    }
  }
  for (const [id, { key, tryNumber }] of [...context.inFlight]) {
    const instance = executing.get(id);
    if (instance && instance.tryNumber === tryNumber) continue;
    cancelOnce({
      key,
      tryNumber,
      reason: "the task instance was marked, cleared or its run ended, so this try is stopped",
    }, context);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
