/**
 * The tries of a task instance, read back from its recorded state changes: each change carries
 * the try number it belongs to, so a try's start is its first move to `running`, its end its
 * last move to a finished or waiting-to-retry state, and its state the last one it reached.
 *
 * @module
 */

import {
  isFinishedTaskState,
  type StateChange,
  type TaskInstance,
  type TaskInstanceState,
} from "../../core/mod.ts";
import type { TryRow } from "../../../ui/task_instance/mod.ts";

interface TryFacts {
  state: TaskInstanceState;
  start: number | null;
  end: number | null;
  cleared: boolean;
}

function endsTry(state: TaskInstanceState): boolean {
  return isFinishedTaskState(state) || state === "up_for_retry" || state === "up_for_reschedule";
}

/**
 * Every try of `instance`, oldest first. `changes` are the instance's changes, oldest first;
 * the current try's dates and host come from the instance itself where it has them.
 */
export function triesOf(
  changes: readonly StateChange[],
  instance: TaskInstance,
  options: { selected: number; href: (tryNumber: number) => string },
): TryRow[] {
  const tries = new Map<number, TryFacts>();
  for (const change of changes) {
    if (change.tryNumber === null || change.tryNumber < 1) continue;
    if (change.mapIndex !== instance.mapIndex) continue;
    let facts = tries.get(change.tryNumber);
    if (!facts) {
      facts = { state: null, start: null, end: null, cleared: false };
      tries.set(change.tryNumber, facts);
    }
    const to = change.to as TaskInstanceState;
    if (to === null) {
      facts.cleared = true;
      continue;
    }
    facts.state = to;
    facts.cleared = false;
    if (to === "running") facts.start ??= change.at;
    if (endsTry(to)) facts.end = change.at;
  }
  if (instance.tryNumber >= 1) {
    const current = tries.get(instance.tryNumber) ??
      { state: instance.state, start: null, end: null, cleared: false };
    if (instance.state !== null) current.state = instance.state;
    current.start = instance.startDate ?? current.start;
    current.end = endsTry(current.state) ? instance.endDate ?? current.end : null;
    tries.set(instance.tryNumber, current);
  }
  return [...tries.entries()].sort(([a], [b]) => a - b).map(([tryNumber, facts]) => ({
    tryNumber,
    state: facts.state,
    start: facts.start,
    end: facts.end,
    durationMs: facts.start !== null && facts.end !== null
      ? Math.max(0, facts.end - facts.start)
      : null,
    hostname: tryNumber === instance.tryNumber ? instance.hostname : null,
    cleared: facts.cleared,
    href: options.href(tryNumber),
    selected: tryNumber === options.selected,
  }));
}

const EXECUTING: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  "scheduled",
  "queued",
  "running",
  "restarting",
  "deferred",
  "up_for_reschedule",
]);
const BEFORE_NEXT_TRY: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  null,
  "up_for_retry",
]);

/**
 * Whether try `tryNumber` may still write to its log: it is the current try and is under way
 * (a reschedule continues the same try), or it is the next try of an instance waiting to run.
 */
export function tryMayWrite(instance: TaskInstance, tryNumber: number): boolean {
  if (tryNumber === instance.tryNumber) return EXECUTING.has(instance.state);
  return tryNumber === instance.tryNumber + 1 && BEFORE_NEXT_TRY.has(instance.state);
}
