/**
 * `updraft connections export FILE` and `connections import FILE`, in Airflow's file formats:
 * JSON or YAML `{conn_id: {conn_type, description, host, login, password, schema, port, extra}}`
 * (a URI string also works for a connection), or `.env` lines `conn_id=<URI or JSON>`. Exports
 * are backups: they hold the passwords in plaintext, so files are created for their owner only.
 *
 * @module
 */

import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import {
  type Connection,
  ConnectionFormatError,
  connectionFromJson,
  connectionFromUri,
  connectionToUri,
} from "../core/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { readInputFile, writeOutputFile } from "./_files.ts";
import { CONN_ID_PATTERN } from "./connections.ts";

const FORMATS = ["json", "yaml", "env"] as const;
type FileFormat = (typeof FORMATS)[number];

/** The commands of this file. */
export const CONNECTIONS_FILE_COMMANDS: CommandSpec[] = [
  {
    words: ["connections", "export"],
    summary: "Write every stored connection, passwords included, to a JSON, YAML or .env file",
    description: "The format comes from the file's extension (.json, .yaml/.yml, .env) or " +
      "--file-format (needed for - , stdout). The file holds passwords in plaintext: it is " +
      "created readable by its owner only; keep it private.",
    arguments: [{ name: "FILE", description: "the file to write; - for stdout" }],
    flags: [
      {
        name: "file-format",
        type: "string",
        placeholder: "FORMAT",
        description: "json, yaml or env (default: from the extension)",
      },
      {
        name: "serialization-format",
        type: "string",
        placeholder: "FORMAT",
        description: "how .env lines hold a connection: uri or json",
        default: "uri",
      },
    ],
    examples: ["connections export connections.json", "connections export - --file-format env"],
    async run(input, session) {
      const path = input.args.FILE!;
      const format = fileFormat(path, input.flags["file-format"], session.commandName);
      const serialization = input.flags["serialization-format"] ?? "uri";
      if (serialization !== "uri" && serialization !== "json") {
        throw new UsageError(
          `--serialization-format must be uri or json, not '${serialization}'`,
          session.commandName,
        );
      }
      const store = await session.store();
      const connections = (await store.listConnections({ limit: 1_000_000 })).items;
      await writeOutputFile(session.io, path, render(connections, format, serialization));
      if (path !== "-") {
        session.io.out(`${connections.length} connections exported to ${path}\n`);
      }
      return EXIT_CODES.success;
    },
  },
  {
    words: ["connections", "import"],
    summary: "Add connections from a JSON, YAML or .env file (exit 1 if any failed)",
    description: "Each connection is a URI string or an object of Airflow's fields (extra as an " +
      "object or its text). A connection whose id exists is skipped unless --overwrite.",
    arguments: [{ name: "FILE", description: "a .json, .yaml/.yml or .env file" }],
    flags: [{
      name: "overwrite",
      type: "boolean",
      description: "replace connections whose id already exists",
    }],
    examples: ["connections import connections.json", "connections import prod.env --overwrite"],
    async run(input, session) {
      const path = input.args.FILE!;
      const format = fileFormat(path, undefined, session.commandName);
      const text = await readInputFile(path, "cannot import connections");
      const entries = parseEntries(text, format, path);
      const store = await session.store();
      let imported = 0;
      const skipped: string[] = [];
      const failed: string[] = [];
      for (const [connId, value] of entries) {
        try {
          const connection = toConnection(connId, value);
          const exists = await store.getConnection(connId) !== null;
          if (exists && !input.flags.overwrite) {
            skipped.push(connId);
            continue;
          }
          if (exists) await store.updateConnection(connection);
          else await store.createConnection(connection);
          imported++;
        } catch (error) {
          failed.push(connId);
          session.io.err(`Connection '${connId}' failed to import: ${(error as Error).message}\n`);
        }
      }
      session.io.out(
        `${imported} of ${entries.length} connections imported from ${path} ` +
          `(${skipped.length} skipped, ${failed.length} failed).\n`,
      );
      if (skipped.length > 0) {
        session.io.out(
          `Skipped because they already exist (use --overwrite): ${skipped.join(", ")}\n`,
        );
      }
      return failed.length > 0 ? EXIT_CODES.failed : EXIT_CODES.success;
    },
  },
];

function fileFormat(path: string, flag: unknown, command: string): FileFormat {
  if (typeof flag === "string") {
    if (!(FORMATS as readonly string[]).includes(flag)) {
      throw new UsageError(`--file-format must be json, yaml or env, not '${flag}'`, command);
    }
    return flag as FileFormat;
  }
  const extension = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if (extension === "json" || extension === "env") return extension;
  if (extension === "yaml" || extension === "yml") return "yaml";
  throw new UsageError(
    `cannot tell the format of ${path}: use a .json, .yaml, .yml or .env file` +
      (path === "-" ? " or --file-format" : ""),
    command,
  );
}

/** Airflow's export fields of one connection. */
function exportFields(connection: Connection): Record<string, string | number | null> {
  return {
    conn_type: connection.connType,
    description: connection.description,
    login: connection.login,
    password: connection.password,
    host: connection.host,
    port: connection.port,
    schema: connection.schema,
    extra: connection.extra,
  };
}

function render(connections: Connection[], format: FileFormat, serialization: string): string {
  if (format === "env") {
    return connections.map((connection) =>
      `${connection.connId}=${
        serialization === "json"
          ? JSON.stringify(exportFields(connection))
          : connectionToUri(connection)
      }\n`
    ).join("");
  }
  const all = Object.fromEntries(
    connections.map((connection) => [connection.connId, exportFields(connection)]),
  );
  return format === "json" ? `${JSON.stringify(all, null, 2)}\n` : stringifyYaml(all);
}

/** The connections a file holds, as `[conn_id, URI text or fields]`. */
function parseEntries(text: string, format: FileFormat, path: string): [string, unknown][] {
  const invalid = (reason: string) =>
    new UsageError(`cannot import connections from ${path}: ${reason}`);
  if (format === "env") {
    return text.split(/\r?\n/).flatMap((line, index): [string, unknown][] => {
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#")) return [];
      const separator = trimmed.indexOf("=");
      if (separator <= 0) throw invalid(`line ${index + 1} is not conn_id=<URI or JSON>`);
      const value = trimmed.slice(separator + 1).trim();
      const connId = trimmed.slice(0, separator).trim();
      return [[connId, value.startsWith("{") ? new EnvJson(value) : value]];
    });
  }
  let parsed: unknown;
  try {
    parsed = format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch {
    // Parser messages quote the text, which holds passwords.
    throw invalid(`it is not valid ${format === "json" ? "JSON" : "YAML"}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalid("it must map connection ids to connections");
  }
  return Object.entries(parsed);
}

/** A `.env` line's JSON text. */
class EnvJson {
  constructor(readonly text: string) {}
}

function toConnection(connId: string, value: unknown): Connection {
  if (!CONN_ID_PATTERN.test(connId)) {
    throw new Error("its id may hold only letters, digits, '_', '.' and '-'");
  }
  try {
    if (typeof value === "string") return connectionFromUri(connId, value);
    if (value instanceof EnvJson) return connectionFromJson(connId, value.text, ".env JSON");
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ConnectionFormatError(connId, "it must be a URI or an object of fields", "entry");
    }
    return connectionFromJson(connId, JSON.stringify(value), "entry");
  } catch (error) {
    if (error instanceof ConnectionFormatError) throw new Error(error.reason);
    throw error;
  }
}
