/**
 * `sqlHook(connection)`: the hook for a connection, chosen by its type.
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { SqlError } from "./errors.ts";
import type { SqlHook } from "./hook.ts";
import { MySqlHook } from "./mysql_hook.ts";
import { PostgresHook } from "./postgres_hook.ts";
import { SqliteHook } from "./sqlite_hook.ts";
import type { SqlHookOptions } from "./types.ts";

/** The connection types SQL hooks accept, with the hook each gets. */
const HOOKS: Record<string, new (connection: TaskConnection, options?: SqlHookOptions) => SqlHook> =
  {
    sqlite: SqliteHook,
    postgres: PostgresHook,
    postgresql: PostgresHook,
    mysql: MySqlHook,
    mariadb: MySqlHook,
  };

/**
 * The hook for `connection`: SQLite (`sqlite`), PostgreSQL (`postgres`) or MySQL/MariaDB
 * (`mysql`). Nothing connects until the first statement. Close it when done.
 *
 * @throws {SqlError} for a connection of another type.
 * @example
 * ```ts
 * import { task } from "updraft";
 * import { sqlHook } from "@updraft/sql";
 *
 * task({ id: "count", connections: ["warehouse"] }, async (ctx) => {
 *   const hook = sqlHook(ctx.connection("warehouse"), { log: ctx.log, signal: ctx.signal });
 *   try {
 *     return (await hook.getFirst("SELECT count(*) FROM orders"))?.[0];
 *   } finally {
 *     await hook.close();
 *   }
 * });
 * ```
 */
export function sqlHook(connection: TaskConnection, options: SqlHookOptions = {}): SqlHook {
  const type = String(connection?.connType ?? "").toLowerCase().replaceAll("-", "_");
  const Hook = Object.hasOwn(HOOKS, type) ? HOOKS[type] : undefined;
  if (!Hook) {
    throw new SqlError(
      connection?.connId ?? "?",
      type || "no type",
      `connection type "${type}" is not a SQL database; use sqlite, postgres or mysql`,
    );
  }
  return new Hook(connection, options);
}

/** Whether `connType` is one {@link sqlHook} accepts. */
export function isSqlConnectionType(connType: string): boolean {
  return Object.hasOwn(HOOKS, connType.toLowerCase().replaceAll("-", "_"));
}
