/**
 * Turning what the executor reports into state changes: a try started, a try finished, or a try
 * whose sandbox was lost. Failures go to `up_for_retry` or `failed` by the retry rules.
 *
 * @module
 */

import {
  EXECUTING_TASK_STATES,
  formatIso,
  type JsonValue,
  nextRetryAt,
  shortCircuitSkips,
  shouldRetry,
  SKIP_DECISION_KEY,
  type TaskInstance,
  type TaskInstanceKey,
} from "../core/mod.ts";
import type { CallbackKind, ExecutorEvent } from "../executor/mod.ts";
import { instanceKey, type RunEntry, type WorkingState } from "./working_state.ts";

/** A callback the loop must run after the step is written. */
export interface CallbackRequest {
  key: TaskInstanceKey;
  tryNumber: number;
  kind: CallbackKind;
  error: string | null;
}

/** A try the loop must stop. */
export interface CancelRequest {
  key: TaskInstanceKey;
  tryNumber: number;
  reason: string;
}

/** Where absorbed events leave the work they cause. */
export interface EventEffects {
  callbacks: CallbackRequest[];
  cancel: CancelRequest[];
}

/** Apply executor events, in order, to the working state. */
export function absorbEvents(
  state: WorkingState,
  events: readonly ExecutorEvent[],
  effects: EventEffects,
): void {
  for (const event of events) {
    const entry = state.entryOf(event.key);
    const instance = entry?.instances.get(event.key.taskId);
    if (!entry || !instance || instance.tryNumber !== event.tryNumber) continue;
    if (event.type === "started") absorbStarted(state, entry, instance, event, effects);
    else absorbFinished(state, entry, instance, event, effects);
  }
}

function absorbStarted(
  state: WorkingState,
  entry: RunEntry,
  instance: TaskInstance,
  event: Extract<ExecutorEvent, { type: "started" }>,
  effects: EventEffects,
): void {
  if (instance.state === "queued") {
    const running = state.moveTask(entry, instance, "running", {
      at: event.at,
      reason: `try ${event.tryNumber} started on ${event.hostname} (pid ${event.pid})`,
      hostname: event.hostname,
      pid: event.pid,
      executorId: instance.executorId,
    });
    state.touchTask(entry, { ...running, renderedFields: event.renderedFields });
  } else if (instance.state !== "running") {
    effects.cancel.push({
      key: event.key,
      tryNumber: event.tryNumber,
      reason: `the task instance is ${instance.state ?? "none"} now, so this try is not wanted`,
    });
  }
}

function absorbFinished(
  state: WorkingState,
  entry: RunEntry,
  instance: TaskInstance,
  event: Extract<ExecutorEvent, { type: "finished" }>,
  effects: EventEffects,
): void {
  const at = event.at;
  let current = instance;
  if (current.state === "queued") {
    current = state.moveTask(entry, current, "running", {
      at,
      reason: "try started",
      executorId: current.executorId,
    });
  }
  if (current.state === "restarting") {
    const task = entry.index.tasks.get(current.taskId);
    state.moveTask(entry, current, null, {
      at,
      reason: "cleared while running: the try was stopped and the task will run again",
      maxTries: current.tryNumber + (task?.retries ?? 0),
    });
    return;
  }
  if (current.state !== "running") return; // marked or timed out meanwhile: its state stands
  if (event.renderedFields) current = { ...current, renderedFields: event.renderedFields };
  const outcome = event.outcome;
  if (outcome.status === "failed") {
    failTry(state, entry, current, { at, error: outcome.error, noRetry: outcome.noRetry }, effects);
    return;
  }
  for (const xcom of event.xcoms) pushXCom(state, current, xcom.key, xcom.value, at);
  if (outcome.status === "reschedule") {
    // Fact 95: the same try pokes again once the date is reached; the slot is free meanwhile.
    const nextAttemptAt = Math.max(outcome.at, at);
    state.moveTask(entry, current, "up_for_reschedule", {
      at,
      reason: `try ${current.tryNumber}: the sensor is not done yet; next poke at ${
        formatIso(nextAttemptAt)
      }`,
      nextAttemptAt,
    });
    return;
  }
  if (outcome.status === "skipped") {
    state.moveTask(entry, current, "skipped", { at, reason: outcome.reason });
    return;
  }
  recordSkipDecision(state, entry, current, event, at);
  state.moveTask(entry, current, "success", { at, reason: `try ${current.tryNumber} succeeded` });
  if (entry.index.tasks.get(current.taskId)?.callbacks.onSuccess) {
    effects.callbacks.push({
      key: current,
      tryNumber: current.tryNumber,
      kind: "onSuccess",
      error: null,
    });
  }
}

/** A try failed: retry it if the task has tries left (fact 73), else fail it. */
export function failTry(
  state: WorkingState,
  entry: RunEntry,
  instance: TaskInstance,
  failure: { at: number; error: string; noRetry: boolean },
  effects: EventEffects,
): void {
  const task = entry.index.tasks.get(instance.taskId);
  const retries = task?.retries ?? 0;
  const summary = firstLine(failure.error);
  if (task && shouldRetry(instance, task, { noRetry: failure.noRetry })) {
    const nextAttemptAt = nextRetryAt(
      task,
      { tryNumber: instance.tryNumber, endDate: failure.at },
      {
        dagId: instance.dagId,
        taskId: instance.taskId,
        logicalDate: entry.run.logicalDate,
      },
      failure.at,
    );
    state.moveTask(entry, instance, "up_for_retry", {
      at: failure.at,
      reason: `try ${instance.tryNumber} of ${retries + 1} failed: ${summary}`,
      nextAttemptAt,
    });
    if (task.callbacks.onRetry) {
      effects.callbacks.push({
        key: instance,
        tryNumber: instance.tryNumber,
        kind: "onRetry",
        error: failure.error,
      });
    }
    return;
  }
  const why = failure.noRetry ? " (the task asked not to be retried)" : "";
  state.moveTask(entry, instance, "failed", {
    at: failure.at,
    reason: `try ${instance.tryNumber} failed${why}: ${summary}`,
  });
  if (task?.callbacks.onFailure) {
    effects.callbacks.push({
      key: instance,
      tryNumber: instance.tryNumber,
      kind: "onFailure",
      error: failure.error,
    });
  }
}

/**
 * Tries of runs this scheduler owns that sit in an executing state under an executor that is no
 * longer alive (the process died or was killed): queued ones go back to `scheduled`, running
 * ones fail (and retry if they may), restarting ones are cleared.
 */
export function recoverLostTries(
  state: WorkingState,
  options: {
    now: number;
    liveExecutorIds: ReadonlySet<string>;
    owns: (entry: RunEntry) => boolean;
  },
  effects: EventEffects,
): void {
  for (const entry of state.runs.values()) {
    if (!options.owns(entry)) continue;
    for (const instance of entry.instances.values()) {
      const executing = EXECUTING_TASK_STATES.has(instance.state) ||
        instance.state === "restarting";
      if (!executing || (instance.executorId && options.liveExecutorIds.has(instance.executorId))) {
        continue;
      }
      const at = options.now;
      if (instance.state === "queued") {
        state.moveTask(entry, instance, "scheduled", {
          at,
          reason: "its executor was lost before the try started; it will be queued again",
        });
      } else if (instance.state === "restarting") {
        const retries = entry.index.tasks.get(instance.taskId)?.retries ?? 0;
        state.moveTask(entry, instance, null, {
          at,
          reason: "cleared while running; its executor is gone",
          maxTries: instance.tryNumber + retries,
        });
      } else {
        failTry(state, entry, instance, {
          at,
          error: "The sandbox running this try was lost: the process hosting it died or was " +
            "killed before the try finished (detected by the scheduler).",
          noRetry: false,
        }, effects);
      }
    }
  }
}

function recordSkipDecision(
  state: WorkingState,
  entry: RunEntry,
  instance: TaskInstance,
  event: Extract<ExecutorEvent, { type: "finished" }>,
  at: number,
): void {
  const task = entry.index.tasks.get(instance.taskId);
  let decision: { followed: string[] } | { skipped: string[] } | null = null;
  if (task?.branch && event.followed) {
    decision = { followed: [...event.followed] };
  } else if (task?.shortCircuit && event.proceed === false) {
    const ignoreRules = task.shortCircuit.ignoreDownstreamTriggerRules;
    decision = { skipped: shortCircuitSkips(entry.index.graph, task.taskId, ignoreRules) };
  }
  if (decision === null) return;
  pushXCom(state, instance, SKIP_DECISION_KEY, decision, at);
  entry.skipDecisions = [...entry.skipDecisions, state.xcoms[state.xcoms.length - 1]];
}

function pushXCom(
  state: WorkingState,
  instance: TaskInstance,
  key: string,
  value: JsonValue,
  at: number,
): void {
  state.xcoms.push({ ...instanceKey(instance), key, value, timestamp: at });
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
