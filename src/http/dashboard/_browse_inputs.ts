/**
 * Reading form and query values of the browse pages and the trigger form: UTC date-times from
 * `datetime-local` inputs, choices from a closed list, page offsets. Bad values are refused
 * with a message naming the field.
 *
 * @module
 */

import { PageError } from "./_page_router.ts";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/;

/**
 * A `datetime-local` value read as UTC (`2024-03-10T12:00`, seconds optional), in epoch ms;
 * undefined when empty.
 *
 * @throws {PageError} 400 naming `field` when the value is not such a date-time.
 */
export function readUtcDateTime(
  value: string | null | undefined,
  field: string,
  action: string,
): number | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;
  const match = DATE_TIME.exec(text);
  const epoch = match
    ? Date.UTC(
      Number(match[1]),
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
      Number((match[7] ?? "0").padEnd(3, "0")),
    )
    : NaN;
  // Date.UTC rolls 2024-02-31 over into March: check the fields survived.
  if (!Number.isFinite(epoch) || !new Date(epoch).toISOString().startsWith(text.slice(0, 10))) {
    throw new PageError(
      400,
      `${action}: ${field} must be a date and time such as 2024-03-10T12:00 (UTC), got "${text}".`,
    );
  }
  return epoch;
}

/** The value a `datetime-local` input shows for `epoch` (UTC, to the second); "" for none. */
export function dateTimeInputValue(epoch: number | undefined | null): string {
  return epoch === undefined || epoch === null ? "" : new Date(epoch).toISOString().slice(0, 19);
}

/**
 * One of `allowed`, or undefined when empty.
 *
 * @throws {PageError} 400 naming `field` for anything else.
 */
export function readChoice<T extends string>(
  value: string | null,
  allowed: readonly T[],
  field: string,
  action: string,
): T | undefined {
  if (value === null || value === "") return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new PageError(
    400,
    `${action}: ${field} must be one of ${allowed.join(", ")}, got "${value}".`,
  );
}

/**
 * The `offset` query value (0 when absent).
 *
 * @throws {PageError} 400 when it is not a whole number of 0 or more.
 */
export function readOffset(query: URLSearchParams, action: string): number {
  const text = query.get("offset") ?? "0";
  const offset = Number(text);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new PageError(
      400,
      `${action}: offset must be a whole number of 0 or more, got "${text}".`,
    );
  }
  return offset;
}
