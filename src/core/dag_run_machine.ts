/**
 * The DAG run state machine: the only place a DAG run's state changes. Each transition returns
 * the updated run and the {@link StateChange} to record with its reason.
 *
 * @module
 */

import type { DagRun, StateChange } from "./records.ts";
import type { DagRunState } from "./states.ts";
import { IllegalTransitionError } from "./task_instance_machine.ts";

const ALLOWED: ReadonlyMap<DagRunState, ReadonlySet<DagRunState>> = new Map([
  ["queued", new Set<DagRunState>(["running", "success", "failed"])],
  ["running", new Set<DagRunState>(["queued", "success", "failed"])],
  ["success", new Set<DagRunState>(["queued", "failed"])],
  ["failed", new Set<DagRunState>(["queued", "success"])],
]);

/** Details of a run transition. */
export interface RunTransitionOptions {
  at: number;
  reason: string;
}

/** The result of a transition: the updated run and the change to record. */
export interface RunTransition {
  run: DagRun;
  change: StateChange;
}

/** Whether `from → to` is a legal DAG run transition. */
export function canTransitionRun(from: DagRunState, to: DagRunState): boolean {
  return ALLOWED.get(from)?.has(to) ?? false;
}

/**
 * Move a DAG run to `to`. Starting sets `startDate`; finishing sets `endDate`; going back to
 * `queued` from a finished state is a clear (fact 128): dates reset and `clearNumber` grows.
 *
 * @throws {IllegalTransitionError} when the move is not allowed from the current state.
 */
export function transitionRun(
  run: DagRun,
  to: DagRunState,
  options: RunTransitionOptions,
): RunTransition {
  const from = run.state;
  if (!canTransitionRun(from, to)) {
    throw new IllegalTransitionError(
      `cannot move DAG run ${run.dagId}/${run.runId} from ${from} to ${to} (${options.reason})`,
    );
  }
  const { at } = options;
  const next: DagRun = { ...run, state: to, updatedAt: at };
  if (to === "running") {
    next.startDate = at;
    next.endDate = null;
  } else if (to === "success" || to === "failed") {
    next.endDate = at;
    next.startDate = run.startDate ?? at;
  } else if (to === "queued") {
    next.queuedAt = at;
    next.startDate = null;
    next.endDate = null;
    next.lastSchedulingDecision = null;
    if (from === "success" || from === "failed") next.clearNumber = run.clearNumber + 1;
  }
  return {
    run: next,
    change: {
      dagId: run.dagId,
      runId: run.runId,
      taskId: null,
      mapIndex: -1,
      tryNumber: null,
      from,
      to,
      reason: options.reason,
      at,
    },
  };
}
