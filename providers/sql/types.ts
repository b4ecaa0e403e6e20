/**
 * The shapes the SQL hooks take and return.
 *
 * @module
 */

/**
 * A value read from or written to a database. Integers beyond JavaScript's safe range, and
 * PostgreSQL `numeric` and MySQL `DECIMAL`, come back as strings (exact); dates and times as
 * the database writes them; binary columns as bytes; JSON columns parsed.
 */
export type SqlValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | SqlValue[]
  | { [key: string]: SqlValue };

/**
 * Statement parameters. A list binds positional placeholders: `?` (SQLite, MySQL) or `$1, $2`
 * (PostgreSQL). An object binds named placeholders: `:name`, `@name` or `$name` (SQLite),
 * `:name` (MySQL); PostgreSQL takes only a list.
 */
export type SqlParameters = SqlValue[] | { [name: string]: SqlValue };

/** A row to insert: values in column order, or an object by column name (missing = NULL). */
export type SqlRow = readonly SqlValue[] | Readonly<Record<string, SqlValue | undefined>>;

/** What one statement returned. */
export interface SqlResult {
  /** Column names, in order; empty when the statement returns no rows (INSERT, CREATE, …). */
  columns: string[];
  /** The rows, each a list of values in column order. */
  rows: SqlValue[][];
  /** Rows returned, or rows changed by an INSERT, UPDATE or DELETE. */
  rowCount: number;
  /** Whether the statement returns rows (a SELECT, or anything with RETURNING), even none. */
  returnsRows: boolean;
}

/** Options of `SqlHook.run`. */
export interface RunOptions {
  /** Bound to every statement. */
  parameters?: SqlParameters;
  /**
   * Commit each statement on its own (default false: several statements run in one
   * transaction, rolled back as a whole when one fails). Needed for statements that cannot run
   * inside a transaction, such as PostgreSQL's `CREATE DATABASE` or SQLite's `VACUUM`, and for
   * scripts that manage their own transactions.
   */
  autocommit?: boolean;
  /**
   * Split a string into statements at the semicolons that end them (default true). Turn off
   * for one statement whose body holds semicolons (a MySQL procedure, a SQLite trigger).
   */
  splitStatements?: boolean;
}

/** Options of `SqlHook.insertRows`. */
export interface InsertRowsOptions {
  /**
   * The target columns. Default: the keys of the first row when rows are objects; required
   * when rows are lists and the table's column order is not meant.
   */
  columns?: string[];
  /** Rows per transaction (default 1000), like Airflow's `commit_every`. */
  batchSize?: number;
  /**
   * Replace rows that clash on a unique key. With `keyColumns`: an upsert updating the other
   * columns (`ON CONFLICT (keys) DO UPDATE`, MySQL's `ON DUPLICATE KEY UPDATE`); without:
   * `INSERT OR REPLACE` (SQLite) or `REPLACE` (MySQL). PostgreSQL needs `keyColumns`.
   */
  replace?: boolean;
  /** The unique key an upsert matches on (Airflow's `replace_index`). */
  keyColumns?: string[];
}

/** Options of a hook. */
export interface SqlHookOptions {
  /** Where server notices and warnings go (default: nowhere). Pass `ctx.log` in a task. */
  log?: (line: string) => void;
  /** Aborting it closes the connection, stopping a running statement. Pass `ctx.signal`. */
  signal?: AbortSignal;
}
