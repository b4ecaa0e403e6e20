/**
 * One SQLite connection: pragmas, a cache of prepared statements, and transactions that roll
 * back on any error and say which action failed.
 *
 * @module
 */

import {
  DatabaseSync,
  type SQLInputValue,
  type SQLOutputValue,
  type StatementSync,
} from "node:sqlite";

/** Parameters of a statement: positional values or one object of named values. */
export type Parameters = SQLInputValue[] | [Record<string, SQLInputValue>];

/** A row as SQLite returns it. */
export type Row = Record<string, SQLInputValue>;

/** A SQLite connection with cached statements and transactions. */
export class Database {
  #database: DatabaseSync;
  #statements = new Map<string, StatementSync>();
  #arrayStatements = new Map<string, StatementSync>();
  #inTransaction = false;

  /** Open `path` and set the pragmas; throws an Error naming the path when it cannot. */
  constructor(readonly path: string) {
    try {
      this.#database = new DatabaseSync(path);
      this.#database.exec(`
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
      `);
    } catch (error) {
      throw new Error(`opening SQLite database ${path} failed: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  /** A prepared statement for `sql`, prepared once per connection. */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      statement.setAllowUnknownNamedParameters(true);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Run a write statement; returns how many rows it changed. */
  run(sql: string, ...parameters: Parameters): number {
    return Number(this.statement(sql).run(...(parameters as SQLInputValue[])).changes);
  }

  /** The first row of a query, or undefined. */
  get<T = Row>(sql: string, ...parameters: Parameters): T | undefined {
    return this.statement(sql).get(...(parameters as SQLInputValue[])) as T | undefined;
  }

  /** Every row of a query. */
  all<T = Row>(sql: string, ...parameters: Parameters): T[] {
    return this.statement(sql).all(...(parameters as SQLInputValue[])) as T[];
  }

  /** Every row of a query as an array of column values: much faster for many rows. */
  values(sql: string, ...parameters: Parameters): SQLOutputValue[][] {
    let statement = this.#arrayStatements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      // Present at run time (Node's API); missing from the bundled type declarations.
      (statement as StatementSync & { setReturnArrays(enabled: boolean): void })
        .setReturnArrays(true);
      this.#arrayStatements.set(sql, statement);
    }
    return statement.all(...(parameters as SQLInputValue[])) as unknown as SQLOutputValue[][];
  }

  /** Run SQL text of several statements, without caching. */
  exec(sql: string): void {
    this.#database.exec(sql);
  }

  /** Forget every prepared statement (after the schema was dropped). */
  clearStatements(): void {
    this.#statements.clear();
    this.#arrayStatements.clear();
  }

  /** Run `work` in a write transaction (`BEGIN IMMEDIATE`); any error rolls it all back. */
  write<T>(action: string, work: () => T): T {
    return this.#transaction("BEGIN IMMEDIATE", action, work);
  }

  /** Run `work` in a read transaction, so its queries see one consistent state. */
  read<T>(action: string, work: () => T): T {
    return this.#transaction("BEGIN", action, work);
  }

  /** Close the connection; later calls fail. */
  close(): void {
    this.clearStatements();
    this.#database.close();
  }

  #transaction<T>(begin: string, action: string, work: () => T): T {
    if (this.#inTransaction) {
      throw new Error(`${action} failed: another store call is inside a transaction`);
    }
    try {
      this.#database.exec(begin);
    } catch (error) {
      throw wrap(action, error);
    }
    this.#inTransaction = true;
    try {
      const result = work();
      this.#database.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.#database.isTransaction) this.#database.exec("ROLLBACK");
      throw wrap(action, error);
    } finally {
      this.#inTransaction = false;
    }
  }
}

/** Whether `error` is SQLite refusing a write for a constraint (unique, foreign key, …). */
export function isConstraintError(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === "ERR_SQLITE_ERROR" &&
    /constraint failed/i.test(error.message);
}

function wrap(action: string, error: unknown): unknown {
  if (error instanceof Error && (error as { code?: string }).code === "ERR_SQLITE_ERROR") {
    return new Error(`${action} failed: ${error.message}`, { cause: error });
  }
  return error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
