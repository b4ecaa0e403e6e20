/**
 * What an `smtp` connection means (Airflow's smtp connection): `host`, `port`, `login` and
 * `password`, and in `extra` the sender `from_email`, implicit TLS (`ssl`, or Airflow's
 * `disable_ssl`), STARTTLS (`starttls`, or Airflow's `disable_tls`), certificate checks
 * (`ssl_context: "none"` or `tls_verify: false` turn them off), `timeout` in seconds and the
 * EHLO name `ehlo_name`.
 *
 * @module
 */

import type { TaskConnection } from "updraft";

/** How to reach and talk to the SMTP server. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (SMTPS, usually port 465). */
  ssl: boolean;
  /** "require": fail without STARTTLS; "never": do not try it; "auto": use it when offered. */
  starttls: "require" | "never" | "auto";
  verifyCertificates: boolean;
  timeoutMs: number;
  /** The name given in EHLO (the machine's name would need the `sys` permission). */
  ehloName: string;
  login: string | null;
  /** `extra.from_email`, else a login that is an address, else null. */
  fromEmail: string | null;
}

/** Read an smtp connection; throws an Error naming the connection when it has no host. */
export function smtpSettings(connection: TaskConnection): SmtpSettings {
  const extra = connection.extra;
  const host = (connection.host ?? "").trim();
  if (host === "") {
    throw new Error(`connection "${connection.connId}" (${connection.connType}): it has no host`);
  }
  const ssl = flag(extra.ssl) ?? invert(flag(extra.disable_ssl)) ?? connection.port === 465;
  const starttlsFlag = flag(extra.starttls) ?? invert(flag(extra.disable_tls));
  const starttls = starttlsFlag === null ? "auto" : starttlsFlag ? "require" : "never";
  const timeoutSeconds = Number(extra.timeout ?? 30) > 0 ? Number(extra.timeout ?? 30) : 30;
  const fromEmail = typeof extra.from_email === "string" && extra.from_email !== ""
    ? extra.from_email
    : connection.login?.includes("@")
    ? connection.login
    : null;
  return {
    host,
    port: connection.port ?? (ssl ? 465 : 25),
    ssl,
    starttls: ssl ? "never" : starttls,
    verifyCertificates: extra.ssl_context !== "none" && flag(extra.tls_verify) !== false,
    timeoutMs: timeoutSeconds * 1000,
    ehloName: typeof extra.ehlo_name === "string" && extra.ehlo_name !== ""
      ? extra.ehlo_name
      : "localhost",
    login: connection.login || null,
    fromEmail,
  };
}

/**
 * Addresses as Airflow's `get_email_address_list` reads them: a list, or one string split on
 * commas and semicolons; blanks dropped.
 */
export function addressList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(/[,;]/)).map((item) => item.trim()).filter(
    (item) => item !== "",
  );
}

/** A boolean `extra` field, also as written in a URI's query (`"true"`, `"false"`). */
export function flag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(text)) return true;
  if (["false", "0", "no", "off"].includes(text)) return false;
  return null;
}

function invert(value: boolean | null): boolean | null {
  return value === null ? null : !value;
}
