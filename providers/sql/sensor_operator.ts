/**
 * `sqlSensor`: Airflow's `SqlSensor`. Runs a query until the first cell of its first row meets
 * the success condition (by default: it is truthy), failing when it meets the failure condition.
 * A sensor of the SDK (`defineSensor`): `pokeInterval`, `timeout`, `softFail`, `mode: "poke" |
 * "reschedule"`, `exponentialBackoff` and the rest behave as for every sensor.
 *
 * @module
 */

import {
  defineSensor,
  type SensorOptions,
  type TaskContext,
  type TaskHandle,
  type TaskOptions,
} from "updraft";
import { sqlHook } from "./connect.ts";
import type { SqlValue } from "./types.ts";
import { type ConnectionField, FieldChecker, type JsonParameters, show } from "./_fields.ts";
import {
  asNumber,
  type Comparison,
  describeComparison,
  readComparison,
  satisfies,
} from "./_comparisons.ts";
import { jsonValue } from "./_json_rows.ts";

/** A condition on the first cell written as a function (Airflow's callable `success`). */
export type CellCondition = (cell: SqlValue, ctx: TaskContext) => boolean | Promise<boolean>;

/** The JSON fields of {@link sqlSensor}. */
export interface SqlSensorFields extends ConnectionField {
  /** The query (templated); its first row's first cell is tested. */
  sql: string;
  /** Bound to the query (templated). */
  parameters?: JsonParameters;
  /** Done when the first cell satisfies this (default: the cell is truthy — not 0, "", null). */
  success?: Comparison;
  /** Fail (retries apply) when the first cell satisfies this. */
  failure?: Comparison;
  /** Fail when the query returns no row (default false: keep poking). */
  failOnEmpty?: boolean;
}

/** Options of {@link sqlSensor}: task and sensor options, fields; conditions may be functions. */
export interface SqlSensorOptions
  extends TaskOptions, SensorOptions, Omit<SqlSensorFields, "success" | "failure"> {
  /** A comparison (`{ greater_than: 0 }`) or a function of the first cell. */
  success?: Comparison | CellCondition;
  /** A comparison or a function of the first cell; when it holds the try fails. */
  failure?: Comparison | CellCondition;
}

/** The XCom of a sensor that is done: the first cell, as JSON. */
export type SensorCell = string | number | boolean | null;

interface Conditions {
  success?: CellCondition;
  failure?: CellCondition;
}

/** One poke: the first cell when the success condition holds, else false. */
async function poke(
  ctx: TaskContext,
  fields: SqlSensorFields,
  conditions: Conditions,
): Promise<boolean | { done: boolean; xcomValue: SensorCell }> {
  const hook = sqlHook(ctx.connection(fields.connId), { log: ctx.log, signal: ctx.signal });
  let first: SqlValue[] | null;
  try {
    ctx.log(`Poking: ${fields.sql.replace(/\s+/g, " ").trim()}`);
    first = await hook.getFirst(fields.sql, fields.parameters);
  } finally {
    await hook.close();
  }
  if (first === null) {
    if (fields.failOnEmpty) throw new Error("no row returned, and failOnEmpty is set");
    return false;
  }
  const cell = first[0] ?? null;
  const shown = show(jsonValue(cell));
  if (conditions.failure && await conditions.failure(cell, ctx)) {
    throw new Error(`failure criteria met: failure(${shown}) returned true`);
  }
  const failure = fields.failure ? readComparison(fields.failure) : null;
  if (failure !== null && typeof failure !== "string" && satisfies(failure, cell)) {
    throw new Error(`failure criteria met: first cell ${shown} is ${describeComparison(failure)}`);
  }
  const success = fields.success ? readComparison(fields.success) : null;
  const done = conditions.success
    ? Boolean(await conditions.success(cell, ctx))
    : success !== null && typeof success !== "string"
    ? satisfies(success, cell)
    : truthy(cell);
  if (!done) return false;
  ctx.log(`Success criteria met: first cell ${shown}`);
  return { done: true, xcomValue: jsonValue(cell) as SensorCell };
}

/** Python's truth of a cell, numbers read from numeric text ("0.00" is false). */
function truthy(cell: SqlValue): boolean {
  const number = asNumber(cell);
  if (number !== null) return number !== 0;
  if (cell instanceof Uint8Array || typeof cell === "string") return cell.length > 0;
  if (Array.isArray(cell)) return cell.length > 0;
  if (cell !== null && typeof cell === "object") return Object.keys(cell).length > 0;
  return Boolean(cell);
}

/**
 * Wait until a query's first cell meets a condition (Airflow's `SqlSensor`). The conditions are
 * comparisons (JSON) or functions of the cell, like Airflow's callables. When done, the first
 * cell becomes the XCom `return_value`.
 *
 * @example
 * ```ts
 * import { sqlSensor } from "@updraft/sql";
 *
 * sqlSensor({
 *   id: "wait_for_orders",
 *   connId: "warehouse",
 *   sql: "SELECT count(*) FROM orders WHERE day = '{{ ds }}'",
 *   success: { greater_than: 0 },
 *   failure: (cell) => Number(cell) < 0,
 *   pokeInterval: "5m",
 *   timeout: "6h",
 *   mode: "reschedule",
 * });
 * ```
 */
export function sqlSensor(options: SqlSensorOptions): TaskHandle<SensorCell | undefined> {
  const { success, failure, ...rest } = options ?? {} as SqlSensorOptions;
  const check = new FieldChecker("sqlSensor", rest);
  check.connId(rest.connId);
  check.text("sql", rest.sql);
  check.parameters(rest.parameters);
  check.boolean("failOnEmpty", rest.failOnEmpty);
  const conditions: Conditions = {};
  const fields: Pick<SqlSensorFields, "success" | "failure"> = {};
  for (const [field, condition] of [["success", success], ["failure", failure]] as const) {
    if (condition === undefined) continue;
    if (typeof condition === "function") {
      conditions[field] = condition;
      continue;
    }
    const read = readComparison(condition);
    if (typeof read === "string") throw check.error(field, read);
    fields[field] = condition;
  }
  // Functions cannot travel as JSON fields: the sensor closes over them. The sandbox evaluates
  // the DAG file again before running the task, so the same functions exist there.
  const builder = defineSensor({
    name: "SqlSensor",
    templateFields: ["sql", "parameters"],
    connections: (given: SqlSensorFields) => [given.connId],
    poke: (ctx, given) => poke(ctx, given, conditions),
  });
  return builder({ ...rest, ...fields });
}
