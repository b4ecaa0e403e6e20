/**
 * Runs, task instances, history and XComs in memory: lists with the same filters, ordering and
 * paging as SQLite, and deleting a run.
 *
 * @module
 */

import type { DagRun, RunKey, StateChange, TaskInstance, XCom } from "../../core/mod.ts";
import type { DagRunQuery, Page, TaskInstanceQuery, XComQuery } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import { type MemoryState, runKey, type RunRow } from "./_state.ts";
import { compareLists, inList, inRange, sortPage, type SortValue } from "./_ordering.ts";

const RUN_ORDER: Record<OrderField<"dagRuns">, (row: RunRow) => SortValue> = {
  id: (row) => row.id,
  state: (row) => row.record.state,
  dag_id: (row) => row.record.dagId,
  execution_date: (row) => row.record.logicalDate,
  dag_run_id: (row) => row.record.runId,
  start_date: (row) => row.record.startDate,
  end_date: (row) => row.record.endDate,
  updated_at: (row) => row.record.updatedAt,
  external_trigger: (row) => row.record.externalTrigger,
  conf: (row) => JSON.stringify(row.record.conf),
  run_type: (row) => row.record.runType,
};

/** DAG runs matching a query. */
export function listDagRuns(state: MemoryState, query: DagRunQuery): Page<DagRun> {
  const page = planPage("dagRuns", query);
  const rows = [...state.tables.runs.values()].filter(({ record: run }) => {
    return inList(run.dagId, query.dagIds) && inList(run.state, query.states) &&
      inList(run.runType, query.runTypes) && inRange(run.logicalDate, query.logicalDate) &&
      inRange(run.startDate, query.startDate) && inRange(run.endDate, query.endDate) &&
      inRange(run.updatedAt, query.updatedAt);
  });
  const result = sortPage(rows, {
    primary: RUN_ORDER[page.field],
    descending: page.descending,
    tieBreak: (row) => [row.id],
    limit: page.limit,
    offset: page.offset,
  });
  return { items: result.items.map((row) => row.record), total: result.total };
}

/** Delete a run with its task instances, XComs and history; false when absent. */
export function deleteDagRun(state: MemoryState, key: RunKey): boolean {
  return state.transaction(() => {
    const { tables } = state;
    if (!state.remove(tables.runs, runKey(key))) return false;
    const owned = (item: RunKey) => item.dagId === key.dagId && item.runId === key.runId;
    for (const [taskKey, row] of [...tables.tasks]) {
      if (owned(row.record)) state.remove(tables.tasks, taskKey);
    }
    for (const [xcomKey, xcom] of [...tables.xcoms]) {
      if (owned(xcom)) state.remove(tables.xcoms, xcomKey);
    }
    state.setChanges(tables.changes.filter((row) => !owned(row.change)));
    return true;
  });
}

type TaskOrderRow = { record: TaskInstance; logicalDate: number };

const TASK_ORDER: Record<OrderField<"taskInstances">, (row: TaskOrderRow) => SortValue> = {
  dag_id: (row) => row.record.dagId,
  dag_run_id: (row) => row.record.runId,
  task_id: (row) => row.record.taskId,
  map_index: (row) => row.record.mapIndex,
  execution_date: (row) => row.logicalDate,
  start_date: (row) => row.record.startDate,
  end_date: (row) => row.record.endDate,
  duration: (row) => row.record.duration,
  state: (row) => row.record.state,
  try_number: (row) => row.record.tryNumber,
  priority_weight: (row) => row.record.priorityWeight,
  pool: (row) => row.record.pool,
  operator: (row) => row.record.operator,
  queued_when: (row) => row.record.queuedAt,
  updated_at: (row) => row.record.updatedAt,
};

/** Task instances matching a query. */
export function listTaskInstances(
  state: MemoryState,
  query: TaskInstanceQuery,
): Page<TaskInstance> {
  const page = planPage("taskInstances", query);
  const rows: TaskOrderRow[] = [];
  for (const { record } of state.tables.tasks.values()) {
    const logicalDate = state.tables.runs.get(runKey(record))!.record.logicalDate;
    const matches = inList(record.dagId, query.dagIds) && inList(record.runId, query.runIds) &&
      inList(record.taskId, query.taskIds) && inList(record.state, query.states) &&
      inList(record.pool, query.pools) && inRange(logicalDate, query.logicalDate) &&
      inRange(record.startDate, query.startDate) && inRange(record.endDate, query.endDate) &&
      inRange(record.updatedAt, query.updatedAt) && inRange(record.duration, query.duration);
    if (matches) rows.push({ record, logicalDate });
  }
  const result = sortPage(rows, {
    primary: TASK_ORDER[page.field],
    descending: page.descending,
    tieBreak: ({ record }) => [record.dagId, record.runId, record.taskId, record.mapIndex],
    limit: page.limit,
    offset: page.offset,
  });
  return { items: result.items.map((row) => row.record), total: result.total };
}

/** State changes of one run (and optionally one task), oldest first. */
export function listStateChanges(
  state: MemoryState,
  key: RunKey & { taskId?: string },
): StateChange[] {
  return state.tables.changes
    .filter(({ change }) => {
      return change.dagId === key.dagId && change.runId === key.runId &&
        (key.taskId === undefined || change.taskId === key.taskId);
    })
    .sort((a, b) => compareLists([a.change.at, a.id], [b.change.at, b.id]))
    .map((row) => row.change);
}

const XCOM_ORDER: Record<OrderField<"xcoms">, (xcom: XCom) => SortValue> = {
  dag_id: (xcom) => xcom.dagId,
  task_id: (xcom) => xcom.taskId,
  dag_run_id: (xcom) => xcom.runId,
  map_index: (xcom) => xcom.mapIndex,
  key: (xcom) => xcom.key,
  timestamp: (xcom) => xcom.timestamp,
};

/** XComs matching a query, by default ordered by dag_id, task_id, run_id, map_index, key. */
export function listXComs(state: MemoryState, query: XComQuery): Page<XCom> {
  const page = planPage("xcoms", query);
  const matches = [...state.tables.xcoms.values()].filter((xcom) => {
    return (query.dagId === undefined || xcom.dagId === query.dagId) &&
      (query.runId === undefined || xcom.runId === query.runId) &&
      (query.taskId === undefined || xcom.taskId === query.taskId) &&
      (query.mapIndex === undefined || xcom.mapIndex === query.mapIndex) &&
      (query.key === undefined || xcom.key === query.key);
  });
  return sortPage(matches, {
    primary: XCOM_ORDER[page.field],
    descending: page.descending,
    tieBreak: (xcom) => [xcom.dagId, xcom.taskId, xcom.runId, xcom.mapIndex, xcom.key],
    limit: page.limit,
    offset: page.offset,
  });
}
