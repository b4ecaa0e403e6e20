/**
 * Time zone arithmetic with `Intl.DateTimeFormat` only: the UTC offset of a zone at an instant,
 * and the instant(s) a zone's wall-clock time stands for. Private to `src/core`.
 *
 * Wall-clock times are written as "naive" epoch milliseconds: the wall-clock fields read as if
 * they were UTC (`Date.UTC(year, month - 1, day, hour, …)`).
 *
 * @module
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone. */
export interface WallParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function isUtc(timezone: string): boolean {
  return timezone === "UTC" || timezone === "Etc/UTC";
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Whether `Intl` knows the zone (an IANA name such as `Europe/Amsterdam`, or `UTC`). */
export function knowsTimezone(timezone: string): boolean {
  if (typeof timezone !== "string" || timezone.trim() === "") return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** Naive milliseconds for wall-clock fields (works for years below 100 too). */
export function naiveFromParts(parts: WallParts): number {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, parts.millisecond);
  return date.getTime();
}

/** The wall-clock fields of naive milliseconds. */
export function partsFromNaive(naive: number): WallParts {
  const date = new Date(naive);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

/**
 * The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich), so
 * that wall-clock naive time = instant + offset.
 */
export function zoneOffsetMs(instant: number, timezone: string): number {
  if (isUtc(timezone)) return 0;
  const whole = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(whole)) fields[part.type] = part.value;
  const year = Number(fields.year);
  const wall = naiveFromParts({
    year: fields.era === "BC" || fields.era === "B" ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: 0,
  });
  return wall - whole;
}

/** Naive wall-clock milliseconds of an instant in a zone. */
export function toNaive(instant: number, timezone: string): number {
  return instant + zoneOffsetMs(instant, timezone);
}

/**
 * What a wall-clock time stands for in a zone:
 * - `unique`: one instant (`earlier === later`);
 * - `ambiguous`: the clock went back and the time occurred twice (`earlier` is the first);
 * - `skipped`: the clock jumped forward over it; both fields hold the instant reached by reading
 *   it with the offset from before the jump (02:30 in a 02:00→03:00 gap becomes 03:30), which is
 *   what Python's `fold=0` and pendulum do.
 *
 * Assumes at most one offset change within a day of the time, which holds for every real zone.
 */
export function resolveNaive(
  naive: number,
  timezone: string,
): { kind: "unique" | "ambiguous" | "skipped"; earlier: number; later: number } {
  if (isUtc(timezone)) return { kind: "unique", earlier: naive, later: naive };
  const offsetBefore = zoneOffsetMs(naive - DAY_MS, timezone);
  const offsetAfter = zoneOffsetMs(naive + DAY_MS, timezone);
  const candidates: number[] = [];
  for (
    const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]
  ) {
    const instant = naive - offset;
    if (zoneOffsetMs(instant, timezone) === offset) candidates.push(instant);
  }
  if (candidates.length === 0) {
    const instant = naive - offsetBefore;
    return { kind: "skipped", earlier: instant, later: instant };
  }
  const earlier = Math.min(...candidates);
  const later = Math.max(...candidates);
  return { kind: earlier === later ? "unique" : "ambiguous", earlier, later };
}

/**
 * The instant a wall-clock time stands for, as Airflow's `make_aware` and pendulum read it
 * (`fold=1`): a time that occurs twice is its second occurrence (after the clock went back); a
 * skipped time is shifted forward by the gap.
 */
export function fromNaive(naive: number, timezone: string): number {
  return resolveNaive(naive, timezone).later;
}
