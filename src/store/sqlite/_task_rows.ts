/**
 * Task instance rows and run values for the hot paths: positional parameters and rows read as
 * arrays, which `node:sqlite` binds and builds several times faster than named ones.
 *
 * @module
 */

import type { SQLInputValue, SQLOutputValue } from "node:sqlite";
import type { DagRun, TaskInstance } from "../../core/mod.ts";

/** The key columns of a task instance. */
export const TASK_KEY_COLUMNS = ["dag_id", "run_id", "task_id", "map_index"];

/** The other columns of a task instance, in the order of {@link taskInstanceValues}. */
export const TASK_VALUE_COLUMNS = [
  "state",
  "try_number",
  "max_tries",
  "start_date",
  "end_date",
  "duration",
  "queued_at",
  "next_attempt_at",
  "pool",
  "pool_slots",
  "priority_weight",
  "operator",
  "hostname",
  "pid",
  "executor_id",
  "rendered_fields",
  "note",
  "updated_at",
];

/** The select list (table alias `t`) that {@link taskInstanceFromValues} reads. */
export const TASK_SELECT = [...TASK_KEY_COLUMNS, ...TASK_VALUE_COLUMNS, "revision"]
  .map((column) => `t.${column}`).join(", ");

/** The non-key values of a task instance, in {@link TASK_VALUE_COLUMNS} order. */
export function taskInstanceValues(instance: TaskInstance): SQLInputValue[] {
  return [
    instance.state,
    instance.tryNumber,
    instance.maxTries,
    instance.startDate,
    instance.endDate,
    instance.duration,
    instance.queuedAt,
    instance.nextAttemptAt,
    instance.pool,
    instance.poolSlots,
    instance.priorityWeight,
    instance.operator,
    instance.hostname,
    instance.pid,
    instance.executorId,
    instance.renderedFields === null ? null : JSON.stringify(instance.renderedFields),
    instance.note,
    instance.updatedAt,
  ];
}

/** The key values of a task instance, in {@link TASK_KEY_COLUMNS} order. */
export function taskKeyValues(instance: TaskInstance): SQLInputValue[] {
  return [instance.dagId, instance.runId, instance.taskId, instance.mapIndex];
}

/** A task instance and its revision from a row selected with {@link TASK_SELECT}. */
export function taskInstanceFromValues(
  values: SQLOutputValue[],
): { record: TaskInstance; revision: number } {
  // deno-lint-ignore no-explicit-any
  const v = values as any[];
  return {
    record: {
      dagId: v[0],
      runId: v[1],
      taskId: v[2],
      mapIndex: v[3],
      state: v[4],
      tryNumber: v[5],
      maxTries: v[6],
      startDate: v[7],
      endDate: v[8],
      duration: v[9],
      queuedAt: v[10],
      nextAttemptAt: v[11],
      pool: v[12],
      poolSlots: v[13],
      priorityWeight: v[14],
      operator: v[15],
      hostname: v[16],
      pid: v[17],
      executorId: v[18],
      renderedFields: v[19] === null ? null : JSON.parse(v[19]),
      note: v[20],
      updatedAt: v[21],
    },
    revision: v[22],
  };
}

/** The key columns of a DAG run. */
export const RUN_KEY_COLUMNS = ["dag_id", "run_id"];

/** The other columns of a DAG run, in the order of {@link runValues}. */
export const RUN_VALUE_COLUMNS = [
  "run_type",
  "state",
  "logical_date",
  "data_interval_start",
  "data_interval_end",
  "run_after",
  "queued_at",
  "start_date",
  "end_date",
  "conf",
  "external_trigger",
  "version_hash",
  "last_scheduling_decision",
  "clear_number",
  "note",
  "updated_at",
];

/** The non-key values of a DAG run, in {@link RUN_VALUE_COLUMNS} order. */
export function runValues(run: DagRun): SQLInputValue[] {
  return [
    run.runType,
    run.state,
    run.logicalDate,
    run.dataInterval.start,
    run.dataInterval.end,
    run.runAfter,
    run.queuedAt,
    run.startDate,
    run.endDate,
    JSON.stringify(run.conf),
    run.externalTrigger ? 1 : 0,
    run.versionHash,
    run.lastSchedulingDecision,
    run.clearNumber,
    run.note,
    run.updatedAt,
  ];
}

/** `INSERT` of key and value columns with revision 1. */
export function insertSql(table: string, key: string[], values: string[]): string {
  const columns = [...key, ...values];
  const marks = columns.map(() => "?").join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}, revision) VALUES (${marks}, 1)`;
}

/** `UPDATE` of value columns guarded by key and revision: values, key, then revision. */
export function updateSql(table: string, key: string[], values: string[]): string {
  const set = values.map((column) => `${column} = ?`).join(", ");
  const where = key.map((column) => `${column} = ?`).join(" AND ");
  return `UPDATE ${table} SET ${set}, revision = revision + 1 WHERE ${where} AND revision = ?`;
}
