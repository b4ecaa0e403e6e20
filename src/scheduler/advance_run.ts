/**
 * Advancing one running DAG run: branch and short-circuit skips, trigger rules in topological
 * order (so a written state propagates in the same pass, fact 30), `dependsOnPast`, the empty
 * task shortcut (fact 7), the run timeout (fact 21) and the run's final state (facts 13–20).
 *
 * @module
 */

import {
  countUpstream,
  decideRunState,
  evaluateTriggerRule,
  formatDuration,
  isFinishedTaskState,
  SKIP_DECISION_KEY,
  type TaskDefinition,
  type TaskInstanceState,
} from "../core/mod.ts";
import type { CancelRequest } from "./absorb_events.ts";
import type { RunEntry, WorkingState } from "./working_state.ts";

const WAITING_TO_RETRY: ReadonlySet<TaskInstanceState> = new Set([
  "up_for_retry",
  "up_for_reschedule",
]);
const IN_FLIGHT: ReadonlySet<TaskInstanceState> = new Set([
  "scheduled",
  "queued",
  "running",
  "restarting",
  "deferred",
  "up_for_retry",
  "up_for_reschedule",
]);
const PAST_OK: ReadonlySet<TaskInstanceState> = new Set(["success", "skipped"]);

/** What advancing a run asks of the caller. */
export interface AdvanceEffects {
  cancel: CancelRequest[];
  /** The earliest time a waiting retry becomes due. */
  wakeAt: number | null;
}

/** Advance one running run at `now`. */
export function advanceRun(
  state: WorkingState,
  entry: RunEntry,
  now: number,
  effects: AdvanceEffects,
): void {
  if (timedOut(state, entry, now, effects)) return;
  const skipByDecision = decisionSkips(entry);
  let changed = false;
  for (const taskId of entry.index.order) {
    const instance = entry.instances.get(taskId);
    const task = entry.index.tasks.get(taskId);
    if (!instance || !task) continue;
    if (instance.state === null && skipByDecision.has(taskId)) {
      state.moveTask(entry, instance, "skipped", { at: now, reason: skipByDecision.get(taskId)! });
      changed = true;
      continue;
    }
    if (instance.state !== null && !WAITING_TO_RETRY.has(instance.state)) continue;
    if (WAITING_TO_RETRY.has(instance.state)) {
      const due = instance.nextAttemptAt ?? now;
      if (due > now) {
        effects.wakeAt = Math.min(effects.wakeAt ?? due, due);
        continue;
      }
    }
    const upstreamStates = task.upstream.map((id) => entry.instances.get(id)?.state ?? null);
    const decision = evaluateTriggerRule(task.triggerRule, countUpstream(upstreamStates));
    if (decision.kind === "write") {
      if (instance.state === null) {
        state.moveTask(entry, instance, decision.state, { at: now, reason: decision.reason });
        changed = true;
      }
      continue;
    }
    if (decision.kind === "wait" || !pastAllows(entry, task)) continue;
    if (task.kind === "empty" && !hasCallbacks(task) && instance.state === null) {
      state.moveTask(entry, instance, "success", {
        at: now,
        reason: "empty task: nothing to run, so it succeeds at once",
        countsAsTry: true,
      });
    } else {
      state.moveTask(entry, instance, "scheduled", { at: now, reason: "its dependencies are met" });
    }
    changed = true;
  }
  settleRun(state, entry, now, changed);
}

function settleRun(state: WorkingState, entry: RunEntry, now: number, changed: boolean): void {
  let unfinished = 0;
  let inFlight = false;
  let pastBound = false;
  const leafStates: TaskInstanceState[] = [];
  for (const instance of entry.instances.values()) {
    if (!isFinishedTaskState(instance.state)) {
      unfinished++;
      if (IN_FLIGHT.has(instance.state)) inFlight = true;
      const task = entry.index.tasks.get(instance.taskId);
      if (task?.dependsOnPast || task?.waitForDownstream) pastBound = true;
    }
    if (entry.index.leaves.has(instance.taskId) && instance.state !== "removed") {
      leafStates.push(instance.state);
    }
  }
  const deadlocked = unfinished > 0 && !inFlight && !changed && !pastBound;
  const outcome = decideRunState({ leafStates, unfinishedCount: unfinished, deadlocked });
  if (outcome.state !== "running") {
    state.moveRun(entry, outcome.state, { at: now, reason: outcome.reason });
  }
}

/** Fact 21: a run older than its DAG's `dagrunTimeout` fails; unfinished tasks are skipped. */
function timedOut(state: WorkingState, entry: RunEntry, now: number, effects: AdvanceEffects) {
  const timeout = entry.index.definition.dagrunTimeoutMs;
  const started = entry.run.startDate;
  if (timeout === null || started === null) return false;
  const deadline = started + timeout;
  if (now < deadline) {
    effects.wakeAt = Math.min(effects.wakeAt ?? deadline, deadline);
    return false;
  }
  const reason = `the run exceeded its dagrunTimeout of ${formatDuration(timeout)}`;
  for (const instance of entry.instances.values()) {
    if (isFinishedTaskState(instance.state)) continue;
    if (instance.state === "running" || instance.state === "queued") {
      effects.cancel.push({ key: instance, tryNumber: instance.tryNumber, reason });
    }
    state.moveTask(entry, instance, "skipped", { at: now, reason });
  }
  state.moveRun(entry, "failed", { at: now, reason: `timed_out: ${reason}` });
  return true;
}

/** Task ids that branch and short-circuit decisions skip, with the reason (facts 82, 85, 90). */
function decisionSkips(entry: RunEntry): Map<string, string> {
  const skips = new Map<string, string>();
  for (const decision of entry.skipDecisions) {
    if (decision.key !== SKIP_DECISION_KEY) continue;
    const value = decision.value as { followed?: string[]; skipped?: string[] } | null;
    if (value?.skipped) {
      for (const id of value.skipped) {
        skips.set(
          id,
          `skipped because short-circuit task '${decision.taskId}' returned a falsy value`,
        );
      }
    } else if (value?.followed) {
      const branch = entry.index.graph;
      const followed = new Set(value.followed);
      const kept = new Set<string>(followed);
      for (const id of followed) {
        if (branch.has(id)) { for (const d of branch.descendants(id)) kept.add(d); }
      }
      for (const child of branch.downstreamOf(decision.taskId)) {
        if (!kept.has(child)) {
          skips.set(
            child,
            `skipped because branch task '${decision.taskId}' followed ${
              [...followed].join(", ") || "no task"
            }`,
          );
        }
      }
    }
  }
  return skips;
}

/** Facts 101–102: the same task in the previous run must have succeeded or been skipped. */
function pastAllows(entry: RunEntry, task: TaskDefinition): boolean {
  if (!task.dependsOnPast && !task.waitForDownstream) return true;
  const previous = entry.index.definition.catchup
    ? entry.previousRun?.nonManual
    : entry.previousRun?.anyType;
  if (!previous) return true;
  const own = previous.states[task.taskId];
  if (own === undefined) return true; // ignore_first_depends_on_past: the task is new
  if (!own.every((s) => PAST_OK.has(s))) return false;
  if (!task.waitForDownstream) return true;
  return entry.index.graph.downstreamOf(task.taskId).every((id) =>
    (previous.states[id] ?? []).every((s) => PAST_OK.has(s))
  );
}

function hasCallbacks(task: TaskDefinition): boolean {
  return task.callbacks.onFailure || task.callbacks.onSuccess || task.callbacks.onRetry;
}
