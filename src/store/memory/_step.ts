/**
 * Applying one scheduling step in memory, with the same rules and errors as SQLite: inserts
 * and revision-guarded updates, history of written updates, all or nothing.
 *
 * @module
 */

import type {
  DagRun,
  SchedulingStep,
  StateChange,
  StepResult,
  TaskInstanceKey,
} from "../../core/mod.ts";
import { RunAlreadyExistsError } from "../store.ts";
import {
  checkSchedulingStep,
  DAG_RUN_RULES,
  DAG_SCHEDULE_RULES,
  STATE_CHANGE_RULES,
  TASK_INSTANCE_RULES,
  XCOM_RULES,
} from "../_record_rules.ts";
import {
  describeRun,
  describeTaskInstance,
  missingOwnerError,
  missingRunReferenceError,
  missingTaskRunError,
} from "../_store_rules.ts";
import { copyRecord } from "../_validate.ts";
import { writeDag } from "./_dag_files.ts";
import { type MemoryState, runKey, taskKey, xcomKey } from "./_state.ts";

const WHERE = "applying a scheduling step";

/** Apply one step in one transaction (see `Store.applySchedulingStep`). */
export function applySchedulingStep(
  state: MemoryState,
  step: SchedulingStep,
): Omit<StepResult, "version"> {
  checkSchedulingStep(step);
  const { tables } = state;
  return state.transaction(() => {
    let conflicts = 0;
    const writtenTaskInstances: TaskInstanceKey[] = [];
    for (const update of step.runs) {
      const run = copyRecord(update.run, DAG_RUN_RULES, WHERE);
      const key = runKey(run);
      const row = tables.runs.get(key);
      if (update.expectedRevision === null) {
        if (row !== undefined) throw new RunAlreadyExistsError(run.dagId, `run id "${run.runId}"`);
        refuseSameLogicalDate(state, run);
        const dag = tables.dags.get(run.dagId);
        if (dag === undefined || !tables.versions.has(run.versionHash)) {
          throw missingRunReferenceError(run, run.versionHash);
        }
        state.put(tables.runs, key, { record: run, revision: 1, id: state.next("run") });
      } else if (row?.revision === update.expectedRevision) {
        refuseSameLogicalDate(state, run);
        if (!tables.versions.has(run.versionHash)) {
          throw missingRunReferenceError(run, run.versionHash);
        }
        state.put(tables.runs, key, { record: run, revision: row.revision + 1, id: row.id });
      } else {
        conflicts++;
        continue;
      }
      recordChanges(state, update.changes);
    }
    for (const update of step.taskInstances) {
      const instance = copyRecord(update.instance, TASK_INSTANCE_RULES, WHERE);
      const key = taskKey(instance);
      const row = tables.tasks.get(key);
      if (update.expectedRevision === null) {
        if (!tables.runs.has(runKey(instance))) throw missingTaskRunError(instance);
        if (row !== undefined) {
          conflicts++;
          continue;
        }
        state.put(tables.tasks, key, { record: instance, revision: 1 });
      } else if (row?.revision === update.expectedRevision) {
        state.put(tables.tasks, key, { record: instance, revision: row.revision + 1 });
      } else {
        conflicts++;
        continue;
      }
      const { dagId, runId, taskId, mapIndex } = instance;
      writtenTaskInstances.push({ dagId, runId, taskId, mapIndex });
      recordChanges(state, update.changes);
    }
    const cleared = new Set(step.clearXcoms.map(taskKey));
    if (cleared.size > 0) {
      for (const [key, xcom] of [...tables.xcoms]) {
        if (cleared.has(taskKey(xcom))) state.remove(tables.xcoms, key);
      }
    }
    for (const given of step.xcoms) {
      const xcom = copyRecord(given, XCOM_RULES, WHERE);
      if (!tables.tasks.has(taskKey(xcom))) {
        throw missingOwnerError(
          `XCom "${xcom.key}" of ${describeTaskInstance(xcom)}`,
          `task instance ${describeTaskInstance(xcom)}`,
        );
      }
      state.put(tables.xcoms, xcomKey(xcom), xcom);
    }
    for (const update of step.dags) {
      const row = tables.dags.get(update.dagId);
      if (row?.revision !== update.expectedRevision) {
        conflicts++;
        continue;
      }
      const copy = copyRecord(update, DAG_SCHEDULE_RULES, WHERE);
      writeDag(state, row, { nextRun: copy.nextRun, lastAutomatedRun: copy.lastAutomatedRun });
    }
    return { conflicts, writtenTaskInstances };
  });
}

function refuseSameLogicalDate(state: MemoryState, run: DagRun): void {
  for (const { record } of state.tables.runs.values()) {
    if (
      record.dagId === run.dagId && record.logicalDate === run.logicalDate &&
      record.runId !== run.runId
    ) {
      throw new RunAlreadyExistsError(
        run.dagId,
        `logical date ${new Date(run.logicalDate).toISOString()} (run "${record.runId}")`,
      );
    }
  }
}

function recordChanges(state: MemoryState, changes: StateChange[]): void {
  for (const given of changes) {
    const change = copyRecord(given, STATE_CHANGE_RULES, WHERE);
    if (!state.tables.runs.has(runKey(change))) {
      throw missingOwnerError(
        `a state change of ${describeRun(change)}`,
        `DAG run ${describeRun(change)}`,
      );
    }
    state.appendChange(change);
  }
}
