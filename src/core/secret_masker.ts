/**
 * Masking secrets in task logs, errors and rendered fields, as Airflow's secrets masker does:
 * every connection password, every string under a sensitive key of a connection's extra, and
 * the value of every variable whose key is sensitive become `***` wherever they appear, also
 * percent-encoded (as they sit in a connection URI).
 *
 * @module
 */

import type { Connection } from "./records.ts";
import { connectionExtraObject } from "./connection_uri.ts";
import { isSensitiveKey, sensitiveStrings } from "./sensitive_keys.ts";

/** What a masked secret becomes. */
export const MASK = "***";

/**
 * Secrets shorter than this are not masked (Airflow's `min_length_masked_secret`): masking
 * every "ab" or "1" would garble a log and say which characters the secret has.
 */
export const MIN_MASKED_LENGTH = 5;

/** The secrets a try could print: connection passwords, secret extras, secret variables. */
export function secretsOf(
  connections: readonly Connection[],
  variables: Readonly<Record<string, string>> = {},
): string[] {
  const secrets = new Set<string>();
  for (const connection of connections) {
    if (connection.password) secrets.add(connection.password);
    for (const value of sensitiveStrings(connectionExtraObject(connection.extra))) {
      secrets.add(value);
    }
  }
  for (const [key, value] of Object.entries(variables)) {
    if (isSensitiveKey(key)) secrets.add(value);
  }
  return [...secrets];
}

/**
 * A function that replaces every secret in a text with `***`. Longer secrets are replaced first,
 * so a secret that contains another is masked whole.
 */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_MASKED_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  if (variants.size === 0) return (text) => text;
  const pattern = new RegExp(
    [...variants].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"),
    "g",
  );
  return (text) => text.replace(pattern, MASK);
}

/** Every string of a JSON value with `mask` applied (for rendered fields). */
export function maskJson<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === "string") return mask(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskJson(item, mask)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, maskJson(item, mask)]),
  ) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
