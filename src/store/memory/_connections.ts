/**
 * Connections in memory. Every field is stored as given, the password and `extra` included:
 * unlike the SQLite store this one never encrypts them, as nothing it holds reaches a disk.
 *
 * @module
 */

import type { Connection } from "../../core/mod.ts";
import { type Page, type PageQuery, RecordExistsError, RecordNotFoundError } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import { checkConnection, CONNECTION_RULES } from "../_record_rules.ts";
import { copyRecord } from "../_validate.ts";
import type { MemoryState } from "./_state.ts";
import { sortPage, type SortValue } from "./_ordering.ts";

const ORDER: Record<OrderField<"connections">, (connection: Connection) => SortValue> = {
  connection_id: (connection) => connection.connId,
  conn_type: (connection) => connection.connType,
  description: (connection) => connection.description,
  host: (connection) => connection.host,
  port: (connection) => connection.port,
};

/** A page of connections. */
export function listConnections(state: MemoryState, query: PageQuery): Page<Connection> {
  const page = planPage("connections", query);
  return sortPage([...state.tables.connections.values()], {
    ...page,
    primary: ORDER[page.field],
    tieBreak: (connection) => [connection.connId],
  });
}

/** Create a connection, or replace a stored one when `update` is set. */
export function writeConnection(state: MemoryState, given: Connection, update: boolean): void {
  const action = `${update ? "updating" : "creating"} connection ${given?.connId}`;
  checkConnection(given, action);
  const connection = copyRecord(given, CONNECTION_RULES, action);
  const exists = state.tables.connections.has(connection.connId);
  const what = `connection ${connection.connId}`;
  if (!update && exists) throw new RecordExistsError(what);
  if (update && !exists) throw new RecordNotFoundError(what);
  state.transaction(() => state.put(state.tables.connections, connection.connId, connection));
}
