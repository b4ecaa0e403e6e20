/**
 * `sqlColumnCheck`: Airflow's `SQLColumnCheckOperator`. Computes per column `null_check`,
 * `distinct_check`, `unique_check`, `min` and `max`, compares each with its bounds, and fails
 * listing every check that did not hold.
 *
 * @module
 */

import { defineOperator, type OperatorBuilder, type TaskContext } from "updraft";
import { sqlHook } from "./connect.ts";
import type { SqlHook } from "./hook.ts";
import type { SqlValue } from "./types.ts";
import { quoteName } from "./_insert.ts";
import { type ConnectionField, FieldChecker, isObject, show } from "./_fields.ts";
import {
  type Comparison,
  describeComparison,
  type NormalComparison,
  readComparison,
  satisfies,
} from "./_comparisons.ts";
import { jsonValue } from "./_json_rows.ts";
import { whereClause } from "./_partition.ts";

/** The checks a column can have. */
export type ColumnCheckName = "null_check" | "distinct_check" | "unique_check" | "min" | "max";

/** One column check: its bounds, and optionally rows of its own (`partition_clause`). */
export type ColumnCheck = Comparison & { partition_clause?: string; partitionClause?: string };

/** The fields of {@link sqlColumnCheck}. */
export interface SqlColumnCheckFields extends ConnectionField {
  /** The table (templated). */
  table: string;
  /** Column → check name → bounds (templated), as Airflow's `column_mapping`. */
  columnMapping: Record<string, Partial<Record<ColumnCheckName, ColumnCheck>>>;
  /** A condition (SQL, templated) restricting the rows of every check. */
  partitionClause?: string;
  /** Count a NULL result (e.g. `min` of no rows) as 0 (default true). */
  acceptNone?: boolean;
}

/** One check's outcome, as returned in the XCom. */
export interface ColumnCheckResult {
  column: string;
  check: ColumnCheckName;
  result: SqlValue;
  expected: string;
  success: boolean;
}

const EXPRESSIONS: Record<ColumnCheckName, (column: string) => string> = {
  null_check: (column) => `SUM(CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END)`,
  distinct_check: (column) => `COUNT(DISTINCT ${column})`,
  unique_check: (column) => `COUNT(${column}) - COUNT(DISTINCT ${column})`,
  min: (column) => `MIN(${column})`,
  max: (column) => `MAX(${column})`,
};

interface PlannedCheck {
  column: string;
  check: ColumnCheckName;
  comparison: NormalComparison;
  where: string;
}

const operator = defineOperator({
  name: "SQLColumnCheckOperator",
  templateFields: ["table", "columnMapping", "partitionClause"],
  connections: (fields: SqlColumnCheckFields) => [fields.connId],
  execute: runColumnChecks,
});

async function runColumnChecks(
  ctx: TaskContext,
  fields: SqlColumnCheckFields,
): Promise<ColumnCheckResult[]> {
  const planned = planChecks(fields);
  const hook = sqlHook(ctx.connection(fields.connId), { log: ctx.log, signal: ctx.signal });
  const results: ColumnCheckResult[] = [];
  try {
    for (const [where, checks] of Map.groupBy(planned, (check) => check.where)) {
      const row = await queryChecks(ctx, hook, fields.table, where, checks);
      checks.forEach((check, index) => {
        const result = jsonValue(row[index] ?? null);
        results.push({
          column: check.column,
          check: check.check,
          result,
          expected: describeComparison(check.comparison),
          success: satisfies(check.comparison, result, { nullAsZero: fields.acceptNone ?? true }),
        });
      });
    }
  } finally {
    await hook.close();
  }
  for (const result of results) {
    ctx.log(
      `${result.success ? "passed" : "FAILED"}: column ${result.column}, ${result.check}: ` +
        `got ${show(result.result)}, expected ${result.expected}`,
    );
  }
  const failed = results.filter((result) => !result.success);
  if (failed.length > 0) {
    throw new Error(
      `column checks on ${fields.table}: ${failed.length} of ${results.length} failed: ` +
        failed.map((result) =>
          `column ${result.column} ${result.check} got ${
            show(result.result)
          }, expected ${result.expected}`
        ).join("; "),
    );
  }
  return results;
}

async function queryChecks(
  ctx: TaskContext,
  hook: SqlHook,
  table: string,
  where: string,
  checks: PlannedCheck[],
): Promise<SqlValue[]> {
  const expressions = checks.map((check, index) =>
    `${EXPRESSIONS[check.check](quoteName(check.column, hook.dialect))} AS check_${index}`
  );
  const sql = `SELECT ${expressions.join(", ")} FROM ${quoteName(table, hook.dialect)}${where}`;
  ctx.log(`Running: ${sql}`);
  return await hook.getFirst(sql) ?? [];
}

function planChecks(fields: SqlColumnCheckFields): PlannedCheck[] {
  const planned: PlannedCheck[] = [];
  for (const [column, checks] of Object.entries(fields.columnMapping)) {
    for (const [check, settings] of Object.entries(checks ?? {})) {
      const { partition_clause, partitionClause, ...bounds } = settings as ColumnCheck;
      planned.push({
        column,
        check: check as ColumnCheckName,
        comparison: readComparison(bounds) as NormalComparison,
        where: whereClause(fields.partitionClause, partition_clause ?? partitionClause),
      });
    }
  }
  return planned;
}

/**
 * Check columns of a table (Airflow's `SQLColumnCheckOperator`); fails listing every check that
 * did not hold, else returns every check's result.
 *
 * @example
 * ```ts
 * import { sqlColumnCheck } from "@updraft/sql";
 *
 * sqlColumnCheck({
 *   id: "check_orders",
 *   connId: "warehouse",
 *   table: "orders",
 *   partitionClause: "day = '{{ ds }}'",
 *   columnMapping: {
 *     id: { null_check: { equal_to: 0 }, unique_check: { equal_to: 0 } },
 *     amount: { min: { geq_to: 0 }, max: { less_than: 10000, tolerance: 0.1 } },
 *   },
 * });
 * ```
 */
export const sqlColumnCheck: OperatorBuilder<
  SqlColumnCheckFields,
  Promise<ColumnCheckResult[]>
> = (options) => {
  const check = new FieldChecker("sqlColumnCheck", options);
  check.connId(options.connId);
  check.text("table", options.table);
  check.text("partitionClause", options.partitionClause, { optional: true });
  check.boolean("acceptNone", options.acceptNone);
  if (!isObject(options.columnMapping) || Object.keys(options.columnMapping).length === 0) {
    throw check.error("columnMapping", "needs at least one column with its checks");
  }
  for (const [column, checks] of Object.entries(options.columnMapping)) {
    const field = `columnMapping.${column}`;
    if (!isObject(checks) || Object.keys(checks).length === 0) {
      throw check.error(field, "needs checks such as { null_check: { equal_to: 0 } }");
    }
    for (const [name, settings] of Object.entries(checks)) {
      if (!Object.hasOwn(EXPRESSIONS, name)) {
        throw check.error(
          `${field}.${name}`,
          "unknown check (use null_check, distinct_check, unique_check, min, max)",
        );
      }
      const { partition_clause, partitionClause, ...bounds } = (settings ?? {}) as ColumnCheck;
      check.text(`${field}.${name}.partition_clause`, partition_clause ?? partitionClause, {
        optional: true,
      });
      const read = readComparison(bounds);
      if (typeof read === "string") throw check.error(`${field}.${name}`, read);
    }
  }
  return operator(options);
};
