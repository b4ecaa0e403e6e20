/**
 * `PostgresHook`: PostgreSQL through postgres.js, one reserved connection per hook. The
 * connection's `schema` is the database (as in Airflow); `extra` may set `sslmode` (libpq's
 * names), `connect_timeout` (seconds), `application_name` and `target_session_attrs`.
 *
 * @module
 */

import { SqlHook } from "./hook.ts";
import type { SqlDialect } from "./split_statements.ts";
import type { SqlParameters, SqlResult, SqlValue } from "./types.ts";
import { exactInteger, fromDriver } from "./_values.ts";
import { withForgivingEnvironment } from "./_environment.ts";

const DEFAULT_PORT = 5432;
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** Types kept as PostgreSQL writes them: date, time, timestamp, timestamptz, timetz, interval. */
const TEXT_TYPES = [1082, 1083, 1114, 1184, 1266, 1186];

/** The part of postgres.js the hook uses. */
interface Pool {
  reserve(): Promise<Reserved>;
  end(options: { timeout: number }): Promise<void>;
}

/** A postgres.js result in `.values()` form. */
type ValuesResult = unknown[][] & { columns?: { name: string }[]; count?: number | null };

interface Reserved {
  unsafe(sql: string, parameters?: unknown[]): { values(): Promise<ValuesResult> };
  release(): void;
}

/** A PostgreSQL database. Parameters: `$1`, `$2`, … bound from a list. */
export class PostgresHook extends SqlHook {
  readonly dialect: SqlDialect = "postgres";
  #pool: Pool | null = null;
  #connection: Reserved | null = null;

  get target(): string {
    return `postgres at ${this.connection.host ?? "(no host)"}:${
      this.connection.port ?? DEFAULT_PORT
    }`;
  }

  protected async open(): Promise<void> {
    const { host, port, login, password, schema, extra } = this.connection;
    if (!host) throw this.fail("cannot connect: the connection has no host");
    const { default: postgres } = await withForgivingEnvironment(() => import("postgres"));
    const log = this.options.log;
    const pool: Pool = await withForgivingEnvironment(() =>
      postgres({
        host,
        port: port ?? DEFAULT_PORT,
        user: login ?? "",
        password: password ?? "",
        database: schema || undefined,
        max: 1,
        ssl: sslOption(extra.sslmode),
        connect_timeout: Number(extra.connect_timeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS),
        idle_timeout: 0,
        prepare: false,
        connection: {
          application_name: String(extra.application_name ?? "updraft"),
        },
        target_session_attrs: extra.target_session_attrs as "primary" | undefined,
        onnotice: (notice) => log?.(`${notice.severity ?? "NOTICE"}: ${notice.message}`),
        types: {
          exactBigint: {
            to: 20,
            from: [20],
            serialize: (value: unknown) => String(value),
            parse: (text: string) => exactInteger(text),
          },
          datesAsText: {
            to: 1184,
            from: TEXT_TYPES,
            serialize: (value: unknown) =>
              value instanceof Date ? value.toISOString() : String(value),
            parse: (text: string) => text,
          },
        },
      }) as unknown as Pool
    );
    this.#pool = pool;
    try {
      this.#connection = await pool.reserve();
      await this.#connection.unsafe("SELECT 1").values();
    } catch (error) {
      this.#connection = null;
      this.#pool = null;
      await pool.end({ timeout: 0 }).catch(() => {});
      throw error;
    }
  }

  protected async execute(sql: string, parameters?: SqlParameters): Promise<SqlResult> {
    if (parameters !== undefined && !Array.isArray(parameters)) {
      throw new Error("PostgreSQL takes positional parameters ($1, $2, …) as a list");
    }
    const result = await this.#connection!.unsafe(sql, parameters).values();
    // Several statements sent unsplit come back as one result each; report the last.
    const last = Array.isArray(result[0]) && "columns" in result[0]
      ? result.at(-1) as unknown as ValuesResult
      : result;
    const columns = (last.columns ?? []).map((column) => column.name);
    const rows: SqlValue[][] = last.map((row) => row.map(fromDriver));
    return {
      columns,
      rows,
      rowCount: columns.length > 0 ? rows.length : Number(last.count ?? 0),
      returnsRows: columns.length > 0,
    };
  }

  protected async transaction(step: "begin" | "commit" | "rollback"): Promise<void> {
    await this.#connection!.unsafe(step.toUpperCase());
  }

  protected async release(): Promise<void> {
    const pool = this.#pool;
    this.#connection?.release();
    this.#connection = null;
    this.#pool = null;
    await pool?.end({ timeout: 0 });
  }
}

/** libpq's sslmode as postgres.js takes it (verify-ca is checked as verify-full). */
function sslOption(mode: unknown): boolean | "require" | "allow" | "prefer" | "verify-full" {
  switch (mode) {
    case undefined:
    case null:
    case "disable":
      return false;
    case "allow":
    case "prefer":
    case "require":
      return mode;
    case "verify-ca":
    case "verify-full":
      return "verify-full";
    default:
      throw new Error(
        `extra.sslmode "${String(mode)}" is not one of disable, allow, prefer, require, ` +
          "verify-ca, verify-full",
      );
  }
}
