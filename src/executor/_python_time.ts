/**
 * Python-like date handling for templates: `isoformat`, `strftime`/`strptime` codes, and the
 * `datetime`/`timedelta` values templates see (facts 63–68). Everything is UTC, as Airflow's
 * template dates are.
 *
 * @module
 */

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** `2024-01-03T00:00:00+00:00`, with `.ffffff` only when there are sub-second parts (Python). */
export function isoformat(epochMs: number, separator = "T"): string {
  const date = new Date(epochMs);
  const base = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `${separator}${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${
      pad(date.getUTCSeconds())
    }`;
  const millis = date.getUTCMilliseconds();
  return `${base}${millis ? `.${pad(millis * 1000, 6)}` : ""}+00:00`;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function dateStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Formats an instant (UTC) with Python's `strftime` codes. */
export function strftime(epochMs: number, format: string): string {
  const date = new Date(epochMs);
  const dayOfYear = Math.floor((epochMs - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
  const hour12 = date.getUTCHours() % 12 === 0 ? 12 : date.getUTCHours() % 12;
  const codes: Record<string, () => string> = {
    a: () => WEEKDAYS[date.getUTCDay()].slice(0, 3),
    A: () => WEEKDAYS[date.getUTCDay()],
    w: () => String(date.getUTCDay()),
    u: () => String(date.getUTCDay() === 0 ? 7 : date.getUTCDay()),
    d: () => pad(date.getUTCDate()),
    e: () => String(date.getUTCDate()).padStart(2, " "),
    b: () => MONTHS[date.getUTCMonth()].slice(0, 3),
    h: () => MONTHS[date.getUTCMonth()].slice(0, 3),
    B: () => MONTHS[date.getUTCMonth()],
    m: () => pad(date.getUTCMonth() + 1),
    y: () => pad(date.getUTCFullYear() % 100),
    Y: () => String(date.getUTCFullYear()),
    H: () => pad(date.getUTCHours()),
    I: () => pad(hour12),
    p: () => (date.getUTCHours() < 12 ? "AM" : "PM"),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    f: () => pad(date.getUTCMilliseconds() * 1000, 6),
    z: () => "+0000",
    Z: () => "UTC",
    j: () => pad(dayOfYear, 3),
    s: () => String(Math.floor(epochMs / 1000)),
    F: () => dateStamp(epochMs),
    T: () => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
    "%": () => "%",
  };
  return format.replace(/%([a-zA-Z%])/g, (match, code: string) => codes[code]?.() ?? match);
}

const PARSERS: Record<string, { pattern: string; field: string }> = {
  Y: { pattern: "(\\d{4})", field: "year" },
  y: { pattern: "(\\d{2})", field: "shortYear" },
  m: { pattern: "(\\d{1,2})", field: "month" },
  d: { pattern: "(\\d{1,2})", field: "day" },
  H: { pattern: "(\\d{1,2})", field: "hour" },
  M: { pattern: "(\\d{1,2})", field: "minute" },
  S: { pattern: "(\\d{1,2})", field: "second" },
  f: { pattern: "(\\d{1,6})", field: "fraction" },
  b: { pattern: "([A-Za-z]{3})", field: "monthName" },
  B: { pattern: "([A-Za-z]+)", field: "monthName" },
  a: { pattern: "[A-Za-z]{3}", field: "" },
  A: { pattern: "[A-Za-z]+", field: "" },
  z: { pattern: "(Z|[+-]\\d{2}:?\\d{2})", field: "offset" },
  j: { pattern: "(\\d{1,3})", field: "dayOfYear" },
};

/** Parses text with Python's `strptime` codes; returns epoch milliseconds (UTC). */
export function strptime(text: string, format: string): number {
  const fields: string[] = [];
  let pattern = "";
  for (let index = 0; index < format.length; index++) {
    const char = format[index];
    if (char !== "%") {
      pattern += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      continue;
    }
    const code = format[++index];
    if (code === "%") {
      pattern += "%";
      continue;
    }
    const parser = PARSERS[code];
    if (!parser) throw new Error(`strptime: unsupported format code '%${code}' in '${format}'`);
    pattern += parser.pattern;
    if (parser.field) fields.push(parser.field);
  }
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (!match) throw new Error(`strptime: time data '${text}' does not match format '${format}'`);
  const parts: Record<string, string> = {};
  fields.forEach((field, index) => (parts[field] = match[index + 1]));
  return partsToEpoch(parts);
}

function partsToEpoch(parts: Record<string, string>): number {
  const year = parts.year
    ? Number(parts.year)
    : parts.shortYear
    ? 2000 + Number(parts.shortYear) - (Number(parts.shortYear) >= 69 ? 100 : 0)
    : 1900;
  let month = parts.month ? Number(parts.month) - 1 : 0;
  if (parts.monthName) {
    month = MONTHS.findIndex((name) =>
      name.toLowerCase().startsWith(parts.monthName.toLowerCase().slice(0, 3))
    );
  }
  const fraction = parts.fraction ? Number(parts.fraction.padEnd(6, "0")) / 1000 : 0;
  let epochMs = Date.UTC(
    year,
    month,
    parts.day ? Number(parts.day) : 1,
    Number(parts.hour ?? 0),
    Number(parts.minute ?? 0),
    Number(parts.second ?? 0),
    Math.floor(fraction),
  );
  if (parts.dayOfYear) epochMs = Date.UTC(year, 0, 1) + (Number(parts.dayOfYear) - 1) * DAY_MS;
  if (parts.offset && parts.offset !== "Z") {
    const sign = parts.offset.startsWith("-") ? -1 : 1;
    const digits = parts.offset.slice(1).replace(":", "");
    epochMs -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return epochMs;
}

/** Positional and keyword arguments of a call from a template (nunjucks marks keywords). */
export function splitArguments(
  args: unknown[],
): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args.at(-1) as Record<string, unknown> | undefined;
  if (last && typeof last === "object" && last.__keywords === true) {
    const { __keywords: _, ...keywords } = last;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/** A duration, like Python's `datetime.timedelta`. */
export class TimeDelta {
  /** The duration in milliseconds. */
  readonly milliseconds: number;
  /** Builds a duration from Python's keyword arguments (`days`, `hours`, `weeks`, …). */
  constructor(...args: unknown[]) {
    const { positional, keywords } = splitArguments(args);
    const value = (name: string, index: number) => Number(keywords[name] ?? positional[index] ?? 0);
    this.milliseconds = value("days", 0) * DAY_MS + value("seconds", 1) * 1000 +
      value("microseconds", 2) / 1000 + value("milliseconds", 3) + value("minutes", 4) * 60_000 +
      value("hours", 5) * 3_600_000 + value("weeks", 6) * 7 * DAY_MS;
  }
  /** Whole days, as Python's `.days`. */
  get days(): number {
    return Math.floor(this.milliseconds / DAY_MS);
  }
  /** Seconds within the last day, as Python's `.seconds`. */
  get seconds(): number {
    return Math.floor((this.milliseconds - this.days * DAY_MS) / 1000);
  }
  /** The duration in seconds. */
  total_seconds(): number {
    return this.milliseconds / 1000;
  }
  /** Python's `str(timedelta)`, e.g. `1 day, 2:00:00`. */
  toString(): string {
    const rest = this.milliseconds - this.days * DAY_MS;
    const clock = `${Math.floor(rest / 3_600_000)}:${pad(Math.floor(rest / 60_000) % 60)}:${
      pad(Math.floor(rest / 1000) % 60)
    }`;
    if (this.days === 0) return clock;
    return `${this.days} day${Math.abs(this.days) === 1 ? "" : "s"}, ${clock}`;
  }
}

/** An instant as templates see it: Python/pendulum `DateTime` methods, UTC. */
export class PythonDateTime {
  /** Epoch milliseconds. */
  readonly epochMs: number;
  /** Wraps an instant. */
  constructor(epochMs: number) {
    this.epochMs = epochMs;
  }
  /** The year. */
  get year(): number {
    return new Date(this.epochMs).getUTCFullYear();
  }
  /** The month, 1–12. */
  get month(): number {
    return new Date(this.epochMs).getUTCMonth() + 1;
  }
  /** The day of the month. */
  get day(): number {
    return new Date(this.epochMs).getUTCDate();
  }
  /** The hour. */
  get hour(): number {
    return new Date(this.epochMs).getUTCHours();
  }
  /** The minute. */
  get minute(): number {
    return new Date(this.epochMs).getUTCMinutes();
  }
  /** The second. */
  get second(): number {
    return new Date(this.epochMs).getUTCSeconds();
  }
  /** The microsecond. */
  get microsecond(): number {
    return new Date(this.epochMs).getUTCMilliseconds() * 1000;
  }
  /** The zone name. */
  get tzname(): string {
    return "UTC";
  }
  /** ISO-8601 with offset, as Python prints it. */
  isoformat(separator = "T"): string {
    return isoformat(this.epochMs, separator);
  }
  /** Formats with Python's `strftime` codes. */
  strftime(format: string): string {
    return strftime(this.epochMs, format);
  }
  /** Seconds since the epoch. */
  timestamp(): number {
    return this.epochMs / 1000;
  }
  /** `YYYY-MM-DD` (pendulum). */
  to_date_string(): string {
    return dateStamp(this.epochMs);
  }
  /** `YYYY-MM-DD HH:MM:SS` (pendulum). */
  to_datetime_string(): string {
    return strftime(this.epochMs, "%Y-%m-%d %H:%M:%S");
  }
  /** Monday is 0 (Python). */
  weekday(): number {
    return (new Date(this.epochMs).getUTCDay() + 6) % 7;
  }
  /** Monday is 1 (Python). */
  isoweekday(): number {
    return this.weekday() + 1;
  }
  /** pendulum's `add(days=…, hours=…)`, or a `timedelta`. */
  add(...args: unknown[]): PythonDateTime {
    const delta = args[0] instanceof TimeDelta ? args[0] : new TimeDelta(...keywordsOnly(args));
    return new PythonDateTime(this.epochMs + delta.milliseconds);
  }
  /** pendulum's `subtract(days=…)`, or a `timedelta`. */
  subtract(...args: unknown[]): PythonDateTime {
    const delta = args[0] instanceof TimeDelta ? args[0] : new TimeDelta(...keywordsOnly(args));
    return new PythonDateTime(this.epochMs - delta.milliseconds);
  }
  /** The ISO-8601 text, as `str(datetime)` renders in Airflow's templates. */
  toString(): string {
    return isoformat(this.epochMs);
  }
  /** JSON form: the ISO-8601 text. */
  toJSON(): string {
    return isoformat(this.epochMs);
  }
}

function keywordsOnly(args: unknown[]): unknown[] {
  const { keywords } = splitArguments(args);
  return [{ ...keywords, __keywords: true }];
}

/** `macros.datetime`: constructors of `PythonDateTime` values. */
export const DATETIME_MODULE = Object.freeze({
  now: (): PythonDateTime => new PythonDateTime(Date.now()),
  utcnow: (): PythonDateTime => new PythonDateTime(Date.now()),
  strptime: (text: string, format: string): PythonDateTime =>
    new PythonDateTime(strptime(text, format)),
  fromisoformat: (text: string): PythonDateTime => {
    const epochMs = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(epochMs)) throw new Error(`fromisoformat: invalid date '${text}'`);
    return new PythonDateTime(epochMs);
  },
  fromtimestamp: (seconds: number): PythonDateTime => new PythonDateTime(seconds * 1000),
  timedelta: (...args: unknown[]): TimeDelta => new TimeDelta(...args),
});
