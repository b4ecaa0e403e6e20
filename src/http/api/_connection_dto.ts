/**
 * Connections as the API shows them (fact 155): the password is write-only and never leaves,
 * and values under sensitive keys of `extra` are shown as `***`, as Airflow's secrets masker
 * redacts them.
 *
 * @module
 */

import { z } from "zod";
import { type Connection, redactExtraText } from "../../core/mod.ts";
import { named } from "./_schemas.ts";

/** What every connection shows in a list: no password, no extra. */
export const ConnectionCollectionItemSchema = named(
  "ConnectionCollectionItem",
  z.object({
    connection_id: z.string(),
    conn_type: z.string(),
    description: z.string().nullable(),
    host: z.string().nullable(),
    login: z.string().nullable(),
    schema: z.string().nullable(),
    port: z.number().int().nullable(),
  }),
  "A connection in a list; the password and extra are left out.",
);

/** One connection with its (redacted) extra; the password is write-only and never shown. */
export const ConnectionSchema = named(
  "Connection",
  ConnectionCollectionItemSchema.extend({ extra: z.string().nullable() }),
  "A connection. Its password is write-only: it is never returned.",
);

/** A page of connections. */
export const ConnectionCollectionSchema = named(
  "ConnectionCollection",
  z.object({
    connections: z.array(ConnectionCollectionItemSchema),
    total_entries: z.number().int(),
  }),
);

/** Map a stored connection for a list. */
export function toConnectionItemDto(
  connection: Connection,
): z.infer<typeof ConnectionCollectionItemSchema> {
  return {
    connection_id: connection.connId,
    conn_type: connection.connType,
    description: connection.description,
    host: connection.host,
    login: connection.login,
    schema: connection.schema,
    port: connection.port,
  };
}

/** Map one stored connection, with its extra redacted. */
export function toConnectionDto(connection: Connection): z.infer<typeof ConnectionSchema> {
  return { ...toConnectionItemDto(connection), extra: redactExtraText(connection.extra) };
}
