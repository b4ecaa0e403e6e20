/**
 * Applying one scheduling step to SQLite: one `BEGIN IMMEDIATE` transaction, cached prepared
 * statements, updates guarded by the revision they were planned from.
 *
 * @module
 */

import type {
  DagRun,
  DagScheduleUpdate,
  SchedulingStep,
  StateChange,
  StepResult,
  TaskInstance,
  TaskInstanceKey,
  XCom,
} from "../../core/mod.ts";
import { RunAlreadyExistsError } from "../store.ts";
import { checkSchedulingStep } from "../_record_rules.ts";
import {
  describeRun,
  describeTaskInstance,
  missingOwnerError,
  missingRunReferenceError,
  missingTaskRunError,
} from "../_store_rules.ts";
import { type Database, isConstraintError } from "./_database.ts";
import { stateChangeToValues } from "./_rows.ts";
import {
  insertSql,
  RUN_KEY_COLUMNS,
  RUN_VALUE_COLUMNS,
  runValues,
  TASK_KEY_COLUMNS,
  TASK_VALUE_COLUMNS,
  taskInstanceValues,
  taskKeyValues,
  updateSql,
} from "./_task_rows.ts";

const INSERT_RUN = insertSql("dag_runs", RUN_KEY_COLUMNS, RUN_VALUE_COLUMNS);
const UPDATE_RUN = updateSql("dag_runs", RUN_KEY_COLUMNS, RUN_VALUE_COLUMNS);
const INSERT_TASK = insertSql("task_instances", TASK_KEY_COLUMNS, TASK_VALUE_COLUMNS) +
  " ON CONFLICT (dag_id, run_id, task_id, map_index) DO NOTHING";
const UPDATE_TASK = updateSql("task_instances", TASK_KEY_COLUMNS, TASK_VALUE_COLUMNS);
const INSERT_CHANGE =
  "INSERT INTO state_changes (dag_id, run_id, task_id, map_index, try_number, " +
  "from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

/** Apply one step in one transaction (see `Store.applySchedulingStep`). */
export function applySchedulingStep(
  database: Database,
  step: SchedulingStep,
): Omit<StepResult, "version"> & { dataVersion: number } {
  checkSchedulingStep(step);
  return database.write("applying a scheduling step", () => {
    // Read under the write lock: no other connection commits until this transaction ends.
    const dataVersion = readDataVersion(database);
    let conflicts = 0;
    const writtenTaskInstances: TaskInstanceKey[] = [];
    for (const update of step.runs) {
      const written = update.expectedRevision === null
        ? insertRun(database, update.run)
        : updateRun(database, update.run, update.expectedRevision);
      if (written) recordChanges(database, update.changes);
      else conflicts++;
    }
    for (const update of step.taskInstances) {
      const written = update.expectedRevision === null
        ? insertTask(database, update.instance)
        : database.run(
          UPDATE_TASK,
          ...taskInstanceValues(update.instance),
          ...taskKeyValues(update.instance),
          update.expectedRevision,
        ) === 1;
      if (!written) {
        conflicts++;
        continue;
      }
      const { dagId, runId, taskId, mapIndex } = update.instance;
      writtenTaskInstances.push({ dagId, runId, taskId, mapIndex });
      recordChanges(database, update.changes);
    }
    for (const key of step.clearXcoms) {
      database.run(
        "DELETE FROM xcoms WHERE dag_id = ? AND run_id = ? AND task_id = ? AND map_index = ?",
        key.dagId,
        key.runId,
        key.taskId,
        key.mapIndex,
      );
    }
    for (const xcom of step.xcoms) upsertXcom(database, xcom);
    for (const update of step.dags) {
      if (!updateDag(database, update)) conflicts++;
    }
    return { conflicts, writtenTaskInstances, dataVersion };
  });
}

/** SQLite's `data_version`: changes when another connection commits to the database. */
export function readDataVersion(database: Database): number {
  return database.get<{ data_version: number }>("PRAGMA data_version")!.data_version;
}

function insertRun(database: Database, run: DagRun): boolean {
  const sameId = database.get(
    "SELECT 1 FROM dag_runs WHERE dag_id = ? AND run_id = ?",
    run.dagId,
    run.runId,
  );
  if (sameId !== undefined) throw new RunAlreadyExistsError(run.dagId, `run id "${run.runId}"`);
  refuseSameLogicalDate(database, run);
  try {
    database.run(INSERT_RUN, run.dagId, run.runId, ...runValues(run));
  } catch (error) {
    if (isConstraintError(error)) throw missingRunReferenceError(run, run.versionHash);
    throw error;
  }
  return true;
}

function updateRun(database: Database, run: DagRun, expectedRevision: number): boolean {
  try {
    const values = [...runValues(run), run.dagId, run.runId, expectedRevision];
    return database.run(UPDATE_RUN, ...values) === 1;
  } catch (error) {
    if (!isConstraintError(error)) throw error;
    refuseSameLogicalDate(database, run);
    throw missingRunReferenceError(run, run.versionHash);
  }
}

function refuseSameLogicalDate(database: Database, run: DagRun): void {
  const other = database.get<{ run_id: string }>(
    "SELECT run_id FROM dag_runs WHERE dag_id = ? AND logical_date = ? AND run_id <> ?",
    run.dagId,
    run.logicalDate,
    run.runId,
  );
  if (other !== undefined) {
    throw new RunAlreadyExistsError(
      run.dagId,
      `logical date ${new Date(run.logicalDate).toISOString()} (run "${other.run_id}")`,
    );
  }
}

function insertTask(database: Database, instance: TaskInstance): boolean {
  try {
    return database.run(
      INSERT_TASK,
      ...taskKeyValues(instance),
      ...taskInstanceValues(instance),
    ) ===
      1;
  } catch (error) {
    if (isConstraintError(error)) throw missingTaskRunError(instance);
    throw error;
  }
}

function upsertXcom(database: Database, xcom: XCom): void {
  try {
    database.run(
      "INSERT INTO xcoms (dag_id, run_id, task_id, map_index, key, value, timestamp) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dag_id, run_id, task_id, map_index, key) " +
        "DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp",
      xcom.dagId,
      xcom.runId,
      xcom.taskId,
      xcom.mapIndex,
      xcom.key,
      JSON.stringify(xcom.value),
      xcom.timestamp,
    );
  } catch (error) {
    if (!isConstraintError(error)) throw error;
    throw missingOwnerError(
      `XCom "${xcom.key}" of ${describeTaskInstance(xcom)}`,
      `task instance ${describeTaskInstance(xcom)}`,
    );
  }
}

function recordChanges(database: Database, changes: StateChange[]): void {
  for (const change of changes) {
    try {
      database.run(INSERT_CHANGE, ...stateChangeToValues(change));
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      throw missingOwnerError(
        `a state change of ${describeRun(change)}`,
        `DAG run ${describeRun(change)}`,
      );
    }
  }
}

function updateDag(database: Database, update: DagScheduleUpdate): boolean {
  const { nextRun, lastAutomatedRun } = update;
  return database.run(
    "UPDATE dags SET next_run_logical_date = ?, next_run_interval_start = ?, " +
      "next_run_interval_end = ?, next_run_after = ?, last_automated_interval_start = ?, " +
      "last_automated_interval_end = ?, revision = revision + 1 WHERE dag_id = ? AND revision = ?",
    nextRun?.logicalDate ?? null,
    nextRun?.dataInterval.start ?? null,
    nextRun?.dataInterval.end ?? null,
    nextRun?.runAfter ?? null,
    lastAutomatedRun?.start ?? null,
    lastAutomatedRun?.end ?? null,
    update.dagId,
    update.expectedRevision,
  ) === 1;
}
