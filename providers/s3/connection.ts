/**
 * How an `aws` connection (Airflow's fields) becomes S3 requests: the credentials, the region,
 * the endpoint (AWS, or `extra.endpoint_url` for MinIO, Ceph, R2, …) and the addressing style.
 *
 * @module
 */

import type { TaskConnection } from "updraft";

/** How bucket names go into request URLs. */
export type AddressingStyle = "path" | "virtual";

/** What the hook needs from a connection, read once. */
export interface S3Settings {
  connId: string;
  /** The custom endpoint (`extra.endpoint_url`, else the connection's host); null for AWS. */
  endpoint: URL | null;
  region: string;
  addressingStyle: AddressingStyle;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Options that override the connection. */
export interface S3SettingsOptions {
  /** The region to sign for (Airflow's `region_name` operator argument). */
  regionName?: string;
}

/**
 * Read an `aws` (or `s3`) connection: login = access key id, password = secret access key (or
 * `extra.aws_access_key_id`/`aws_secret_access_key`), `extra.aws_session_token`,
 * `extra.region_name` (default us-east-1), `extra.endpoint_url`, and `extra.addressing_style`
 * (`"path"` or `"virtual"`, also under `extra.s3` or `extra.config_kwargs.s3`) or
 * `extra.force_path_style`. Path style is the default: every S3-compatible store accepts it and
 * the task then needs network access to the endpoint's host only.
 */
export function s3Settings(
  connection: TaskConnection,
  options: S3SettingsOptions = {},
): S3Settings {
  const extra = connection.extra;
  const where = `connection "${connection.connId}"`;
  const accessKeyId = connection.login || text(extra.aws_access_key_id);
  const secretAccessKey = connection.password || text(extra.aws_secret_access_key);
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      `${where}: no credentials: set its login (access key id) and password (secret access key)`,
    );
  }
  const sessionToken = text(extra.aws_session_token) ?? undefined;
  const settings: S3Settings = {
    connId: connection.connId,
    endpoint: endpointOf(connection, where),
    region: options.regionName || text(extra.region_name) || text(extra.region) || "us-east-1",
    addressingStyle: addressingStyleOf(extra, where),
    accessKeyId,
    secretAccessKey,
  };
  if (sessionToken) settings.sessionToken = sessionToken;
  return settings;
}

/** `S3 at http://127.0.0.1:9000` or `AWS S3 in eu-west-1`, for messages (no secrets). */
export function describeEndpoint(settings: S3Settings): string {
  if (settings.endpoint) {
    return `S3 at ${settings.endpoint.origin}${settings.endpoint.pathname.replace(/\/$/, "")}`;
  }
  return `AWS S3 in ${settings.region}`;
}

/** The URL of a bucket, or of an object when `key` is given, in the connection's style. */
export function objectUrl(settings: S3Settings, bucket: string, key?: string): URL {
  const encodedKey = key === undefined ? "" : encodeKey(key);
  if (settings.addressingStyle === "virtual") {
    const base = settings.endpoint ??
      new URL(settings.region === "us-east-1" ? "https://s3.amazonaws.com" : awsHost(settings));
    const url = new URL(base);
    url.hostname = `${bucket}.${base.hostname}`;
    url.pathname = `${basePath(base)}/${encodedKey}`;
    return url;
  }
  const base = settings.endpoint ?? new URL(awsHost(settings));
  const url = new URL(base);
  url.pathname = `${basePath(base)}/${encodeURIComponent(bucket)}/${encodedKey}`;
  if (key === undefined) url.pathname = url.pathname.replace(/\/$/, "");
  return url;
}

/** An object key as a URL path: each `/`-separated part percent-encoded as S3 signs it. */
export function encodeKey(key: string): string {
  return key.split("/").map((part) =>
    encodeURIComponent(part).replace(
      /[!'()*]/g,
      (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
    )
  ).join("/");
}

function awsHost(settings: S3Settings): string {
  return `https://s3.${settings.region}.amazonaws.com`;
}

function basePath(url: URL): string {
  return url.pathname.replace(/\/+$/, "");
}

function endpointOf(connection: TaskConnection, where: string): URL | null {
  const extra = connection.extra;
  const serviceConfig = objectOf(objectOf(extra.service_config)?.s3);
  const written = text(extra.endpoint_url) ?? text(serviceConfig?.endpoint_url) ??
    text(extra.host) ?? connection.host;
  if (!written) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `https://${written}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`${where}: its endpoint_url ${JSON.stringify(written)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${where}: its endpoint_url must be an http(s) URL, got ${url.protocol}//…`);
  }
  if (!url.port && connection.port) url.port = String(connection.port);
  url.search = "";
  url.hash = "";
  return url;
}

function addressingStyleOf(extra: TaskConnection["extra"], where: string): AddressingStyle {
  const nested = objectOf(extra.s3) ?? objectOf(objectOf(extra.config_kwargs)?.s3);
  const style = text(extra.addressing_style) ?? text(nested?.addressing_style);
  const forcePath = extra.force_path_style ?? nested?.force_path_style;
  if (forcePath === true || forcePath === "true") return "path";
  if (style === null || style === "auto" || style === "path") return "path";
  if (style === "virtual") return "virtual";
  throw new Error(
    `${where}: addressing_style must be "path", "virtual" or "auto", got ${JSON.stringify(style)}`,
  );
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function objectOf(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : null;
}
