/**
 * The template context of a try (facts 63–70), built from its job alone: no store, no I/O.
 *
 * @module
 */

import {
  type Connection,
  connectionExtraObject,
  connectionToUri,
  type JsonValue,
  type XComValue,
} from "../core/mod.ts";
import type { TaskJob } from "./executor.ts";
import {
  dateStamp,
  DATETIME_MODULE,
  isoformat,
  PythonDateTime,
  splitArguments,
  strftime,
  strptime,
  TimeDelta,
} from "./_python_time.ts";

const DAY_MS = 86_400_000;

function noDash(stamp: string | null): string | null {
  return stamp === null ? null : stamp.replaceAll("-", "");
}

/** `ds_add('2024-01-03', 5)` → `2024-01-08`. */
function dsAdd(ds: string, days: number): string {
  return dateStamp(strptime(ds, "%Y-%m-%d") + Number(days) * DAY_MS);
}

/** `ds_format('2024-01-03', '%Y-%m-%d', '%d/%m/%Y')` → `03/01/2024`. */
function dsFormat(ds: string, inputFormat: string, outputFormat: string): string {
  return strftime(strptime(ds, inputFormat), outputFormat);
}

/** `macros`: Airflow's template helpers. */
export const MACROS = Object.freeze({
  ds_add: (...args: unknown[]): string => {
    const { positional, keywords } = splitArguments(args);
    return dsAdd(
      String(keywords.ds ?? positional[0]),
      Number(keywords.days ?? positional[1]),
    );
  },
  ds_format: (...args: unknown[]): string => {
    const { positional, keywords } = splitArguments(args);
    return dsFormat(
      String(keywords.ds ?? positional[0]),
      String(keywords.input_format ?? positional[1]),
      String(keywords.output_format ?? positional[2]),
    );
  },
  datetime: DATETIME_MODULE,
  timedelta: DATETIME_MODULE.timedelta,
});

/**
 * `ti.xcom_pull(task_ids=None, key='return_value', map_indexes=None, default=None)` over the
 * job's XComs (fact 114): a single task id gives one value (a list when the task is mapped), a
 * list of task ids gives the values that exist, in the order asked for.
 */
export function xcomPull(xcoms: XComValue[], args: unknown[]): JsonValue | undefined {
  const { positional, keywords } = splitArguments(args);
  const taskIds = (keywords.task_ids ?? positional[0] ?? null) as string | string[] | null;
  const key = (keywords.key !== undefined ? keywords.key : positional[2] ?? "return_value") as
    | string
    | null;
  const mapIndexes = (keywords.map_indexes ?? null) as number | number[] | null;
  const fallback = (keywords.default ?? null) as JsonValue;
  const byKey = xcoms.filter((xcom) => key === null || xcom.key === key);
  const indexesWanted = mapIndexes === null ? null : [mapIndexes].flat();
  const matching = (taskId: string | null) =>
    byKey
      .filter((xcom) => taskId === null || xcom.taskId === taskId)
      .filter((xcom) => indexesWanted === null || indexesWanted.includes(xcom.mapIndex))
      .sort((a, b) => a.mapIndex - b.mapIndex);
  if (Array.isArray(taskIds)) return taskIds.flatMap((id) => matching(id).map((x) => x.value));
  const found = matching(taskIds);
  if (found.length === 0) return fallback;
  const mapped = found.every((xcom) => xcom.mapIndex >= 0);
  if (mapped && !(typeof mapIndexes === "number")) return found.map((xcom) => xcom.value);
  return found[0].value;
}

/** `var.value.x` and `var.json.x`, failing with a clear message for a missing variable. */
function variableAccessor(variables: Record<string, string>, parse: boolean): object {
  const read = (name: string) => (parse ? JSON.parse(variables[name]) : variables[name]);
  return new Proxy(Object.create(null), {
    get(_target, name) {
      if (typeof name === "symbol" || name in Object.prototype || name === "then") return undefined;
      if (name === "get") {
        return (key: string, fallback: unknown = null) =>
          Object.hasOwn(variables, key) ? read(key) : fallback;
      }
      if (!Object.hasOwn(variables, name)) {
        throw new Error(`Variable '${name}' does not exist (var.${parse ? "json" : "value"})`);
      }
      return read(name);
    },
  });
}

/** A connection as Airflow's templates see it (`conn.my_db.host`, `conn.my_db.extra_dejson.x`). */
function templateConnection(connection: Connection): Record<string, unknown> {
  return {
    conn_id: connection.connId,
    conn_type: connection.connType,
    description: connection.description,
    host: connection.host,
    schema: connection.schema,
    login: connection.login,
    password: connection.password,
    port: connection.port,
    extra: connection.extra,
    // An extra that is not a JSON object stays readable as text through `extra`.
    extra_dejson: connectionExtraObject(connection.extra) ?? {},
    get_uri: () => connectionToUri(connection),
  };
}

/** `conn.ID` and `conn.get("ID")`, failing with a clear message for a connection not sent. */
function connectionAccessor(connections: Connection[]): object {
  const byId = new Map(connections.map((connection) => [connection.connId, connection]));
  return new Proxy(Object.create(null), {
    get(_target, name) {
      if (typeof name === "symbol" || name in Object.prototype || name === "then") return undefined;
      if (name === "get") {
        return (connId: string, fallback: unknown = null) => {
          const found = byId.get(connId);
          return found ? templateConnection(found) : fallback;
        };
      }
      const found = byId.get(name);
      if (!found) throw new Error(`The conn_id \`${name}\` isn't defined (conn.${name})`);
      return templateConnection(found);
    },
  });
}

/** Builds the context every templated field of a try is rendered with. */
export function buildTemplateContext(job: TaskJob): Record<string, unknown> {
  const context = job.context;
  const task = job.task;
  const logicalDate = new PythonDateTime(context.logicalDate);
  const ds = dateStamp(context.logicalDate);
  const prevDs = context.prevLogicalDate === null ? null : dateStamp(context.prevLogicalDate);
  const nextDs = context.nextLogicalDate === null ? null : dateStamp(context.nextLogicalDate);
  const dateOrNull = (epochMs: number | null) =>
    epochMs === null ? null : new PythonDateTime(epochMs);
  const taskInstance = {
    dag_id: context.dagId,
    task_id: context.taskId,
    run_id: context.runId,
    try_number: context.tryNumber,
    max_tries: context.maxTries,
    map_index: context.mapIndex,
    operator: task.operator,
    pool: task.pool,
    priority_weight: task.priorityWeight,
    execution_date: logicalDate,
    logical_date: logicalDate,
    xcom_pull: (...args: unknown[]) => xcomPull(job.xcoms, args),
  };
  return {
    ds,
    ds_nodash: noDash(ds),
    ts: isoformat(context.logicalDate),
    ts_nodash: strftime(context.logicalDate, "%Y%m%dT%H%M%S"),
    ts_nodash_with_tz: strftime(context.logicalDate, "%Y%m%dT%H%M%S%z"),
    logical_date: logicalDate,
    execution_date: logicalDate,
    data_interval_start: new PythonDateTime(context.dataIntervalStart),
    data_interval_end: new PythonDateTime(context.dataIntervalEnd),
    prev_ds: prevDs,
    next_ds: nextDs,
    prev_ds_nodash: noDash(prevDs),
    next_ds_nodash: noDash(nextDs),
    prev_execution_date: dateOrNull(context.prevLogicalDate),
    next_execution_date: dateOrNull(context.nextLogicalDate),
    prev_data_interval_start_success: null,
    prev_data_interval_end_success: null,
    prev_start_date_success: null,
    prev_end_date_success: null,
    prev_execution_date_success: null,
    yesterday_ds: dateStamp(context.logicalDate - DAY_MS),
    tomorrow_ds: dateStamp(context.logicalDate + DAY_MS),
    yesterday_ds_nodash: noDash(dateStamp(context.logicalDate - DAY_MS)),
    tomorrow_ds_nodash: noDash(dateStamp(context.logicalDate + DAY_MS)),
    run_id: context.runId,
    dag_run: {
      dag_id: context.dagId,
      run_id: context.runId,
      run_type: context.runType,
      conf: context.conf,
      external_trigger: context.externalTrigger,
      logical_date: logicalDate,
      execution_date: logicalDate,
      data_interval_start: new PythonDateTime(context.dataIntervalStart),
      data_interval_end: new PythonDateTime(context.dataIntervalEnd),
      start_date: dateOrNull(context.runStartDate),
    },
    dag: {
      dag_id: context.dag.dagId,
      owner: context.dag.owner,
      tags: context.dag.tags,
      fileloc: context.dag.fileloc,
      timezone: context.dag.timezone,
    },
    task: {
      task_id: task.taskId,
      operator: task.operator,
      retries: task.retries,
      retry_delay: new TimeDelta({ milliseconds: task.retryDelayMs, __keywords: true }),
      pool: task.pool,
      pool_slots: task.poolSlots,
      priority_weight: task.priorityWeight,
      trigger_rule: task.triggerRule,
      depends_on_past: task.dependsOnPast,
      owner: context.dag.owner,
      doc: task.doc,
    },
    ti: taskInstance,
    task_instance: taskInstance,
    task_instance_key_str: `${context.dagId}__${context.taskId}__${noDash(ds)}`,
    params: context.params,
    conf: context.conf,
    var: {
      value: variableAccessor(job.variables, false),
      json: variableAccessor(job.variables, true),
    },
    conn: connectionAccessor(job.connections ?? []),
    macros: MACROS,
    test_mode: false,
    expanded_ti_count: null,
    map_index_template: null,
    inlets: [],
    outlets: [],
  };
}
