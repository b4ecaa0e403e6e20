/**
 * `sqlTableCheck`: Airflow's `SQLTableCheckOperator`. Each check is a SQL boolean expression
 * over the table — an aggregate (`COUNT(*) > 1000`) or a row condition (`amount >= 0`, which
 * must hold for every row) — and the task fails listing every check that did not hold.
 *
 * @module
 */

import { defineOperator, type OperatorBuilder, type TaskContext } from "updraft";
import { sqlHook } from "./connect.ts";
import { quoteName } from "./_insert.ts";
import { type ConnectionField, FieldChecker, isObject } from "./_fields.ts";
import { asNumber } from "./_comparisons.ts";
import { whereClause } from "./_partition.ts";

/** One table check. */
export interface TableCheck {
  /** A SQL boolean expression, e.g. `COUNT(*) > 0` or `price >= 0`. */
  check_statement?: string;
  /** Rows this check reads (a SQL condition), besides the operator's `partitionClause`. */
  partition_clause?: string;
  /** camelCase spelling of `check_statement`. */
  checkStatement?: string;
  /** camelCase spelling of `partition_clause`. */
  partitionClause?: string;
}

/** The fields of {@link sqlTableCheck}. */
export interface SqlTableCheckFields extends ConnectionField {
  /** The table (templated). */
  table: string;
  /** Check name → check (templated), as Airflow's `checks`. */
  checks: Record<string, TableCheck>;
  /** A condition (SQL, templated) restricting the rows of every check. */
  partitionClause?: string;
}

/** One check's outcome, as returned in the XCom. */
export interface TableCheckResult {
  check: string;
  statement: string;
  success: boolean;
}

const operator = defineOperator({
  name: "SQLTableCheckOperator",
  templateFields: ["table", "checks", "partitionClause"],
  connections: (fields: SqlTableCheckFields) => [fields.connId],
  execute: runTableChecks,
});

async function runTableChecks(
  ctx: TaskContext,
  fields: SqlTableCheckFields,
): Promise<TableCheckResult[]> {
  const hook = sqlHook(ctx.connection(fields.connId), { log: ctx.log, signal: ctx.signal });
  const checks = Object.entries(fields.checks).map(([name, check]) => ({
    name,
    statement: (check.check_statement ?? check.checkStatement)!,
    where: whereClause(fields.partitionClause, check.partition_clause ?? check.partitionClause),
  }));
  let rows;
  try {
    const table = quoteName(fields.table, hook.dialect);
    // One row per check: MIN over the rows is 1 when the expression held for every row (an
    // aggregate gives one row), 0 when it failed, NULL when no row was read (nothing to fail).
    const sql = checks.map((check, index) =>
      `SELECT ${index} AS check_index, MIN(check_value) AS check_result FROM ` +
      `(SELECT CASE WHEN ${check.statement} THEN 1 ELSE 0 END AS check_value ` +
      `FROM ${table}${check.where}) AS check_${index}`
    ).join(" UNION ALL ");
    ctx.log(`Running: ${sql}`);
    rows = await hook.getRecords(sql);
  } finally {
    await hook.close();
  }
  const outcome = new Map(rows.map(([index, result]) => [asNumber(index), result]));
  const results = checks.map((check, index): TableCheckResult => {
    const result = outcome.get(index);
    return { check: check.name, statement: check.statement, success: asNumber(result) !== 0 };
  });
  for (const result of results) {
    ctx.log(`${result.success ? "passed" : "FAILED"}: ${result.check}: ${result.statement}`);
  }
  const failed = results.filter((result) => !result.success);
  if (failed.length > 0) {
    throw new Error(
      `table checks on ${fields.table}: ${failed.length} of ${results.length} failed: ` +
        failed.map((result) => `${result.check} (${result.statement})`).join("; "),
    );
  }
  return results;
}

/**
 * Check a table with SQL boolean expressions (Airflow's `SQLTableCheckOperator`); fails listing
 * every check that did not hold, else returns every check's result.
 *
 * @example
 * ```ts
 * import { sqlTableCheck } from "@updraft/sql";
 *
 * sqlTableCheck({
 *   id: "check_orders_table",
 *   connId: "warehouse",
 *   table: "orders",
 *   checks: {
 *     row_count: { check_statement: "COUNT(*) >= 1000" },
 *     positive_amounts: { check_statement: "amount > 0", partition_clause: "status = 'paid'" },
 *   },
 * });
 * ```
 */
export const sqlTableCheck: OperatorBuilder<SqlTableCheckFields, Promise<TableCheckResult[]>> = (
  options,
) => {
  const check = new FieldChecker("sqlTableCheck", options);
  check.connId(options.connId);
  check.text("table", options.table);
  check.text("partitionClause", options.partitionClause, { optional: true });
  if (!isObject(options.checks) || Object.keys(options.checks).length === 0) {
    throw check.error(
      "checks",
      'needs at least one check, e.g. { rows: { check_statement: "COUNT(*) > 0" } }',
    );
  }
  for (const [name, settings] of Object.entries(options.checks)) {
    if (!isObject(settings)) {
      throw check.error(`checks.${name}`, "must be an object with a check_statement");
    }
    const known = ["check_statement", "checkStatement", "partition_clause", "partitionClause"];
    const unknown = Object.keys(settings).find((key) => !known.includes(key));
    if (unknown) throw check.error(`checks.${name}.${unknown}`, "unknown setting");
    check.text(
      `checks.${name}.check_statement`,
      settings.check_statement ?? settings.checkStatement,
    );
    check.text(
      `checks.${name}.partition_clause`,
      settings.partition_clause ?? settings.partitionClause,
      {
        optional: true,
      },
    );
  }
  return operator(options);
};
