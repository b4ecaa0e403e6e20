/**
 * What a task's sandbox needs to reach a connection: its host and port on the network, or its
 * database file for SQLite. Added to the task's permissions when a try starts, so a DAG names
 * the connection and never its address.
 *
 * @module
 */

import type { Permissions } from "./definition.ts";
import { connectionExtraObject } from "./connection_uri.ts";
import type { Connection } from "./records.ts";

/** Ports used when a connection names none, by connection type. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  mysql: 3306,
  smtp: 25,
};

/** The permissions reaching `connection` needs (nothing for a connection without a host). */
export function connectionPermissions(connection: Connection): Permissions {
  const type = connection.connType.toLowerCase();
  if (type === "sqlite") return sqlitePermissions(connection);
  // spark-submit runs as a subprocess, outside the sandbox's network rules: nothing to grant.
  if (type === "spark") return {};
  if (type === "aws" || type === "s3") return { net: awsHosts(connection) };
  const address = hostAndPort(connection.host, {
    port: connection.port,
    defaultPort: DEFAULT_PORTS[type] ?? httpPort(type, connection.schema),
  });
  return address === null ? {} : { net: [address] };
}

/** HTTP connections name their scheme in `schema` (Airflow's HttpHook), else in the type. */
function httpPort(type: string, schema: string | null): number | null {
  if (type !== "http" && type !== "https") return null;
  return (schema ?? type).toLowerCase() === "https" ? 443 : 80;
}

/** SQLite keeps its database in `host` (Airflow's form): the file and its journal files. */
function sqlitePermissions(connection: Connection): Permissions {
  const path = connection.host || connection.schema;
  if (!path || path === ":memory:") return {};
  const files = [path, `${path}-journal`, `${path}-wal`, `${path}-shm`];
  return { read: files, write: files };
}

/** The S3 endpoint from `extra.endpoint_url` (or `host`), else AWS's own hosts for the region. */
function awsHosts(connection: Connection): string[] {
  const extra = connectionExtraObject(connection.extra) ?? {};
  const endpoint = stringField(extra, "endpoint_url") ?? stringField(extra, "host") ??
    connection.host;
  if (endpoint) {
    const address = hostAndPort(endpoint, { port: connection.port });
    return address === null ? [] : [address];
  }
  const region = stringField(extra, "region_name") ?? "us-east-1";
  return ["s3.amazonaws.com", `s3.${region}.amazonaws.com`, "sts.amazonaws.com"];
}

/**
 * `host:port` from a host that may be written as a URL (`https://api.example.com:8443/v1`): the
 * URL's port, else `port`, else the URL scheme's default, else `defaultPort`; the bare host when
 * no port is known.
 */
export function hostAndPort(
  host: string | null,
  { port = null, defaultPort = null }: { port?: number | null; defaultPort?: number | null } = {},
): string | null {
  if (!host) return null;
  const written = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `placeholder://${host}`;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return null;
  }
  const hostname = url.hostname;
  if (!hostname) return null;
  const schemePort = url.protocol === "https:" ? 443 : url.protocol === "http:" ? 80 : null;
  const chosen = url.port ? Number(url.port) : port ?? schemePort ?? defaultPort;
  return chosen === null ? hostname : `${hostname}:${chosen}`;
}

function stringField(extra: Record<string, unknown>, key: string): string | null {
  const value = extra[key];
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Whether `edited` still points where `stored` does (type, host, port, login, schema). Testing an
 * edited connection may fill its blank password from the stored one only then: otherwise a user
 * who may test but not read connections could send the stored password to a host of their own.
 */
export function sameDestination(edited: Connection, stored: Connection): boolean {
  return edited.connType === stored.connType && edited.host === stored.host &&
    edited.port === stored.port && edited.login === stored.login &&
    edited.schema === stored.schema;
}
