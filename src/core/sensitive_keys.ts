/**
 * Which keys hold secrets, as Airflow's secrets masker decides it: a key is sensitive when it
 * contains one of {@link SENSITIVE_KEY_FRAGMENTS}, in any case. The REST API, the dashboard and
 * task logs all mask by this one rule.
 *
 * @module
 */

/** Key fragments whose values are secret (Airflow's `DEFAULT_SENSITIVE_FIELDS`). */
export const SENSITIVE_KEY_FRAGMENTS: readonly string[] = [
  "access_token",
  "api_key",
  "apikey",
  "authorization",
  "passphrase",
  "passwd",
  "password",
  "private_key",
  "secret",
  "token",
  "keyfile_dict",
  "service_account",
];

/** Whether values under `key` are secret: it contains a sensitive fragment, in any case. */
export function isSensitiveKey(key: string): boolean {
  const lower = key.trim().toLowerCase();
  return SENSITIVE_KEY_FRAGMENTS.some((fragment) => lower.includes(fragment));
}

/** A value with its secrets replaced, and whether any were. */
export interface RedactedValue {
  value: unknown;
  /** True when at least one string was replaced. */
  redacted: boolean;
}

/**
 * `value` (parsed JSON) with every string under a sensitive key, at any depth below it, replaced
 * by `replacement`. Numbers, booleans and null stay, as Airflow leaves them; arrays are walked.
 */
export function redactSensitive(value: unknown, replacement: string): RedactedValue {
  let redacted = false;
  const result = mapSensitiveStrings(value, () => {
    redacted = true;
    return replacement;
  });
  return { value: result, redacted };
}

/** Every string under a sensitive key of `value` (parsed JSON), at any depth below it. */
export function sensitiveStrings(value: unknown): string[] {
  const found: string[] = [];
  mapSensitiveStrings(value, (secret) => {
    found.push(secret);
    return secret;
  });
  return found;
}

/** `value` with each string under a sensitive key replaced by what `replace` makes of it. */
function mapSensitiveStrings(value: unknown, replace: (secret: string) => unknown): unknown {
  const walk = (item: unknown, secret: boolean): unknown => {
    if (typeof item === "string" && secret) return replace(item);
    if (Array.isArray(item)) return item.map((entry) => walk(entry, secret));
    if (item === null || typeof item !== "object") return item;
    return Object.fromEntries(
      Object.entries(item).map(([key, entry]) => [key, walk(entry, secret || isSensitiveKey(key))]),
    );
  };
  return walk(value, false);
}

/**
 * A connection's `extra` JSON text with the values of sensitive keys replaced by `***`;
 * unchanged (same text) when nothing was hidden or the text is not JSON.
 */
export function redactExtraText(extra: string | null): string | null {
  if (extra === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(extra);
  } catch {
    return extra;
  }
  const { value, redacted } = redactSensitive(parsed, "***");
  return redacted ? JSON.stringify(value) : extra;
}
