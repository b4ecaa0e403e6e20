/**
 * `SqlHook`: what every database hook offers (Airflow's `DbApiHook`): `run`, `getRecords`,
 * `getFirst`, `insertRows`, `close`. Each database implements four primitives — open, execute,
 * transaction control, close — and this class does the rest: statement splitting, transactions,
 * batching, and errors that name the connection.
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { driverMessage, SqlError, statementExcerpt } from "./errors.ts";
import { insertBatches } from "./_insert.ts";
import { splitStatements, type SqlDialect } from "./split_statements.ts";
import type {
  InsertRowsOptions,
  RunOptions,
  SqlHookOptions,
  SqlParameters,
  SqlResult,
  SqlRow,
  SqlValue,
} from "./types.ts";

/** A connection to one database, opened on first use. Close it when done. */
export abstract class SqlHook {
  /** The dialect its statements are written in. */
  abstract readonly dialect: SqlDialect;
  #opened: Promise<void> | null = null;
  #closed = false;

  /** `connection` as `ctx.connection(id)` returns it. */
  constructor(
    readonly connection: TaskConnection,
    protected readonly options: SqlHookOptions = {},
  ) {
    options.signal?.addEventListener("abort", () => void this.close(), { once: true });
  }

  /** Where the connection points: `postgres at db:5432`, `sqlite at /data/app.db`. */
  abstract get target(): string;

  /** Connect (or open the file). */
  protected abstract open(): Promise<void>;
  /** Run one statement. */
  protected abstract execute(statement: string, parameters?: SqlParameters): Promise<SqlResult>;
  /** Start, commit or roll back a transaction. */
  protected abstract transaction(step: "begin" | "commit" | "rollback"): Promise<void>;
  /** Release the connection. */
  protected abstract release(): Promise<void>;

  /**
   * Run a script (split into statements) or a list of statements; returns each statement's
   * result. Several statements share one transaction unless `autocommit` is set.
   *
   * @example
   * ```ts
   * import { type SqlHook } from "@updraft/sql";
   * declare const hook: SqlHook;
   *
   * await hook.run("CREATE TABLE t (a int); INSERT INTO t VALUES (1)");
   * await hook.run(["DELETE FROM t WHERE a = ?"], { parameters: [1] });
   * ```
   */
  async run(sql: string | readonly string[], options: RunOptions = {}): Promise<SqlResult[]> {
    const statements = this.statements(sql, options.splitStatements ?? true);
    await this.connect();
    const inTransaction = !options.autocommit && statements.length > 1;
    if (inTransaction) await this.step("begin");
    const results: SqlResult[] = [];
    try {
      for (const [index, statement] of statements.entries()) {
        results.push(
          await this.executeNamed(statement, options.parameters, {
            index,
            count: statements.length,
          }),
        );
      }
    } catch (error) {
      if (inTransaction) await this.step("rollback").catch(() => {});
      throw error;
    }
    if (inTransaction) await this.step("commit");
    return results;
  }

  /** The rows of the (last) statement of `sql`, each a list of values in column order. */
  async getRecords(sql: string, parameters?: SqlParameters): Promise<SqlValue[][]> {
    const results = await this.run(sql, { parameters });
    return results.at(-1)?.rows ?? [];
  }

  /** The first row of the (last) statement of `sql`, or null when it returned none. */
  async getFirst(sql: string, parameters?: SqlParameters): Promise<SqlValue[] | null> {
    return (await this.getRecords(sql, parameters))[0] ?? null;
  }

  /**
   * Insert rows (lists in column order, or objects by column name) with multi-row INSERTs,
   * committing every `batchSize` rows; optionally replacing or upserting on a key. Returns the
   * number of rows given.
   *
   * @example
   * ```ts
   * import { type SqlHook } from "@updraft/sql";
   * declare const hook: SqlHook;
   *
   * await hook.insertRows("users", [{ id: 1, name: "Ada" }], { keyColumns: ["id"] });
   * ```
   */
  async insertRows(
    table: string,
    rows: readonly SqlRow[],
    options: InsertRowsOptions = {},
  ): Promise<number> {
    let batches;
    try {
      batches = insertBatches(this.dialect, table, rows, options);
    } catch (error) {
      throw this.fail(`cannot insert into ${table}: ${(error as Error).message}`);
    }
    await this.connect();
    let inserted = 0;
    for (const statements of batches) {
      await this.step("begin");
      try {
        for (const statement of statements) {
          await this.executeNamed(statement.sql, statement.parameters, { table });
          inserted += statement.rowCount;
        }
      } catch (error) {
        await this.step("rollback").catch(() => {});
        throw error;
      }
      await this.step("commit");
    }
    return inserted;
  }

  /** Close the connection; a later call opens a new one. Safe to call twice. */
  async close(): Promise<void> {
    const opened = this.#opened;
    this.#opened = null;
    this.#closed = true;
    if (!opened) return;
    try {
      await opened;
    } catch {
      return; // never opened, nothing to release
    }
    await this.release().catch(() => {});
  }

  /** An error naming this connection and `reason`. */
  protected fail(reason: string, cause?: unknown): SqlError {
    return new SqlError(this.connection.connId, this.target, reason, { cause });
  }

  /** The driver's message for `error`, without the password. */
  protected message(error: unknown): string {
    return driverMessage(error, this.connection.password);
  }

  private async connect(): Promise<void> {
    if (this.options.signal?.aborted) throw this.fail("cancelled before connecting");
    this.#closed = false;
    this.#opened ??= this.open().catch((error) => {
      this.#opened = null;
      throw error instanceof SqlError
        ? error
        : this.fail(`cannot connect: ${this.message(error)}`, error);
    });
    await this.#opened;
  }

  private statements(sql: string | readonly string[], split: boolean): string[] {
    const list = typeof sql === "string" ? (split ? splitStatements(sql, this.dialect) : [sql]) : [
      ...sql,
    ];
    if (list.length === 0 || list.some((statement) => typeof statement !== "string")) {
      throw this.fail("no SQL statement to run: sql must be a statement or a list of statements");
    }
    return list;
  }

  private async step(step: "begin" | "commit" | "rollback"): Promise<void> {
    try {
      await this.transaction(step);
    } catch (error) {
      throw this.fail(`${step} failed: ${this.message(error)}`, error);
    }
  }

  private async executeNamed(
    statement: string,
    parameters: SqlParameters | undefined,
    place: { index?: number; count?: number; table?: string },
  ): Promise<SqlResult> {
    try {
      return await this.execute(statement, parameters);
    } catch (error) {
      if (this.#closed && this.options.signal?.aborted) throw this.fail("cancelled", error);
      const which = place.table !== undefined
        ? `insert into ${place.table}`
        : place.count! > 1
        ? `statement ${place.index! + 1} of ${place.count}`
        : "statement";
      throw this.fail(
        `${which} failed: ${this.message(error)} [${statementExcerpt(statement)}]`,
        error,
      );
    }
  }
}
