/**
 * `updraft connections add|get|list|test|delete` (fact 172). Passwords are never printed: a
 * set one shows as `***`, and values under sensitive keys of `extra` are masked as the API
 * masks them.
 *
 * @module
 */

import {
  type Connection,
  ConnectionFormatError,
  connectionFromEnvironment,
  connectionFromJson,
  connectionFromUri,
  redactExtraText,
} from "../core/mod.ts";
import type { CommandInput, CommandSpec, FlagSpec } from "./_command.ts";
import { CliError, EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { printRecords, type Row } from "./_output.ts";
import type { Session } from "./_session.ts";

const CONN_ID = { name: "CONN_ID", description: "the connection's id" };
const COLUMNS = [
  "conn_id",
  "conn_type",
  "description",
  "host",
  "schema",
  "login",
  "password",
  "port",
];
/** The same rule as the REST API: letters, digits, `_`, `.` and `-`. */
export const CONN_ID_PATTERN = /^[\p{L}\p{N}_.-]+$/u;

/** The separate `--conn-*` fields, in Airflow's order: flag suffix and record field. */
const FIELD_FLAGS = [
  ["type", "connType"],
  ["host", "host"],
  ["login", "login"],
  ["password", "password"],
  ["schema", "schema"],
  ["port", "port"],
  ["extra", "extra"],
  ["description", "description"],
] as const;

const ADD_FLAGS: FlagSpec[] = [
  { name: "conn-uri", type: "string", placeholder: "URI", description: "the connection as a URI" },
  {
    name: "conn-json",
    type: "string",
    placeholder: "JSON",
    description: "the connection as JSON: conn_type, host, login, password, schema, port, extra",
  },
  ...FIELD_FLAGS.map(([suffix]): FlagSpec => ({
    name: `conn-${suffix}`,
    type: "string",
    placeholder: suffix === "port" ? "PORT" : suffix === "extra" ? "JSON" : "TEXT",
    description: `the connection's ${suffix}`,
  })),
];

function connectionRow(connection: Connection): Row {
  return {
    conn_id: connection.connId,
    conn_type: connection.connType,
    description: connection.description,
    host: connection.host,
    schema: connection.schema,
    login: connection.login,
    password: connection.password === null ? null : "***",
    port: connection.port,
    extra: redactExtraText(connection.extra),
  };
}

/** The connection `add` describes, from exactly one of its three forms. */
function connectionToAdd(connId: string, input: CommandInput, command: string): Connection {
  const flag = (name: string) => {
    const value = input.flags[name];
    return typeof value === "string" ? value : null;
  };
  const given = FIELD_FLAGS.map(([suffix]) => `conn-${suffix}`).filter((name) =>
    flag(name) !== null
  );
  const uri = flag("conn-uri");
  const json = flag("conn-json");
  if (uri !== null && json !== null) {
    throw new UsageError("give --conn-uri or --conn-json, not both", command);
  }
  if (json !== null && given.length > 0) {
    throw new UsageError(`--conn-json cannot be combined with --${given.join(", --")}`, command);
  }
  const uriClashes = given.filter((name) => name !== "conn-extra" && name !== "conn-description");
  if (uri !== null && uriClashes.length > 0) {
    throw new UsageError(
      `--conn-uri cannot be combined with --${uriClashes.join(", --")}`,
      command,
    );
  }
  if (uri === null && json === null && flag("conn-type") === null) {
    throw new UsageError("one of --conn-uri, --conn-json or --conn-type is required", command);
  }
  try {
    if (json !== null) return connectionFromJson(connId, json, "--conn-json");
    const base = uri !== null
      ? connectionFromUri(connId, uri)
      : connectionFromJson(connId, JSON.stringify({ conn_type: flag("conn-type") }));
    const connection: Connection = { ...base };
    for (const [suffix, field] of FIELD_FLAGS) {
      const value = flag(`conn-${suffix}`);
      if (value === null || field === "connType") continue;
      if (field === "port") connection.port = parsePort(connId, value);
      else connection[field] = value;
    }
    if (connection.extra !== null) checkExtra(connId, connection.extra);
    return connection;
  } catch (error) {
    if (error instanceof ConnectionFormatError) throw new UsageError(error.message);
    throw error;
  }
}

function parsePort(connId: string, text: string): number {
  const port = Number(text);
  if (!/^[0-9]+$/.test(text) || port > 65535) {
    throw new ConnectionFormatError(connId, "it must be an integer from 0 to 65535", "--conn-port");
  }
  return port;
}

function checkExtra(connId: string, extra: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(extra);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConnectionFormatError(connId, "it must be a JSON object", "--conn-extra");
  }
}

/** A connection by id: `UPDRAFT_CONN_<ID>` first, then the database. */
async function findConnection(connId: string, session: Session): Promise<Connection | null> {
  try {
    return connectionFromEnvironment(connId, session.io.env) ??
      await (await session.store()).getConnection(connId);
  } catch (error) {
    if (error instanceof ConnectionFormatError) throw new UsageError(error.message);
    throw error;
  }
}

/** The commands of this file. */
export const CONNECTIONS_COMMANDS: CommandSpec[] = [
  {
    words: ["connections", "add"],
    summary: "Add a connection (exit 4 when its id is taken)",
    description: "Describe the connection by a URI, by JSON, or by --conn-type and the other " +
      "--conn-* flags. --conn-extra and --conn-description may accompany a URI.",
    arguments: [CONN_ID],
    flags: ADD_FLAGS,
    examples: [
      "connections add warehouse --conn-uri 'postgres://ada:s%40cret@db:5432/sales'",
      `connections add api --conn-json '{"conn_type": "http", "host": "https://api.example.com"}'`,
      'connections add files --conn-type fs --conn-extra \'{"path": "/data"}\'',
    ],
    async run(input, session) {
      const connId = input.args.CONN_ID!;
      if (!CONN_ID_PATTERN.test(connId)) {
        throw new UsageError(
          `cannot add connection '${connId}': its id may hold only letters, digits, '_', '.' and '-'`,
        );
      }
      const connection = connectionToAdd(connId, input, session.commandName);
      const store = await session.store();
      if (await store.getConnection(connId)) {
        throw new CliError(
          EXIT_CODES.conflict,
          `cannot add connection '${connId}': a connection with this id already exists`,
        );
      }
      await store.createConnection(connection);
      session.io.out(`Connection ${connId} added\n`);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["connections", "get"],
    summary: "Show a connection, its password as *** (exit 3 when missing)",
    description: "UPDRAFT_CONN_<ID> in the environment (a URI or JSON) is looked up first, " +
      "then the database, as Airflow looks up AIRFLOW_CONN_<ID>.",
    arguments: [CONN_ID],
    printsRecords: true,
    examples: ["connections get warehouse", "connections get warehouse -o json"],
    async run(input, session) {
      const connId = input.args.CONN_ID!;
      const connection = await findConnection(connId, session);
      if (!connection) throw notFound(`cannot get connection '${connId}': no such connection`);
      printRecords(session.io, [connectionRow(connection)], {
        format: session.format,
        columns: [...COLUMNS, "extra"],
        single: true,
      });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["connections", "list"],
    summary: "List the connections stored in the database, passwords as ***",
    flags: [{
      name: "conn-id",
      type: "string",
      placeholder: "ID",
      description: "only the connection with this id",
    }],
    printsRecords: true,
    examples: ["connections list", "connections list -o json", "connections list --conn-id api"],
    async run(input, session) {
      const only = typeof input.flags["conn-id"] === "string" ? input.flags["conn-id"] : null;
      const store = await session.store();
      const connections = only === null
        ? (await store.listConnections({ limit: 1_000_000 })).items
        : [await store.getConnection(only)].filter((found) => found !== null);
      printRecords(session.io, connections.map(connectionRow), {
        format: session.format,
        columns: COLUMNS,
        empty: "No connections",
      });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["connections", "test"],
    summary: "Test a connection with its provider (exit 1 when it fails, 3 when missing)",
    description: "Runs the test of the provider that serves the connection's type (sql: " +
      "postgres, mysql, sqlite; http; s3/aws; email: smtp) from this process, as Airflow's " +
      "`connections test`. UPDRAFT_CONN_<ID> is looked up first, then the database. The " +
      "message never shows the password.",
    arguments: [CONN_ID],
    printsRecords: true,
    examples: ["connections test warehouse", "connections test warehouse -o json"],
    async run(input, session) {
      const connId = input.args.CONN_ID!;
      const connection = await findConnection(connId, session);
      if (!connection) throw notFound(`cannot test connection '${connId}': no such connection`);
      const result = await session.testConnection(connection);
      if (session.format === "json") {
        printRecords(session.io, [{ conn_id: connId, ...result }], {
          format: "json",
          single: true,
        });
      } else {
        session.io.out(
          result.status
            ? `Connection ${connId} works: ${result.message}\n`
            : `Connection ${connId} failed: ${result.message}\n`,
        );
      }
      return result.status ? EXIT_CODES.success : EXIT_CODES.failed;
    },
  },
  {
    words: ["connections", "delete"],
    summary: "Delete a connection (exit 3 when missing)",
    arguments: [CONN_ID],
    examples: ["connections delete warehouse"],
    async run(input, session) {
      const connId = input.args.CONN_ID!;
      if (!await (await session.store()).deleteConnection(connId)) {
        throw notFound(`cannot delete connection '${connId}': no such connection`);
      }
      session.io.out(`Connection ${connId} deleted\n`);
      return EXIT_CODES.success;
    },
  },
];
