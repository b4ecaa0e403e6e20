/**
 * `MySqlHook`: MySQL and MariaDB through mysql2. The connection's `schema` is the database;
 * `extra` may set `charset`, `connect_timeout` (seconds) and `ssl` (`true`, or mysql2's TLS
 * options object).
 *
 * @module
 */

import type { Connection, ConnectionOptions, FieldPacket } from "mysql2/promise";
import { SqlHook } from "./hook.ts";
import type { SqlDialect } from "./split_statements.ts";
import type { SqlParameters, SqlResult, SqlValue } from "./types.ts";
import { fromDriver, toScalarParameter } from "./_values.ts";
import { withForgivingEnvironment } from "./_environment.ts";

const DEFAULT_PORT = 3306;
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** A MySQL or MariaDB database. Parameters: `?` (a list) or `:name` (an object). */
export class MySqlHook extends SqlHook {
  readonly dialect: SqlDialect = "mysql";
  #connection: Connection | null = null;

  get target(): string {
    return `mysql at ${this.connection.host ?? "(no host)"}:${
      this.connection.port ?? DEFAULT_PORT
    }`;
  }

  protected async open(): Promise<void> {
    const { host, port, login, password, schema, extra } = this.connection;
    if (!host) throw this.fail("cannot connect: the connection has no host");
    const mysql = await withForgivingEnvironment(() => import("mysql2/promise"));
    const options: ConnectionOptions = {
      host,
      port: port ?? DEFAULT_PORT,
      user: login ?? undefined,
      password: password ?? undefined,
      database: schema || undefined,
      connectTimeout: Number(extra.connect_timeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000,
      // Exact values: dates as the server writes them, big integers as text.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: "Z",
    };
    if (typeof extra.charset === "string") options.charset = extra.charset;
    if (extra.ssl === true || extra.ssl === "true") options.ssl = {};
    else if (extra.ssl && typeof extra.ssl === "object") options.ssl = extra.ssl as object;
    this.#connection = await withForgivingEnvironment(() => mysql.createConnection(options));
  }

  protected async execute(sql: string, parameters?: SqlParameters): Promise<SqlResult> {
    const named = parameters !== undefined && !Array.isArray(parameters);
    const values = parameters === undefined
      ? undefined
      : Array.isArray(parameters)
      ? parameters.map((value) => toScalarParameter(value, false))
      : Object.fromEntries(
        Object.entries(parameters).map(([name, value]) => [name, toScalarParameter(value, false)]),
      );
    const [result, fields] = await this.#connection!.query(
      { sql, rowsAsArray: true, namedPlaceholders: named },
      values,
    );
    if (!Array.isArray(result)) {
      const header = result as { affectedRows?: number };
      return { columns: [], rows: [], rowCount: header.affectedRows ?? 0, returnsRows: false };
    }
    const columns = ((fields ?? []) as FieldPacket[]).map((field) => field.name);
    const rows: SqlValue[][] = (result as unknown[][]).map((row) => row.map(fromDriver));
    return { columns, rows, rowCount: rows.length, returnsRows: true };
  }

  protected async transaction(step: "begin" | "commit" | "rollback"): Promise<void> {
    const connection = this.#connection!;
    if (step === "begin") await connection.beginTransaction();
    else if (step === "commit") await connection.commit();
    else await connection.rollback();
  }

  protected async release(): Promise<void> {
    const connection = this.#connection;
    this.#connection = null;
    if (!connection) return;
    // A cancelled task must not wait for its running statement.
    if (this.options.signal?.aborted) connection.destroy();
    else await connection.end().catch(() => connection.destroy());
  }
}
