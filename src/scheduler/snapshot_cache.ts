/**
 * The loop's snapshot between steps: the last snapshot patched with what the loop itself wrote,
 * kept only while the store's scheduling version says nothing else changed. Reading every
 * active task instance again on every step cost most of the server's time in a large fan-out;
 * patching costs only what the step changed.
 *
 * @module
 */

import {
  type ActiveRun,
  type SchedulingSnapshot,
  type SchedulingStep,
  SKIP_DECISION_KEY,
  type StepResult,
} from "../core/mod.ts";
import { runKey, taskKey } from "./working_state.ts";

/** Where each task instance of a cached run sits in its list, built once per run object. */
const POSITIONS = new WeakMap<ActiveRun, Map<string, number>>();

function positionsOf(active: ActiveRun): Map<string, number> {
  let positions = POSITIONS.get(active);
  if (!positions) {
    positions = new Map(active.taskInstances.map(({ record }, i) => [instanceId(record), i]));
    POSITIONS.set(active, positions);
  }
  return positions;
}

function instanceId(key: { taskId: string; mapIndex: number }): string {
  return `${key.taskId}\u0000${key.mapIndex}`;
}

/**
 * Patch `snapshot` in place to what it is once `step` was written; false when that cannot be
 * known for sure and the snapshot must be read again (nothing is changed then): a conflict, a
 * new run or task instance (their previous-run states are loaded with the snapshot), an update
 * of something the snapshot does not hold, or a change to a DAG whose runs look at their
 * previous runs. Written rows get their revision incremented by one, as the store does.
 */
export function patchSnapshot(
  snapshot: SchedulingSnapshot,
  step: SchedulingStep,
  result: StepResult,
): boolean {
  if (result.conflicts > 0) return false;
  if (step.runs.some((update) => update.expectedRevision === null)) return false;
  if (step.taskInstances.some((update) => update.expectedRevision === null)) return false;
  const runs = new Map(snapshot.activeRuns.map((active) => [runKey(active.run.record), active]));
  const dags = new Map(snapshot.dags.map((entry) => [entry.record.dagId, entry]));
  const touched = [...step.runs.map((u) => u.run), ...step.taskInstances.map((u) => u.instance)];
  for (const record of touched) {
    const active = runs.get(runKey(record));
    if (!active || active.previousRun !== undefined) return false;
  }
  const rows = step.taskInstances.map((update) => {
    const active = runs.get(runKey(update.instance))!;
    return { update, active, position: positionsOf(active).get(instanceId(update.instance)) };
  });
  if (rows.some((row) => row.position === undefined)) return false;
  if (step.dags.some((update) => !dags.has(update.dagId))) return false;

  for (const { update, active, position } of rows) {
    const current = active.taskInstances[position!];
    active.taskInstances[position!] = { record: update.instance, revision: current.revision + 1 };
  }
  for (const update of step.runs) {
    const active = runs.get(runKey(update.run))!;
    active.run = { record: update.run, revision: active.run.revision + 1 };
  }
  for (const update of step.dags) {
    const entry = dags.get(update.dagId)!;
    entry.record = {
      ...entry.record,
      nextRun: update.nextRun,
      lastAutomatedRun: update.lastAutomatedRun,
    };
    entry.revision++;
  }
  patchDecisions(runs, step);
  snapshot.activeRuns = snapshot.activeRuns.filter(({ run }) =>
    run.record.state === "queued" || run.record.state === "running"
  );
  return true;
}

/** XComs of a step: the store deletes cleared ones first, then writes (same key replaces). */
function patchDecisions(runs: Map<string, ActiveRun>, step: SchedulingStep): void {
  const cleared = new Set(step.clearXcoms.map(taskKey));
  const written = step.xcoms.filter((xcom) => xcom.key === SKIP_DECISION_KEY);
  if (cleared.size === 0 && written.length === 0) return;
  const replaced = new Set(written.map(taskKey));
  for (const active of runs.values()) {
    if (!active.skipDecisions.some((xcom) => cleared.has(taskKey(xcom)))) continue;
    active.skipDecisions = active.skipDecisions.filter((xcom) => !cleared.has(taskKey(xcom)));
  }
  for (const xcom of written) {
    const active = runs.get(runKey(xcom));
    if (!active) continue;
    active.skipDecisions = [
      ...active.skipDecisions.filter((other) => !replaced.has(taskKey(other))),
      xcom,
    ];
  }
}
