/**
 * The SQL provider (`@updraft/sql`): hooks for SQLite, PostgreSQL and MySQL/MariaDB, and the
 * operators DAG files use — `sqlQuery`, `sqlSensor`, `sqlColumnCheck`, `sqlTableCheck`. See
 * `README.md` beside this file.
 *
 * The database drivers (postgres.js, mysql2, node:sqlite) load only when a hook first connects,
 * so importing this module costs a sandbox next to nothing.
 *
 * @module
 */

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/sql";

export { isSqlConnectionType, sqlHook } from "./connect.ts";
export { testConnection } from "./test_connection.ts";
export {
  DEFAULT_MAX_ROWS,
  sqlQuery,
  type SqlQueryFields,
  type SqlQueryResult,
} from "./query_operator.ts";
export {
  type CellCondition,
  type SensorCell,
  sqlSensor,
  type SqlSensorFields,
  type SqlSensorOptions,
} from "./sensor_operator.ts";
export {
  type ColumnCheck,
  type ColumnCheckName,
  type ColumnCheckResult,
  sqlColumnCheck,
  type SqlColumnCheckFields,
} from "./column_check_operator.ts";
export {
  sqlTableCheck,
  type SqlTableCheckFields,
  type TableCheck,
  type TableCheckResult,
} from "./table_check_operator.ts";
export type { Bound, Comparison } from "./_comparisons.ts";
export type { JsonParameters } from "./_fields.ts";
export { SqlHook } from "./hook.ts";
export { SqliteHook } from "./sqlite_hook.ts";
export { PostgresHook } from "./postgres_hook.ts";
export { MySqlHook } from "./mysql_hook.ts";
export { SqlError } from "./errors.ts";
export { splitStatements, type SqlDialect } from "./split_statements.ts";
export type {
  InsertRowsOptions,
  RunOptions,
  SqlHookOptions,
  SqlParameters,
  SqlResult,
  SqlRow,
  SqlValue,
} from "./types.ts";
