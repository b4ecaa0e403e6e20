/**
 * `sqlQuery`: Airflow's `SQLExecuteQueryOperator`. Runs SQL (one statement, a script, or a list
 * of statements) on a connection and returns the rows as the XCom `return_value`.
 *
 * @module
 */

import { defineOperator, FailTask, type OperatorBuilder, type TaskContext } from "updraft";
import { sqlHook } from "./connect.ts";
import type { SqlResult, SqlValue } from "./types.ts";
import { type ConnectionField, FieldChecker, type JsonParameters } from "./_fields.ts";
import { rowsAsJson } from "./_json_rows.ts";

/** The fields of {@link sqlQuery}. */
export interface SqlQueryFields extends ConnectionField {
  /**
   * The SQL (templated): a statement, a script of several, or a list of statements. For a
   * `.sql` file, import its text in the DAG file:
   * `import query from "./query.sql" with { type: "text" };`.
   */
  sql: string | string[];
  /** Bound to every statement (templated): a list for `?` / `$1`, an object for `:name`. */
  parameters?: JsonParameters;
  /** Commit each statement on its own instead of one transaction for all (default false). */
  autocommit?: boolean;
  /** Split a script at its semicolons (default true). */
  splitStatements?: boolean;
  /** Return only the last statement's rows (default true); else one entry per statement. */
  returnLast?: boolean;
  /** The most rows a returned statement may produce (default 1000); more fails the task. */
  maxRows?: number;
  /** Rows as lists in column order (default, as Airflow) or as objects by column name. */
  rowsAs?: "lists" | "objects";
}

/** What {@link sqlQuery} returns: rows, or per statement rows (null for one without rows). */
export type SqlQueryResult = SqlValue[] | (SqlValue[] | null)[] | null;

/** The default of `maxRows`. */
export const DEFAULT_MAX_ROWS = 1000;

const operator = defineOperator({
  name: "SQLExecuteQueryOperator",
  templateFields: ["sql", "parameters"],
  connections: (fields: SqlQueryFields) => [fields.connId],
  execute: executeQuery,
});

async function executeQuery(ctx: TaskContext, fields: SqlQueryFields): Promise<SqlQueryResult> {
  const hook = sqlHook(ctx.connection(fields.connId), { log: ctx.log, signal: ctx.signal });
  const maxRows = fields.maxRows ?? DEFAULT_MAX_ROWS;
  const returnLast = fields.returnLast ?? true;
  try {
    ctx.log(`Running SQL on ${hook.target} (connection "${fields.connId}")`);
    const results = await hook.run(fields.sql, {
      parameters: fields.parameters,
      autocommit: fields.autocommit ?? false,
      splitStatements: fields.splitStatements ?? true,
    });
    for (const [index, result] of results.entries()) {
      ctx.log(
        `statement ${index + 1} of ${results.length}: ` +
          (result.returnsRows
            ? `${result.rowCount} rows returned`
            : `${result.rowCount} rows affected`),
      );
    }
    const returned = returnLast ? [results.length - 1] : results.map((_, index) => index);
    for (const index of returned) checkRowLimit(results[index], index, results.length, maxRows);
    const shape = (result: SqlResult) =>
      result.returnsRows ? rowsAsJson(result, fields.rowsAs ?? "lists") : null;
    return returnLast ? shape(results[results.length - 1]) : results.map(shape);
  } finally {
    await hook.close();
  }
}

function checkRowLimit(result: SqlResult, index: number, count: number, maxRows: number): void {
  if (!result.returnsRows || result.rows.length <= maxRows) return;
  const which = count > 1 ? `statement ${index + 1} of ${count}` : "the query";
  throw new FailTask(
    `${which} returned ${result.rows.length} rows, more than maxRows (${maxRows}) allows in ` +
      "the XCom; select fewer rows (LIMIT, aggregate) or raise maxRows",
  );
}

/**
 * Run SQL on a connection (Airflow's `SQLExecuteQueryOperator`); the rows of the last statement
 * become the XCom `return_value`. SQL from a `.sql` file is imported as text by the DAG file:
 * `import createTables from "./sql/create_tables.sql" with { type: "text" };`.
 *
 * @example
 * ```ts
 * import { sqlQuery } from "@updraft/sql";
 *
 * sqlQuery({ id: "create", connId: "warehouse", sql: "CREATE TABLE IF NOT EXISTS t (a int)" });
 * sqlQuery({
 *   id: "daily_total",
 *   connId: "warehouse",
 *   sql: "SELECT sum(amount) FROM orders WHERE day = $1",
 *   parameters: ["{{ ds }}"],
 * });
 * ```
 */
export const sqlQuery: OperatorBuilder<SqlQueryFields, Promise<SqlQueryResult>> = (options) => {
  const check = new FieldChecker("sqlQuery", options);
  check.connId(options.connId);
  check.text("sql", options.sql, { list: true });
  if (typeof options.sql === "string" && /^[^\s;]+\.sql$/i.test(options.sql.trim())) {
    throw check.error(
      "sql",
      `"${options.sql}" looks like a file name; tasks cannot read the DAG folder, so import ` +
        `the file's text in the DAG file (import query from "./${options.sql}" with ` +
        `{ type: "text" }) and pass it as sql`,
    );
  }
  check.parameters(options.parameters);
  check.boolean("autocommit", options.autocommit);
  check.boolean("splitStatements", options.splitStatements);
  check.boolean("returnLast", options.returnLast);
  check.integer("maxRows", options.maxRows, 0);
  if (options.rowsAs !== undefined && options.rowsAs !== "lists" && options.rowsAs !== "objects") {
    throw check.error("rowsAs", `must be "lists" or "objects", got "${options.rowsAs}"`);
  }
  return operator(options);
};
