/**
 * The loop's snapshot between steps: the last snapshot patched with what the loop itself wrote,
 * kept only while the store's scheduling version says nothing else changed. Reading every
 * active task instance again on every step cost most of the server's time in a large fan-out.
 *
 * @module
 */

import {
  type ActiveRun,
  type DagRecord,
  type Revised,
  type SchedulingSnapshot,
  type SchedulingStep,
  SKIP_DECISION_KEY,
  type StepResult,
  type XCom,
} from "../core/mod.ts";
import { runKey, taskKey } from "./working_state.ts";

/**
 * The snapshot as it is once `step` was written, or null when that cannot be known for sure and
 * the snapshot must be read again: a conflict, a new run or task instance (their previous-run
 * states are loaded with the snapshot), an update of something the snapshot does not hold, or a
 * change to a DAG whose runs look at their previous runs. Written rows have their revision
 * incremented by one, as the store does.
 */
export function patchedSnapshot(
  snapshot: SchedulingSnapshot,
  step: SchedulingStep,
  result: StepResult,
): SchedulingSnapshot | null {
  if (result.conflicts > 0) return null;
  if (step.runs.some((update) => update.expectedRevision === null)) return null;
  if (step.taskInstances.some((update) => update.expectedRevision === null)) return null;
  const looksBack = new Set(
    snapshot.activeRuns.filter((active) => active.previousRun !== undefined)
      .map((active) => active.run.record.dagId),
  );
  const touched = [...step.runs.map((u) => u.run), ...step.taskInstances.map((u) => u.instance)];
  if (touched.some((record) => looksBack.has(record.dagId))) return null;

  const dags = patchDags(snapshot.dags, step);
  if (dags === null) return null;
  const runs = new Map(step.runs.map((update) => [runKey(update.run), update]));
  const tasks = groupByRun(step.taskInstances, (update) => update.instance);
  const decisions = groupByRun(
    step.xcoms.filter((xcom) => xcom.key === SKIP_DECISION_KEY),
    (x) => x,
  );
  const cleared = new Set(step.clearXcoms.map(taskKey));
  let applied = 0;
  const activeRuns: ActiveRun[] = [];
  for (const active of snapshot.activeRuns) {
    const key = runKey(active.run.record);
    const runUpdate = runs.get(key);
    const taskUpdates = tasks.get(key);
    const newDecisions = [...(decisions.get(key)?.values() ?? [])];
    const clearsDecision = active.skipDecisions.some((xcom) => cleared.has(taskKey(xcom)));
    if (!runUpdate && !taskUpdates && newDecisions.length === 0 && !clearsDecision) {
      activeRuns.push(active);
      continue;
    }
    if (runUpdate) applied++;
    const run = runUpdate
      ? { record: runUpdate.run, revision: active.run.revision + 1 }
      : active.run;
    let taskInstances = active.taskInstances;
    if (taskUpdates) {
      taskInstances = active.taskInstances.map((revised) => {
        const update = taskUpdates.get(taskKey(revised.record));
        if (!update) return revised;
        applied++;
        return { record: update.instance, revision: revised.revision + 1 };
      });
    }
    if (run.record.state !== "queued" && run.record.state !== "running") continue; // finished
    const skipDecisions: XCom[] = active.skipDecisions.filter((xcom) => {
      const id = taskKey(xcom);
      return !cleared.has(id) && !newDecisions.some((added) => taskKey(added) === id);
    });
    skipDecisions.push(...newDecisions);
    activeRuns.push({ ...active, run, taskInstances, skipDecisions });
  }
  // Every update must have found its row: otherwise the snapshot did not hold what was written.
  if (applied !== step.runs.length + step.taskInstances.length) return null;
  return { ...snapshot, dags, activeRuns };
}

function patchDags(
  dags: readonly Revised<DagRecord>[],
  step: SchedulingStep,
): Revised<DagRecord>[] | null {
  if (step.dags.length === 0) return [...dags];
  const updates = new Map(step.dags.map((update) => [update.dagId, update]));
  let applied = 0;
  const patched = dags.map((entry) => {
    const update = updates.get(entry.record.dagId);
    if (!update) return entry;
    applied++;
    return {
      record: {
        ...entry.record,
        nextRun: update.nextRun,
        lastAutomatedRun: update.lastAutomatedRun,
      },
      revision: entry.revision + 1,
    };
  });
  return applied === step.dags.length ? patched : null;
}

/** Items grouped by their run's key, then by task instance key. */
function groupByRun<T>(
  items: readonly T[],
  keyOf: (item: T) => Parameters<typeof taskKey>[0],
): Map<string, Map<string, T>> {
  const grouped = new Map<string, Map<string, T>>();
  for (const item of items) {
    const key = keyOf(item);
    const forRun = grouped.get(runKey(key)) ?? new Map<string, T>();
    forRun.set(taskKey(key), item);
    grouped.set(runKey(key), forRun);
  }
  return grouped;
}
