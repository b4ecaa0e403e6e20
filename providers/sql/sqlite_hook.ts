/**
 * `SqliteHook`: a SQLite database file through `node:sqlite` (built into Deno). The file's path
 * is the connection's `host`, as in Airflow's sqlite connections (`schema` is read when `host` is
 * empty, for URIs such as `sqlite:////data/app.db`).
 *
 * @module
 */

import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { SqlHook } from "./hook.ts";
import type { SqlDialect } from "./split_statements.ts";
import type { SqlParameters, SqlResult, SqlValue } from "./types.ts";
import { fromDriver, toScalarParameter } from "./_values.ts";

/** How long a statement waits for another writer's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/** A SQLite database file. Parameters: `?`, `?1` (a list) or `:name`, `@name`, `$name`. */
export class SqliteHook extends SqlHook {
  readonly dialect: SqlDialect = "sqlite";
  #database: DatabaseSync | null = null;

  /** The database file's path. */
  get path(): string {
    return this.connection.host || this.connection.schema || "";
  }

  get target(): string {
    return `sqlite at ${this.path || "(no file)"}`;
  }

  protected async open(): Promise<void> {
    if (!this.path) {
      throw this.fail("cannot open: the connection has no database file (set its host to a path)");
    }
    const { DatabaseSync } = await import("node:sqlite");
    try {
      const database = new DatabaseSync(this.path);
      database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.#database = database;
    } catch (error) {
      throw this.fail(`cannot open the database file: ${this.message(error)}`, error);
    }
  }

  protected execute(sql: string, parameters?: SqlParameters): Promise<SqlResult> {
    const database = this.#database!;
    const statement = database.prepare(sql);
    statement.setReadBigInts(true);
    const columns = statement.columns().map((column) => column.name);
    const bound = bindable(parameters);
    if (columns.length === 0) {
      // Not a query. Without parameters the whole text runs, so a script passed unsplit (a
      // trigger with its BEGIN … END body) is not cut after its first statement.
      if (parameters === undefined) {
        const before = database.prepare("SELECT total_changes()").get() as Record<string, number>;
        database.exec(sql);
        const after = database.prepare("SELECT total_changes()").get() as Record<string, number>;
        const changed = Number(Object.values(after)[0]) - Number(Object.values(before)[0]);
        return Promise.resolve({ columns, rows: [], rowCount: changed, returnsRows: false });
      }
      const outcome = Array.isArray(bound) ? statement.run(...bound) : statement.run(bound);
      return Promise.resolve({
        columns,
        rows: [],
        rowCount: Number(outcome.changes),
        returnsRows: false,
      });
    }
    // Rows as lists keep repeated column names apart (missing from Deno's Node types).
    (statement as typeof statement & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
    const raw =
      (Array.isArray(bound) ? statement.all(...bound) : statement.all(bound)) as unknown[];
    const rows = raw.map((row) => (row as unknown[]).map(fromDriver));
    return Promise.resolve({ columns, rows, rowCount: rows.length, returnsRows: true });
  }

  protected transaction(step: "begin" | "commit" | "rollback"): Promise<void> {
    this.#database!.exec(step === "begin" ? "BEGIN" : step === "commit" ? "COMMIT" : "ROLLBACK");
    return Promise.resolve();
  }

  protected release(): Promise<void> {
    const database = this.#database;
    this.#database = null;
    if (database?.isOpen) database.close();
    return Promise.resolve();
  }
}

function bindable(
  parameters: SqlParameters | undefined,
): SQLInputValue[] | Record<string, SQLInputValue> {
  const convert = (value: SqlValue) => toScalarParameter(value, true) as SQLInputValue;
  if (parameters === undefined || parameters === null) return [];
  if (Array.isArray(parameters)) return parameters.map(convert);
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [name, convert(value)]),
  );
}
