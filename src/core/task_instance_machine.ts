/**
 * The task instance state machine: the only place a task instance's state changes. Each
 * transition returns the updated record and the {@link StateChange} to record with its reason.
 *
 * @module
 */

import type { StateChange, TaskInstance } from "./records.ts";
import { isFinishedTaskState, type TaskInstanceState } from "./states.ts";

const MARKABLE: TaskInstanceState[] = ["success", "failed", "skipped"];
const FINISHED: TaskInstanceState[] = [
  "success",
  "failed",
  "skipped",
  "upstream_failed",
  "removed",
];

/** Which states each state may move to. Marking (success/failed/skipped) is allowed from any. */
const ALLOWED: ReadonlyMap<TaskInstanceState, ReadonlySet<TaskInstanceState>> = new Map(
  ([
    [null, ["scheduled", "upstream_failed", "removed", ...MARKABLE]],
    ["scheduled", [null, "queued", "upstream_failed", "removed", ...MARKABLE]],
    ["queued", [null, "scheduled", "running", "up_for_retry", "restarting", ...MARKABLE]],
    ["running", ["up_for_retry", "up_for_reschedule", "restarting", ...MARKABLE]],
    ["deferred", ["scheduled", "up_for_retry", "restarting", ...MARKABLE]],
    ["restarting", [null, "up_for_retry", ...MARKABLE]],
    ["up_for_retry", [null, "scheduled", "upstream_failed", ...MARKABLE]],
    ["up_for_reschedule", [null, "scheduled", "upstream_failed", ...MARKABLE]],
    ...FINISHED.map((s) => [s, [null, ...MARKABLE]] as const),
  ] as [TaskInstanceState, TaskInstanceState[]][]).map(([from, to]) => [from, new Set(to)]),
);

/** Details some transitions need. */
export interface TaskTransitionOptions {
  /** When the change happens. */
  at: number;
  /** Why, in words a user understands; recorded with the change. */
  reason: string;
  /** For `up_for_retry` / `up_for_reschedule`: when the instance may be scheduled again. */
  nextAttemptAt?: number;
  /** For a clear (to `null`): the new retry budget (fact 80). */
  maxTries?: number;
  /** For `queued` and `running`: which executor owns the try; for `running`: where it runs. */
  hostname?: string | null;
  pid?: number | null;
  executorId?: string | null;
  /** A success that counts as an attempt without running (EmptyOperator shortcut, fact 7). */
  countsAsTry?: boolean;
}

/** Raised when a transition is not allowed; names the instance and both states. */
export class IllegalTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IllegalTransitionError";
  }
}

/** Whether `from → to` is a legal task instance transition. */
export function canTransitionTask(from: TaskInstanceState, to: TaskInstanceState): boolean {
  return from !== to && (ALLOWED.get(from)?.has(to) ?? false);
}

/** The result of a transition: the updated instance and the change to record. */
export interface TaskTransition {
  instance: TaskInstance;
  change: StateChange;
}

/**
 * Move a task instance to `to`, applying the bookkeeping that goes with it (try number,
 * start and end dates, duration, retry time).
 *
 * @throws {IllegalTransitionError} when the move is not allowed from the current state.
 */
export function transitionTask(
  instance: TaskInstance,
  to: TaskInstanceState,
  options: TaskTransitionOptions,
): TaskTransition {
  const from = instance.state;
  if (!canTransitionTask(from, to)) {
    throw new IllegalTransitionError(
      `cannot move task instance ${describe(instance)} from ${from ?? "none"} to ${
        to ?? "none"
      } (${options.reason})`,
    );
  }
  const { at } = options;
  const next: TaskInstance = { ...instance, state: to, updatedAt: at };
  if (to === "scheduled") {
    next.nextAttemptAt = null;
    // A reschedule continues the same try; a requeued try never started, so neither counts.
    if (from !== "up_for_reschedule" && from !== "queued") {
      next.tryNumber = instance.tryNumber + 1;
      next.startDate = null;
      next.endDate = null;
      next.duration = null;
    }
  } else if (to === "queued") {
    next.queuedAt = at;
    next.executorId = options.executorId ?? null;
  } else if (to === "running") {
    next.startDate = instance.startDate ?? at;
    next.endDate = null;
    next.duration = null;
    next.hostname = options.hostname ?? null;
    next.pid = options.pid ?? null;
    next.executorId = options.executorId ?? null;
  } else if (to === "up_for_retry" || to === "up_for_reschedule") {
    if (options.nextAttemptAt === undefined) {
      throw new IllegalTransitionError(
        `moving ${describe(instance)} to ${to} needs the time of the next attempt`,
      );
    }
    next.nextAttemptAt = options.nextAttemptAt;
    finish(next, at);
  } else if (to === null) {
    next.maxTries = options.maxTries ?? instance.maxTries;
    next.nextAttemptAt = null;
  } else if (isFinishedTaskState(to)) {
    if (options.countsAsTry) {
      next.tryNumber = from === "scheduled" ? instance.tryNumber : instance.tryNumber + 1;
      next.startDate = at;
    }
    next.nextAttemptAt = null;
    finish(next, at);
  }
  if (to !== "running" && to !== "queued" && to !== "restarting") next.executorId = null;
  return {
    instance: next,
    change: {
      dagId: instance.dagId,
      runId: instance.runId,
      taskId: instance.taskId,
      mapIndex: instance.mapIndex,
      tryNumber: next.tryNumber,
      from,
      to,
      reason: options.reason,
      at,
    },
  };
}

function finish(instance: TaskInstance, at: number): void {
  instance.endDate = at;
  instance.duration = instance.startDate === null
    ? null
    : Math.max(0, at - instance.startDate) / 1000;
}

function describe(instance: TaskInstance): string {
  const index = instance.mapIndex >= 0 ? `[${instance.mapIndex}]` : "";
  return `${instance.dagId}.${instance.taskId}${index} in run ${instance.runId}`;
}
