/**
 * Connection rows in SQLite, as stored: the password and `extra` may be Fernet tokens, flagged
 * by `is_encrypted` and `is_extra_encrypted` (see `_connection_secrets.ts`, which seals them
 * before a write and opens them after a read).
 *
 * @module
 */

import type { Connection } from "../../core/mod.ts";
import { type Page, type PageQuery, RecordExistsError, RecordNotFoundError } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import type { Database, Row } from "./_database.ts";
import { orderClause } from "./_conditions.ts";
import { selectPage } from "./_select_page.ts";

const ORDER: Record<OrderField<"connections">, string> = {
  connection_id: "conn_id",
  conn_type: "conn_type",
  description: "description",
  host: "host",
  port: "port",
};

const COLUMNS = "conn_id, conn_type, description, host, schema, login, password, port, extra, " +
  "is_encrypted, is_extra_encrypted";

/** A connection as its row holds it: `password` and `extra` are tokens when flagged. */
export interface StoredConnection extends Connection {
  /** Whether `password` is a Fernet token. */
  isEncrypted: boolean;
  /** Whether `extra` is a Fernet token. */
  isExtraEncrypted: boolean;
}

/** One connection row. */
export function getConnection(database: Database, connId: string): StoredConnection | null {
  return database.read(`reading connection ${connId}`, () => {
    const row = database.get(`SELECT ${COLUMNS} FROM connections WHERE conn_id = ?`, connId);
    return row === undefined ? null : connectionFromRow(row);
  });
}

/** A page of connection rows. */
export function listConnections(database: Database, query: PageQuery): Page<StoredConnection> {
  const page = planPage("connections", query);
  return selectPage(
    database,
    "listing connections",
    {
      select: COLUMNS,
      from: " FROM connections",
      order: orderClause(ORDER[page.field], page.descending, "conn_id"),
      limit: page.limit,
      offset: page.offset,
    },
    (sql, parameters) => database.all(sql, ...parameters).map(connectionFromRow),
  );
}

/**
 * Create a connection row, or replace a stored one when `update` is set. The caller has checked
 * the plaintext record (see `sealConnection`).
 */
export function writeConnection(
  database: Database,
  connection: StoredConnection,
  update: boolean,
): void {
  const action = `${update ? "updating" : "creating"} connection ${connection.connId}`;
  database.write(action, () => {
    const exists = database.get("SELECT 1 FROM connections WHERE conn_id = ?", connection.connId);
    const what = `connection ${connection.connId}`;
    if (!update && exists !== undefined) throw new RecordExistsError(what);
    if (update && exists === undefined) throw new RecordNotFoundError(what);
    database.run(
      `INSERT INTO connections (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
        "ON CONFLICT (conn_id) DO UPDATE SET conn_type = excluded.conn_type, " +
        "description = excluded.description, host = excluded.host, schema = excluded.schema, " +
        "login = excluded.login, password = excluded.password, port = excluded.port, " +
        "extra = excluded.extra, is_encrypted = excluded.is_encrypted, " +
        "is_extra_encrypted = excluded.is_extra_encrypted",
      connection.connId,
      connection.connType,
      connection.description,
      connection.host,
      connection.schema,
      connection.login,
      connection.password,
      connection.port,
      connection.extra,
      connection.isEncrypted ? 1 : 0,
      connection.isExtraEncrypted ? 1 : 0,
    );
  });
}

/** Delete a connection; false when absent. */
export function deleteConnection(database: Database, connId: string): boolean {
  return database.write(`deleting connection ${connId}`, () => {
    return database.run("DELETE FROM connections WHERE conn_id = ?", connId) === 1;
  });
}

function connectionFromRow(row: Row): StoredConnection {
  return {
    connId: row.conn_id as string,
    connType: row.conn_type as string,
    description: row.description as string | null,
    host: row.host as string | null,
    schema: row.schema as string | null,
    login: row.login as string | null,
    password: row.password as string | null,
    port: row.port === null ? null : Number(row.port),
    extra: row.extra as string | null,
    isEncrypted: Number(row.is_encrypted) === 1,
    isExtraEncrypted: Number(row.is_extra_encrypted) === 1,
  };
}
