/**
 * Connections in SQLite. Every field is stored as given, the password included (see
 * {@link Connection}).
 *
 * @module
 */

import type { Connection } from "../../core/mod.ts";
import { type Page, type PageQuery, RecordExistsError, RecordNotFoundError } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import { checkConnection } from "../_record_rules.ts";
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

const COLUMNS = "conn_id, conn_type, description, host, schema, login, password, port, extra";

/** One connection. */
export function getConnection(database: Database, connId: string): Connection | null {
  return database.read(`reading connection ${connId}`, () => {
    const row = database.get(`SELECT ${COLUMNS} FROM connections WHERE conn_id = ?`, connId);
    return row === undefined ? null : connectionFromRow(row);
  });
}

/** A page of connections. */
export function listConnections(database: Database, query: PageQuery): Page<Connection> {
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

/** Create a connection, or replace a stored one when `update` is set. */
export function writeConnection(database: Database, connection: Connection, update: boolean): void {
  const action = `${update ? "updating" : "creating"} connection ${connection?.connId}`;
  checkConnection(connection, action);
  database.write(action, () => {
    const exists = database.get("SELECT 1 FROM connections WHERE conn_id = ?", connection.connId);
    const what = `connection ${connection.connId}`;
    if (!update && exists !== undefined) throw new RecordExistsError(what);
    if (update && exists === undefined) throw new RecordNotFoundError(what);
    database.run(
      `INSERT INTO connections (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
        "ON CONFLICT (conn_id) DO UPDATE SET conn_type = excluded.conn_type, " +
        "description = excluded.description, host = excluded.host, schema = excluded.schema, " +
        "login = excluded.login, password = excluded.password, port = excluded.port, " +
        "extra = excluded.extra",
      connection.connId,
      connection.connType,
      connection.description,
      connection.host,
      connection.schema,
      connection.login,
      connection.password,
      connection.port,
      connection.extra,
    );
  });
}

/** Delete a connection; false when absent. */
export function deleteConnection(database: Database, connId: string): boolean {
  return database.write(`deleting connection ${connId}`, () => {
    return database.run("DELETE FROM connections WHERE conn_id = ?", connId) === 1;
  });
}

function connectionFromRow(row: Row): Connection {
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
  };
}
