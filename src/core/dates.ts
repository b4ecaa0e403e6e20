/**
 * Dates as Airflow writes them (`2024-01-03T00:00:00+00:00`), the template date strings
 * (`ds`, `ts_nodash`, …, fact 64), run ids (fact 10), and reading dates users write.
 *
 * @module
 */

import { DefinitionError } from "./definition_error.ts";
import type { RunType } from "./states.ts";
import {
  fromNaive,
  knowsTimezone,
  naiveFromParts,
  partsFromNaive,
  type WallParts,
  zoneOffsetMs,
} from "./_zone.ts";

function pad(value: number, width = 2): string {
  const text = String(Math.abs(value)).padStart(width, "0");
  return value < 0 ? `-${text}` : text;
}

function utcParts(ms: number): WallParts {
  return partsFromNaive(ms);
}

/**
 * An instant as Airflow writes it (Python's `isoformat()` in UTC):
 * `2024-01-03T00:00:00+00:00`, with six fractional digits when there are milliseconds:
 * `2024-03-10T12:34:56.789000+00:00`.
 */
export function formatIso(ms: number): string {
  const p = utcParts(ms);
  const fraction = p.millisecond === 0 ? "" : `.${pad(p.millisecond, 3)}000`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${
    pad(p.second)
  }${fraction}+00:00`;
}

/** `ds`: the UTC date, `2024-01-03`. */
export function ds(ms: number): string {
  const p = utcParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `ds_nodash`: the UTC date, `20240103`. */
export function dsNodash(ms: number): string {
  return ds(ms).replaceAll("-", "");
}

/** `ts`: the UTC instant as {@link formatIso} writes it. */
export function ts(ms: number): string {
  return formatIso(ms);
}

/** `ts_nodash`: `20240103T000000` (no fraction, no offset). */
export function tsNodash(ms: number): string {
  const p = utcParts(ms);
  return `${dsNodash(ms)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** `ts_nodash_with_tz`: `ts` without dashes and colons, `20240103T000000+0000`. */
export function tsNodashWithTz(ms: number): string {
  return formatIso(ms).replace(/[-:]/g, "");
}

/** A run id as Airflow builds it: `scheduled__2024-01-03T00:00:00+00:00` (fact 10). */
export function runIdFor(runType: RunType, logicalDate: number): string {
  return `${runType}__${formatIso(logicalDate)}`;
}

/** Whether `name` is a time zone this runtime knows (an IANA name such as `Europe/Amsterdam`). */
export function isValidTimezone(name: string): boolean {
  return knowsTimezone(name);
}

/** The wall-clock fields of an instant in a zone, with the zone's offset then. */
export interface ZonedParts extends WallParts {
  /** Offset from UTC in milliseconds, positive east of Greenwich. */
  offsetMs: number;
}

/**
 * The wall-clock fields of an instant in a zone (`month` is 1–12).
 *
 * @throws {RangeError} when the zone is unknown.
 */
export function zonedParts(ms: number, timezone: string): ZonedParts {
  const offsetMs = zoneOffsetMs(ms, timezone);
  return { ...partsFromNaive(ms + offsetMs), offsetMs };
}

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;

const DATE_HINT =
  '(use e.g. "2024-01-01", "2024-01-01T10:00", "2024-01-01T10:00:00Z" or "2024-01-01T10:00:00+02:00")';

/**
 * Read a date or date-time: `2024-01-01`, `2024-01-01T10:00`, `2024-01-01 10:00:00`,
 * `2024-01-01T10:00:00.123Z`, `…+02:00`, `…+0200`. A value without an offset is wall-clock time
 * in `options.timezone` (default UTC), read as pendulum reads it: a wall-clock time skipped by a
 * DST change is shifted forward by the gap (02:30 in a 02:00→03:00 gap is 03:30), and one that
 * occurs twice is its second occurrence. Fractions finer than a millisecond are dropped.
 *
 * @param text The date as written.
 * @param where The field being read, used as the prefix of the error message.
 * @returns Epoch milliseconds (UTC).
 * @throws {DefinitionError} when the text is not a valid date or the zone is unknown.
 */
export function parseDate(
  text: string,
  where: string,
  options: { timezone?: string } = {},
): number {
  const timezone = options.timezone ?? "UTC";
  const fail = (why = ""): never => {
    throw new DefinitionError(`${where}: invalid date "${text}"${why} ${DATE_HINT}`, {
      field: where,
    });
  };
  const match = typeof text === "string" ? DATE_PATTERN.exec(text.trim()) : null;
  if (match === null) return fail();
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const parts: WallParts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? "").padEnd(3, "0").slice(0, 3)),
  };
  if (parts.month < 1 || parts.month > 12) return fail(": month out of range");
  const daysInMonth = new Date(Date.UTC(2000, parts.month, 0)).getUTCDate() -
    (parts.month === 2 && !isLeapYear(parts.year) ? 1 : 0);
  if (parts.day < 1 || parts.day > daysInMonth) return fail(": day out of range");
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return fail(": time out of range");
  }
  const naive = naiveFromParts(parts);
  if (offset !== undefined) {
    if (offset.toUpperCase() === "Z") return naive;
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || "0");
    if (hours > 23 || minutes > 59) return fail(": offset out of range");
    return naive - sign * (hours * 3_600_000 + minutes * 60_000);
  }
  if (!knowsTimezone(timezone)) {
    throw new DefinitionError(
      `${where}: cannot read "${text}" in unknown timezone "${timezone}" (use an IANA name such as "UTC" or "Europe/Amsterdam")`,
      { field: where },
    );
  }
  return fromNaive(naive, timezone);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
