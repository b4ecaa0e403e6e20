/**
 * Reading runs, task instances, history and XComs from SQLite, and deleting a run.
 *
 * @module
 */

import type {
  DagRun,
  RunKey,
  StateChange,
  TaskInstance,
  TaskInstanceKey,
  XCom,
} from "../../core/mod.ts";
import type { DagRunQuery, Page, TaskInstanceQuery, XComQuery } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import type { Database } from "./_database.ts";
import { Conditions, orderClause } from "./_conditions.ts";
import { selectPage } from "./_select_page.ts";
import { runFromRow, stateChangeFromRow, xcomFromRow } from "./_rows.ts";
import { TASK_SELECT, taskInstanceFromValues } from "./_task_rows.ts";

const RUN_ORDER: Record<OrderField<"dagRuns">, string> = {
  id: "id",
  state: "state",
  dag_id: "dag_id",
  execution_date: "logical_date",
  dag_run_id: "run_id",
  start_date: "start_date",
  end_date: "end_date",
  updated_at: "updated_at",
  external_trigger: "external_trigger",
  conf: "conf",
  run_type: "run_type",
};

/** One DAG run. */
export function getDagRun(database: Database, key: RunKey): DagRun | null {
  return database.read(`reading DAG run ${key.dagId}/${key.runId}`, () => {
    const row = database.get(
      "SELECT * FROM dag_runs WHERE dag_id = ? AND run_id = ?",
      key.dagId,
      key.runId,
    );
    return row === undefined ? null : runFromRow(row);
  });
}

/** DAG runs matching a query. */
export function listDagRuns(database: Database, query: DagRunQuery): Page<DagRun> {
  const page = planPage("dagRuns", query);
  const where = new Conditions()
    .oneOf("dag_id", query.dagIds)
    .oneOf("state", query.states)
    .oneOf("run_type", query.runTypes)
    .within("logical_date", query.logicalDate)
    .within("start_date", query.startDate)
    .within("end_date", query.endDate)
    .within("updated_at", query.updatedAt);
  const order = orderClause(RUN_ORDER[page.field], page.descending, "id");
  return selectPage(
    database,
    "listing DAG runs",
    { select: "*", from: " FROM dag_runs", where, order, limit: page.limit, offset: page.offset },
    (sql, parameters) => database.all(sql, ...parameters).map(runFromRow),
  );
}

/** Delete a run with its task instances, XComs and history; false when absent. */
export function deleteDagRun(database: Database, key: RunKey): boolean {
  return database.write(`deleting DAG run ${key.dagId}/${key.runId}`, () => {
    const parameters = [key.dagId, key.runId];
    database.run("DELETE FROM xcoms WHERE dag_id = ? AND run_id = ?", ...parameters);
    database.run("DELETE FROM state_changes WHERE dag_id = ? AND run_id = ?", ...parameters);
    database.run("DELETE FROM task_instances WHERE dag_id = ? AND run_id = ?", ...parameters);
    return database.run("DELETE FROM dag_runs WHERE dag_id = ? AND run_id = ?", ...parameters) ===
      1;
  });
}

/** One task instance. */
export function getTaskInstance(database: Database, key: TaskInstanceKey): TaskInstance | null {
  return database.read(`reading task instance ${key.dagId}/${key.runId}/${key.taskId}`, () => {
    const [row] = database.values(
      `SELECT ${TASK_SELECT} FROM task_instances t WHERE dag_id = ? AND run_id = ? ` +
        "AND task_id = ? AND map_index = ?",
      key.dagId,
      key.runId,
      key.taskId,
      key.mapIndex,
    );
    return row === undefined ? null : taskInstanceFromValues(row).record;
  });
}

const TASK_ORDER: Record<OrderField<"taskInstances">, string> = {
  dag_id: "t.dag_id",
  dag_run_id: "t.run_id",
  task_id: "t.task_id",
  map_index: "t.map_index",
  execution_date: "r.logical_date",
  start_date: "t.start_date",
  end_date: "t.end_date",
  duration: "t.duration",
  state: "t.state",
  try_number: "t.try_number",
  priority_weight: "t.priority_weight",
  pool: "t.pool",
  operator: "t.operator",
  queued_when: "t.queued_at",
  updated_at: "t.updated_at",
};

/** Task instances matching a query. */
export function listTaskInstances(
  database: Database,
  query: TaskInstanceQuery,
): Page<TaskInstance> {
  const page = planPage("taskInstances", query);
  const where = new Conditions()
    .oneOf("t.dag_id", query.dagIds)
    .oneOf("t.run_id", query.runIds)
    .oneOf("t.task_id", query.taskIds)
    .oneOf("t.state", query.states)
    .oneOf("t.pool", query.pools)
    .within("r.logical_date", query.logicalDate)
    .within("t.start_date", query.startDate)
    .within("t.end_date", query.endDate)
    .within("t.updated_at", query.updatedAt)
    .within("t.duration", query.duration);
  const from =
    " FROM task_instances t JOIN dag_runs r ON r.dag_id = t.dag_id AND r.run_id = t.run_id";
  const order = orderClause(
    TASK_ORDER[page.field],
    page.descending,
    "t.dag_id, t.run_id, t.task_id, t.map_index",
  );
  return selectPage(
    database,
    "listing task instances",
    { select: TASK_SELECT, from, where, order, limit: page.limit, offset: page.offset },
    (sql, parameters) =>
      database.values(sql, ...parameters).map((row) => taskInstanceFromValues(row).record),
  );
}

/** Task instances in `queued` or `running`, with revisions. */
export function listExecutingTaskInstances(database: Database) {
  return database.read("listing executing task instances", () => {
    return database.values(
      `SELECT ${TASK_SELECT} FROM task_instances t WHERE state IN ('queued', 'running') ` +
        "ORDER BY dag_id, run_id, task_id, map_index",
    ).map((row) => {
      const { record, revision } = taskInstanceFromValues(row);
      return { instance: record, revision };
    });
  });
}

/** State changes of one run (and optionally one task), oldest first. */
export function listStateChanges(
  database: Database,
  key: RunKey & { taskId?: string },
): StateChange[] {
  const where = new Conditions()
    .equals("dag_id", key.dagId)
    .equals("run_id", key.runId)
    .equals("task_id", key.taskId);
  return database.read(`listing state changes of ${key.dagId}/${key.runId}`, () => {
    return database.all(`SELECT * FROM state_changes${where} ORDER BY at, id`, ...where.parameters)
      .map(stateChangeFromRow);
  });
}

const XCOM_ORDER: Record<OrderField<"xcoms">, string> = {
  dag_id: "dag_id",
  task_id: "task_id",
  dag_run_id: "run_id",
  map_index: "map_index",
  key: "key",
  timestamp: "timestamp",
};

/** XComs matching a query, by default ordered by dag_id, task_id, run_id, map_index, key. */
export function listXComs(database: Database, query: XComQuery): Page<XCom> {
  const page = planPage("xcoms", query);
  const where = new Conditions()
    .equals("dag_id", query.dagId)
    .equals("run_id", query.runId)
    .equals("task_id", query.taskId)
    .equals("map_index", query.mapIndex)
    .equals("key", query.key);
  const order = orderClause(
    XCOM_ORDER[page.field],
    page.descending,
    "dag_id, task_id, run_id, map_index, key",
  );
  return selectPage(
    database,
    "listing XComs",
    { select: "*", from: " FROM xcoms", where, order, limit: page.limit, offset: page.offset },
    (sql, parameters) => database.all(sql, ...parameters).map(xcomFromRow),
  );
}

/** One XCom. */
export function getXCom(database: Database, key: TaskInstanceKey & { key: string }): XCom | null {
  return database.read(`reading XCom ${key.key}`, () => {
    const row = database.get(
      "SELECT * FROM xcoms WHERE dag_id = ? AND run_id = ? AND task_id = ? AND map_index = ? " +
        "AND key = ?",
      key.dagId,
      key.runId,
      key.taskId,
      key.mapIndex,
      key.key,
    );
    return row === undefined ? null : xcomFromRow(row);
  });
}
