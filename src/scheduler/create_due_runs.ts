/**
 * Creating automated runs from timetables (facts 51–60): at most one new run per DAG per step,
 * only for active, unpaused DAGs below their `maxActiveRuns`.
 *
 * @module
 */

import { nextAutomatedRun, runIdFor } from "../core/mod.ts";
import type { SchedulingLimits } from "./plan.ts";
import { createRun } from "./run_factory.ts";
import type { DagEntry, WorkingState } from "./working_state.ts";

/** Create the runs that are due; returns when the next one becomes due, or null. */
export function createDueRuns(
  state: WorkingState,
  now: number,
  limits: SchedulingLimits,
): number | null {
  const active = activeRunCounts(state);
  let wakeAt: number | null = null;
  for (const dag of state.dags.values()) {
    const { record, index } = dag;
    if (record.isPaused || !record.isActive || index.definition.schedule.kind === "none") continue;
    let next = record.nextRun;
    if (next === null) {
      next = nextAutomatedRun(index.definition, lastOf(dag), now);
      if (next === null) continue;
      state.updateDagSchedule(dag, { nextRun: next, lastAutomatedRun: record.lastAutomatedRun });
    }
    if (next.runAfter > now) {
      wakeAt = wakeAt === null ? next.runAfter : Math.min(wakeAt, next.runAfter);
      continue;
    }
    const limit = index.definition.maxActiveRuns ?? limits.maxActiveRunsPerDag;
    if ((active.get(record.dagId) ?? 0) >= limit) continue;
    const created = createRun(index, {
      runId: runIdFor("scheduled", next.logicalDate),
      runType: "scheduled",
      logicalDate: next.logicalDate,
      dataInterval: next.dataInterval,
      runAfter: next.runAfter,
      reason: "created by the scheduler: its data interval has ended",
    }, now);
    state.addNewRun(created, index);
    active.set(record.dagId, (active.get(record.dagId) ?? 0) + 1);
    const last = { logicalDate: next.logicalDate, dataInterval: next.dataInterval };
    state.updateDagSchedule(dag, {
      nextRun: nextAutomatedRun(index.definition, last, now),
      lastAutomatedRun: next.dataInterval,
    });
  }
  return wakeAt;
}

/** Queued and running runs per DAG, backfill runs left out (fact 60). */
function activeRunCounts(state: WorkingState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of state.runs.values()) {
    if (entry.run.runType === "backfill") continue;
    counts.set(entry.run.dagId, (counts.get(entry.run.dagId) ?? 0) + 1);
  }
  return counts;
}

function lastOf(dag: DagEntry) {
  const last = dag.record.lastAutomatedRun;
  return last ? { logicalDate: last.start, dataInterval: last } : null;
}
