/**
 * Airflow's connection URI form, both ways (`Connection._parse_from_uri` and `get_uri` of
 * Airflow 2.10): `postgres://user:pass@host:5432/db?sslmode=disable`. The scheme is the
 * connection type, the user information the login and password, the path the schema, the query
 * the extra (or `?__extra__=<JSON>` when the extra is not a flat object of strings), and a host
 * that carries its own protocol is written `http://https://example.com`.
 *
 * @module
 */

import type { Connection } from "./records.ts";
import {
  encodeQuery,
  parseQuery,
  quote,
  splitNetloc,
  type SplitUrl,
  unquote,
  urlSplit,
} from "./_url_split.ts";

/** The query parameter that carries the whole extra as JSON text. */
export const EXTRA_QUERY_KEY = "__extra__";

/**
 * A connection that cannot be read from the text given. The message names the connection and
 * what is wrong, and never contains the text itself (it may hold the password).
 */
export class ConnectionFormatError extends Error {
  constructor(readonly connId: string, readonly reason: string, source = "URI") {
    super(`invalid connection ${source} for '${connId}': ${reason}`);
    this.name = "ConnectionFormatError";
  }
}

/** A connection type as Airflow normalises it: `postgresql` → `postgres`, `-` → `_`. */
export function normalizeConnectionType(connType: string): string {
  return connType === "postgresql" ? "postgres" : connType.replaceAll("-", "_");
}

/**
 * Read a connection from Airflow's URI form. Empty hosts and schemas become null; a login or
 * password written but empty (`postgres://:@host`) stays `""`, as in Airflow.
 *
 * @throws {ConnectionFormatError} naming `connId` and the problem, never the password.
 * @example
 * ```ts
 * const connection = connectionFromUri("warehouse", "postgresql://ada:s%40cret@db:5432/sales");
 * // { connType: "postgres", login: "ada", password: "s@cret", host: "db", port: 5432, … }
 * ```
 */
export function connectionFromUri(connId: string, uri: string): Connection {
  const fail = (reason: string) => new ConnectionFormatError(connId, reason);
  const schemeCount = uri.split("://").length - 1;
  if (schemeCount > 2) throw fail(`it has ${schemeCount} '://' separators, at most 2 are allowed`);
  const scheme = urlSplit(uri).scheme;
  if (scheme === "") throw fail("it has no scheme (the connection type), e.g. 'postgres://'");
  const hostWithProtocol = schemeCount === 2;
  const afterScheme = uri.slice(uri.toLowerCase().indexOf(`${scheme}:`) + scheme.length + 1);
  let rest = afterScheme.startsWith("//") ? afterScheme.slice(2) : afterScheme;
  if (hostWithProtocol) {
    const protocol = rest.slice(0, rest.indexOf("://"));
    if (protocol.includes("@") || protocol.includes(":")) {
      throw fail("the host's protocol (before the second '://') contains '@' or ':'");
    }
  } else {
    rest = `//${rest}`;
  }
  const parts = urlSplit(rest);
  const netloc = splitNetloc(parts.netloc);
  if (parts.netloc.includes("[") !== parts.netloc.includes("]")) {
    throw fail("its host has an unmatched '[' or ']' (IPv6 address)");
  }
  const host = hostname(parts, netloc.hostname);
  const protocol = hostWithProtocol ? parts.scheme : "";
  const schema = parts.path.slice(1);
  return {
    connId,
    connType: normalizeConnectionType(scheme),
    description: null,
    host: host === "" ? null : protocol ? `${protocol}://${host}` : host,
    schema: schema === "" ? null : unquote(schema),
    login: netloc.username === null ? null : unquote(netloc.username),
    password: netloc.password === null ? null : unquote(netloc.password),
    port: port(netloc.portText, fail),
    extra: parts.query === "" ? null : extra(parts.query, fail),
  };
}

/** Airflow's `_parse_netloc_to_hostname`: a host that decodes to a path keeps its case. */
function hostname(parts: SplitUrl, lowerCased: string | null): string {
  const decoded = unquote(lowerCased ?? "");
  if (!decoded.includes("/")) return decoded;
  let raw = parts.netloc;
  if (raw.includes("@")) raw = raw.slice(raw.lastIndexOf("@") + 1);
  if (raw.includes(":")) raw = raw.slice(0, raw.indexOf(":"));
  return unquote(raw);
}

// The port text is not quoted: a password with an unencoded '/' leaves its tail there.
const ENCODE_HINT =
  " (a login or password containing '/', '?', '#' or '@' must be percent-encoded)";

function port(text: string | null, fail: (reason: string) => Error): number | null {
  if (text === null) return null;
  if (!/^[0-9]+$/.test(text)) throw fail(`its port is not an integer${ENCODE_HINT}`);
  const value = Number(text);
  if (value > 65535) throw fail(`its port is out of range 0-65535${ENCODE_HINT}`);
  return value;
}

function extra(query: string, fail: (reason: string) => Error): string {
  const parameters = parseQuery(query);
  if (!(EXTRA_QUERY_KEY in parameters)) return JSON.stringify(parameters);
  const text = parameters[EXTRA_QUERY_KEY];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail(`its '${EXTRA_QUERY_KEY}' parameter is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw fail(`its '${EXTRA_QUERY_KEY}' parameter is not a JSON object`);
  }
  return text;
}

/**
 * Write a connection in Airflow's URI form, the inverse of {@link connectionFromUri}: the type
 * with `_` written `-`, every part percent-encoded, the extra as query parameters when it is a
 * flat object of strings and as `__extra__` JSON otherwise. It contains the password: never log
 * it.
 *
 * @example
 * ```ts
 * connectionToUri({ ...connection, connType: "google_cloud_platform" });
 * // "google-cloud-platform://…"
 * ```
 */
export function connectionToUri(connection: Connection): string {
  let uri = `${connection.connType.toLowerCase().replaceAll("_", "-")}://`;
  let host = connection.host;
  if (host !== null && host.includes("://")) {
    const separator = host.indexOf("://");
    uri += `${host.slice(0, separator)}://`;
    host = host.slice(separator + 3);
  }
  let authority = "";
  if (connection.login !== null) authority += quote(connection.login);
  if (connection.password !== null) authority += `:${quote(connection.password)}`;
  if (authority !== "") uri += `${authority}@`;
  let hostBlock = host ? quote(host) : "";
  if (connection.port) {
    hostBlock += hostBlock === "" && authority === ""
      ? `@:${connection.port}`
      : `:${connection.port}`;
  }
  if (connection.schema) hostBlock += `/${quote(connection.schema)}`;
  uri += hostBlock;
  if (connection.extra) {
    uri += (connection.schema ? "?" : "/?") + extraQuery(connection.extra);
  }
  return uri;
}

/**
 * A connection's `extra` text parsed (Airflow's `extra_dejson`), or null when it is empty or not a
 * JSON object.
 */
export function connectionExtraObject(extra: string | null): Record<string, unknown> | null {
  if (!extra) return null;
  try {
    const parsed = JSON.parse(extra);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Flat string pairs as parameters; anything else (or a clash with `__extra__`) as JSON. */
function extraQuery(extraText: string): string {
  const parsed = connectionExtraObject(extraText);
  if (parsed !== null) {
    const entries = Object.entries(parsed);
    const flat = entries.length > 0 && entries.every(([, value]) => typeof value === "string") &&
      !(EXTRA_QUERY_KEY in parsed);
    if (flat) return encodeQuery(parsed as Record<string, string>);
  }
  return encodeQuery({ [EXTRA_QUERY_KEY]: extraText });
}
