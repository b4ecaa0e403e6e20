/**
 * `/connections`: list, create, read, update and delete connections (fact 155). The password is
 * write-only: requests may set it, no response carries it, and a PATCH without it keeps the
 * stored one. `extra` must be JSON object text.
 *
 * @module
 */

import { z } from "zod";
import { type Connection, sameDestination } from "../../core/mod.ts";
import { ORDER_FIELDS, RecordExistsError } from "../../store/mod.ts";
import { orderBy, pageLimit, pageOffset, updateMask } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import {
  ConnectionCollectionSchema,
  ConnectionSchema,
  toConnectionDto,
  toConnectionItemDto,
} from "./_connection_dto.ts";

/** Body fields PATCH may update, by their names in the body (`connection_id` never changes). */
const UPDATABLE_FIELDS = {
  conn_type: "connType",
  description: "description",
  host: "host",
  login: "login",
  schema: "schema",
  port: "port",
  password: "password",
  extra: "extra",
} as const satisfies Record<string, keyof Connection>;

type UpdatableField = keyof typeof UPDATABLE_FIELDS;

/** Airflow's key rule: word characters, dashes and dots, at most 200 characters. */
const connectionId = z.string({ error: "must be a string" })
  .max(200, { error: "must be at most 200 characters" })
  // A refinement, not `.regex()`: the document would show a `\p{…}` pattern few tools read.
  .refine((id) => /^[\p{L}\p{N}_.-]+$/u.test(id), {
    error: "must be made of alphanumeric characters, dashes, dots and underscores exclusively",
  });

const optionalText = z.string({ error: "must be a string or null" }).nullable().optional();

const extraText = optionalText.refine((text) => text == null || isJsonObjectText(text), {
  error: 'must be the text of a JSON object, e.g. "{\\"sslmode\\": \\"require\\"}"',
});

/** The body of `POST /connections` and `PATCH /connections/{connection_id}`. */
const ConnectionBody = named(
  "ConnectionBody",
  z.strictObject({
    connection_id: connectionId,
    conn_type: z.string({ error: "must be a string" }),
    description: optionalText,
    host: optionalText,
    login: optionalText,
    schema: optionalText,
    port: z.number({ error: "must be an integer or null" })
      .int({ error: "must be an integer or null" }).nullable().optional(),
    password: optionalText,
    extra: extraText,
  }),
  "A connection to write. The password is write-only; extra is JSON object text.",
);

type ConnectionInput = z.output<typeof ConnectionBody>;

/** The answer of `POST /connections/test`, Airflow's ConnectionTest. */
const ConnectionTestSchema = named(
  "ConnectionTest",
  z.object({
    status: z.boolean().describe("Whether the connection works."),
    message: z.string().describe("What the test did or why it failed; never a secret."),
  }),
  "Connection test results.",
);

const IdPath = z.object({ connection_id: z.string() });

/** Add the connection routes. */
export function addConnectionRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;
  const tag = "Connection";

  router.add({
    method: "get",
    path: "/connections",
    operationId: "get_connections",
    summary: "List connections (without passwords or extra)",
    tag,
    access: { resource: "connections", action: "read" },
    query: z.object({
      limit: pageLimit,
      offset: pageOffset,
      order_by: orderBy(ORDER_FIELDS.connections),
    }),
    response: {
      status: 200,
      description: "A page of connections.",
      schema: ConnectionCollectionSchema,
    },
    errors: [400],
    async handle({ query }) {
      const page = await store.listConnections({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      return json({
        connections: page.items.map(toConnectionItemDto),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "post",
    path: "/connections",
    operationId: "post_connection",
    summary: "Create a connection",
    tag,
    access: { resource: "connections", action: "create" },
    body: ConnectionBody,
    response: { status: 200, description: "The connection as stored.", schema: ConnectionSchema },
    errors: [400, 409],
    async handle({ body }) {
      const connection = fromBody(body);
      try {
        await store.createConnection(connection);
      } catch (error) {
        if (!(error instanceof RecordExistsError)) throw error;
        throw new ApiProblem(409, `Connection already exist. ID: ${connection.connId}`, {
          title: "Connection already exists",
        });
      }
      return json(toConnectionDto(connection));
    },
  });

  router.add({
    method: "post",
    path: "/connections/test",
    operationId: "test_connection",
    summary: "Test a connection (Op and Admin only); a body without password uses the stored one",
    tag,
    access: { resource: "connections", action: "create" },
    body: ConnectionBody,
    response: {
      status: 200,
      description: "Whether the connection works, and what happened.",
      schema: ConnectionTestSchema,
    },
    errors: [400],
    async handle({ body }) {
      if (services.testConnection === null) {
        throw new ApiProblem(403, "Testing connections is disabled on this server");
      }
      const connection = fromBody(body);
      // The dashboard never holds the stored password: testing an edited connection uses it, but
      // only where it is stored, so a tester cannot send it to a host of their own.
      if (body.password === undefined) {
        const stored = await store.getConnection(connection.connId);
        if (stored?.password && !sameDestination(connection, stored)) {
          throw new ApiProblem(
            400,
            `Testing connection ${connection.connId} with its stored password is refused: the ` +
              "type, host, port, login or schema differ from the stored ones; give the password",
          );
        }
        connection.password = stored?.password ?? null;
      }
      const result = await services.testConnection(connection);
      return json({ status: result.status, message: result.message });
    },
  });

  router.add({
    method: "get",
    path: "/connections/{connection_id}",
    operationId: "get_connection",
    summary: "Get a connection (its password is never returned)",
    tag,
    access: { resource: "connections", action: "read" },
    params: IdPath,
    response: { status: 200, description: "The connection.", schema: ConnectionSchema },
    errors: [404],
    async handle({ params }) {
      const connection = await store.getConnection(params.connection_id);
      if (connection === null) throw notFound(params.connection_id);
      return json(toConnectionDto(connection));
    },
  });

  router.add({
    method: "patch",
    path: "/connections/{connection_id}",
    operationId: "patch_connection",
    summary: "Update a connection; a body without password keeps the stored one",
    tag,
    access: { resource: "connections", action: "edit" },
    params: IdPath,
    query: z.object({ update_mask: updateMask }),
    body: ConnectionBody,
    response: { status: 200, description: "The connection as stored.", schema: ConnectionSchema },
    errors: [400, 404],
    async handle({ params, query, body }) {
      if (body.connection_id !== params.connection_id) {
        throw new ApiProblem(400, "The connection_id cannot be updated.", {
          title: "Invalid post body",
        });
      }
      const fields = fieldsToUpdate(body, query.update_mask);
      const current = await store.getConnection(params.connection_id);
      if (current === null) throw notFound(params.connection_id);
      const updated: Connection = { ...current };
      for (const field of fields) {
        (updated as unknown as Record<string, unknown>)[UPDATABLE_FIELDS[field]] = body[field] ??
          null;
      }
      await store.updateConnection(updated);
      return json(toConnectionDto(updated));
    },
  });

  router.add({
    method: "delete",
    path: "/connections/{connection_id}",
    operationId: "delete_connection",
    summary: "Delete a connection",
    tag,
    access: { resource: "connections", action: "delete" },
    params: IdPath,
    response: { status: 204, description: "Deleted." },
    errors: [404],
    async handle({ params }) {
      if (!(await store.deleteConnection(params.connection_id))) {
        throw notFound(params.connection_id);
      }
      return new Response(null, { status: 204 });
    },
  });
}

function notFound(connectionId: string): ApiProblem {
  return new ApiProblem(
    404,
    `The Connection with connection_id: \`${connectionId}\` was not found`,
    { title: "Connection not found" },
  );
}

/** A new connection from a POST body; absent fields are null. */
function fromBody(body: ConnectionInput): Connection {
  return {
    connId: body.connection_id,
    connType: body.conn_type,
    description: body.description ?? null,
    host: body.host ?? null,
    schema: body.schema ?? null,
    login: body.login ?? null,
    password: body.password ?? null,
    port: body.port ?? null,
    extra: body.extra ?? null,
  };
}

/**
 * The fields a PATCH writes: those named in `update_mask`, each of which must be updatable and
 * in the body; without a mask, every updatable field the body holds (so no password, no change).
 */
function fieldsToUpdate(body: ConnectionInput, mask: string[] | undefined): UpdatableField[] {
  const present = (Object.keys(UPDATABLE_FIELDS) as UpdatableField[])
    .filter((field) => body[field] !== undefined);
  if (mask === undefined || mask.length === 0) return present;
  for (const field of mask) {
    if (!(present as string[]).includes(field)) {
      throw new ApiProblem(
        400,
        `'${field}' is unknown or cannot be updated (update_mask names fields of the body; ` +
          `updatable: ${Object.keys(UPDATABLE_FIELDS).join(", ")})`,
      );
    }
  }
  return mask as UpdatableField[];
}

function isJsonObjectText(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}
