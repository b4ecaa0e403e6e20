/**
 * Keeping secrets off the admin pages, as Airflow's secrets masker does: values under keys that
 * look secret are shown as `***` (variables) or a placeholder that saving turns back into the
 * stored value (a connection's extra), so a page's HTML never holds them.
 *
 * @module
 */

import { isSensitiveKey, redactSensitive } from "../../core/mod.ts";

/** What a hidden value of a connection's extra shows in the form; saving it keeps the stored one. */
export const HIDDEN_PLACEHOLDER = "***hidden***";

/**
 * A connection's extra (JSON object text) for the edit form: every string under a secret key
 * replaced by {@link HIDDEN_PLACEHOLDER}. Text that does not parse is shown as stored.
 */
export function hideExtra(extra: string | null): string {
  if (extra === null) return "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(extra);
  } catch {
    return extra;
  }
  const { value, redacted } = redactSensitive(parsed, HIDDEN_PLACEHOLDER);
  return redacted ? JSON.stringify(value, null, 2) : extra;
}

/**
 * The extra to store from the form's `submitted` value (parsed JSON): wherever it still holds
 * {@link HIDDEN_PLACEHOLDER} under a secret key, the `stored` extra's value at the same place.
 */
export function restoreHiddenExtra(submitted: unknown, stored: string | null): unknown {
  let previous: unknown = null;
  try {
    previous = stored === null ? null : JSON.parse(stored);
  } catch {
    previous = null;
  }
  return restore(submitted, previous, false);
}

function restore(value: unknown, previous: unknown, secret: boolean): unknown {
  if (value === HIDDEN_PLACEHOLDER && secret && typeof previous === "string") return previous;
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      restore(item, Array.isArray(previous) ? previous[index] : undefined, secret)
    );
  }
  if (value === null || typeof value !== "object") return value;
  const before = previous !== null && typeof previous === "object" && !Array.isArray(previous)
    ? previous as Record<string, unknown>
    : {};
  return Object.fromEntries(
    Object.entries(value).map((
      [key, item],
    ) => [key, restore(item, before[key], secret || isSensitiveKey(key))]),
  );
}
