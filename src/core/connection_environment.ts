/**
 * Connections and variables from the environment, as Airflow's environment-variables secrets
 * backend reads `AIRFLOW_CONN_<ID>` and `AIRFLOW_VAR_<KEY>`: `UPDRAFT_CONN_<ID>` holds a
 * connection URI or a JSON object, `UPDRAFT_VAR_<KEY>` a variable's value.
 *
 * @module
 */

import {
  ConnectionFormatError,
  connectionFromUri,
  normalizeConnectionType,
} from "./connection_uri.ts";
import type { Connection } from "./records.ts";

/** The environment variable that holds connection `connId`: `UPDRAFT_CONN_<ID upper-cased>`. */
export function connectionVariableName(connId: string): string {
  return `UPDRAFT_CONN_${connId.toUpperCase()}`;
}

/** The environment variable that holds variable `key`: `UPDRAFT_VAR_<KEY upper-cased>`. */
export function variableVariableName(key: string): string {
  return `UPDRAFT_VAR_${key.toUpperCase()}`;
}

/** The value of variable `key` from the environment, or null when it is not set there. */
export function variableFromEnvironment(key: string, env: Record<string, string>): string | null {
  return env[variableVariableName(key)] ?? null;
}

/**
 * Connection `connId` from `UPDRAFT_CONN_<ID>`, or null when that variable is not set. A value
 * starting with `{` is read as Airflow's JSON form (`conn_type`, `host`, `login`, `password`,
 * `schema`, `port`, `extra` as text or object, `description`); anything else as a URI.
 *
 * @throws {ConnectionFormatError} naming the variable and the problem, never the password.
 * @example
 * ```ts
 * connectionFromEnvironment("warehouse", { UPDRAFT_CONN_WAREHOUSE: "postgres://db/sales" });
 * ```
 */
export function connectionFromEnvironment(
  connId: string,
  env: Record<string, string>,
): Connection | null {
  const name = connectionVariableName(connId);
  const value = env[name];
  if (value === undefined) return null;
  if (value.trimStart().startsWith("{")) {
    return connectionFromJson(connId, value, `JSON in ${name}`);
  }
  try {
    return connectionFromUri(connId, value);
  } catch (error) {
    if (!(error instanceof ConnectionFormatError)) throw error;
    throw new ConnectionFormatError(connId, error.reason, `URI in ${name}`);
  }
}

const JSON_KEYS = [
  "conn_type",
  "host",
  "login",
  "password",
  "schema",
  "port",
  "extra",
  "description",
];

/**
 * A connection from Airflow's JSON form (`Connection.from_json`), as `--conn-json` and
 * `UPDRAFT_CONN_<ID>` take it. `source` names where the text came from in errors.
 *
 * @throws {ConnectionFormatError} naming `connId`, `source` and the problem, never a value.
 */
export function connectionFromJson(connId: string, text: string, source = "JSON"): Connection {
  const fail = (reason: string) => new ConnectionFormatError(connId, reason, source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's own message quotes the text, which may hold the password.
    throw fail("it is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw fail("it is not a JSON object");
  }
  const fields = parsed as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !JSON_KEYS.includes(key));
  if (unknown.length > 0) {
    throw fail(`unknown key(s) ${unknown.join(", ")}; allowed: ${JSON_KEYS.join(", ")}`);
  }
  const stringField = (key: string): string | null => {
    const value = fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw fail(`'${key}' must be a string`);
    return value;
  };
  const connType = stringField("conn_type");
  if (!connType) throw fail("'conn_type' is missing");
  return {
    connId,
    connType: normalizeConnectionType(connType),
    description: stringField("description"),
    host: stringField("host"),
    schema: stringField("schema"),
    login: stringField("login"),
    password: stringField("password"),
    port: jsonPort(fields.port, fail),
    extra: jsonExtra(fields.extra, fail),
  };
}

function jsonPort(value: unknown, fail: (reason: string) => Error): number | null {
  if (value === undefined || value === null || value === "" || value === 0) return null;
  const port = typeof value === "string" && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : value;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw fail("'port' must be an integer from 0 to 65535");
  }
  return port;
}

function jsonExtra(value: unknown, fail: (reason: string) => Error): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw fail("'extra' must be a JSON object or its text");
  }
  return JSON.stringify(value);
}
