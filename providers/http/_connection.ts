/**
 * What an HTTP connection means for a request, as Airflow's HttpHook reads it: the base URL
 * (host, which may be a whole URL; scheme from `schema`; port), the authorization (basic from
 * login and password, bearer from `extra.token` or the password), default headers (the other
 * `extra` fields), and the `extra` settings `timeout`, `verify` and `allow_redirects`.
 *
 * @module
 */

import type { TaskConnection } from "updraft";

/** `extra` keys that configure the hook; every other scalar `extra` field is a header. */
const SETTING_KEYS: ReadonlySet<string> = new Set([
  "timeout",
  "verify",
  "allow_redirects",
  "auth_type",
  "auth_kwargs",
  "token",
  "headers",
  "proxies",
  "cert",
  "stream",
  "max_redirects",
  "trust_env",
  "check_response",
]);

/** An HTTP connection's address and defaults. */
export interface HttpTarget {
  /** The base URL endpoints are appended to (no credentials in it). */
  baseUrl: string;
  /** `host:port` as the sandbox grants it, for messages. */
  address: string;
  /** Headers from `extra` (and the connection's authorization). */
  headers: Headers;
  /** `extra.timeout` in milliseconds (Airflow writes seconds), if set. */
  timeoutMs: number | null;
  /** `extra.verify`: false, true, or the path of a CA bundle. */
  tlsVerify: boolean | string | null;
  /** `extra.allow_redirects` (default true). */
  followRedirects: boolean;
}

/** Read a connection as an HTTP target; throws an Error naming the connection when unusable. */
export function httpTarget(connection: TaskConnection): HttpTarget {
  const written = baseUrlOf(connection);
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    throw new Error(
      `connection "${connection.connId}" (${connection.connType}): its host ${
        JSON.stringify(connection.host ?? "")
      } does not make a URL (${written})`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(
      `connection "${connection.connId}" (${connection.connType} at ${url.host}): ` +
        `the scheme "${url.protocol.slice(0, -1)}" is not http or https`,
    );
  }
  if (connection.port !== null && url.port === "") url.port = String(connection.port);
  url.username = "";
  url.password = "";
  url.hash = "";
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const extra = connection.extra;
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    address: `${url.hostname}:${port}`,
    headers: headersOf(connection),
    timeoutMs: Number(extra.timeout) > 0 ? Number(extra.timeout) * 1000 : null,
    tlsVerify: flag(extra.verify) ??
      (typeof extra.verify === "string" && extra.verify !== "" ? extra.verify : null),
    followRedirects: flag(extra.allow_redirects) !== false,
  };
}

/** The base URL and an endpoint joined with one `/` (an endpoint may also start with `?`). */
export function joinUrl(baseUrl: string, endpoint: string): string {
  if (endpoint === "") return baseUrl;
  if (endpoint.startsWith("?")) return baseUrl + endpoint;
  return `${baseUrl}/${endpoint.replace(/^\/+/, "")}`;
}

/**
 * Airflow's base URL: a host written as a URL is taken as is; otherwise `schema` (http or https;
 * Airflow's field), else the connection type when it is "https", else http.
 */
function baseUrlOf(connection: TaskConnection): string {
  const host = (connection.host ?? "").trim();
  if (host.includes("://")) return host;
  const schema = (connection.schema ?? "").toLowerCase();
  const scheme = schema === "http" || schema === "https"
    ? schema
    : connection.connType.toLowerCase() === "https"
    ? "https"
    : "http";
  return `${scheme}://${host}`;
}

/** Default headers: `extra.headers`, the other scalar `extra` fields, then the authorization. */
function headersOf(connection: TaskConnection): Headers {
  const headers = new Headers();
  const extra = connection.extra;
  const nested = extra.headers;
  if (nested !== null && typeof nested === "object" && !Array.isArray(nested)) {
    for (const [name, value] of Object.entries(nested)) setHeader(headers, name, value);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (!SETTING_KEYS.has(name)) setHeader(headers, name, value);
  }
  const authorization = authorizationOf(connection);
  if (authorization !== null) headers.set("authorization", authorization);
  return headers;
}

function setHeader(headers: Headers, name: string, value: unknown): void {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return;
  try {
    headers.set(name, String(value));
  } catch {
    // Not a valid header name or value: Airflow's requests would refuse it too; leave it out.
  }
}

/**
 * The connection's authorization: `extra.token` → bearer; `extra.auth_type` "bearer" → the
 * password as bearer token; a login → basic (login, password); a password alone → bearer.
 */
function authorizationOf(connection: TaskConnection): string | null {
  const extra = connection.extra;
  const authType = typeof extra.auth_type === "string" ? extra.auth_type.toLowerCase() : null;
  if (authType === "none") return null;
  if (typeof extra.token === "string" && extra.token !== "") return `Bearer ${extra.token}`;
  if (authType === "bearer") {
    return connection.password ? `Bearer ${connection.password}` : null;
  }
  if (connection.login) {
    return `Basic ${base64(`${connection.login}:${connection.password ?? ""}`)}`;
  }
  if (connection.password) return `Bearer ${connection.password}`;
  return null;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A boolean `extra` field, also as a URI's query writes it (`"true"`, `"false"`). */
function flag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(text)) return true;
  if (["false", "0", "no", "off"].includes(text)) return false;
  return null;
}
