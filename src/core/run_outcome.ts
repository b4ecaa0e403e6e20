/**
 * How a DAG run's state follows from its task instances (§1.3, facts 13–20).
 *
 * @module
 */

import type { TaskInstanceState } from "./states.ts";

/** What the run's task instances look like after a scheduling pass. */
export interface RunOutcomeInput {
  /**
   * States of the leaf task instances (tasks without downstream tasks). `removed` leaves may be
   * included: they are left out here (fact 14).
   */
  leafStates: readonly TaskInstanceState[];
  /** How many of the run's task instances (leaves or not) are unfinished. */
  unfinishedCount: number;
  /**
   * Whether unfinished instances exist and none can ever be scheduled (fact 15c). The caller
   * decides it: nothing changed in this pass, nothing is executing, waiting for a retry or
   * reschedule, deferred, or bound to an earlier run by `dependsOnPast` (fact 103).
   */
  deadlocked: boolean;
}

/** The run's state and why. */
export interface RunOutcome {
  state: "success" | "failed" | "running";
  reason: string;
}

/**
 * Decide a run's state (fact 15): failed when everything finished and a leaf failed
 * (`task_failure`); success when everything finished and every leaf succeeded or was skipped
 * (also when no leaf is left); failed when deadlocked (`all_tasks_deadlocked`); else running.
 * Only the leaves matter, and only once every instance has finished (facts 16–18).
 */
export function decideRunState(input: RunOutcomeInput): RunOutcome {
  const leaves = input.leafStates.filter((state) => state !== "removed");
  if (input.unfinishedCount === 0) {
    if (leaves.some((state) => state === "failed" || state === "upstream_failed")) {
      return { state: "failed", reason: "task_failure" };
    }
    if (leaves.every((state) => state === "success" || state === "skipped")) {
      return { state: "success", reason: "all leaves succeeded or were skipped" };
    }
  }
  if (input.deadlocked && input.unfinishedCount > 0) {
    return { state: "failed", reason: "all_tasks_deadlocked" };
  }
  const count = input.unfinishedCount;
  return {
    state: "running",
    reason: `${count} task instance${count === 1 ? "" : "s"} still unfinished`,
  };
}
