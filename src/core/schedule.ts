/**
 * Reading a DAG's `schedule` (facts 36–42) and describing it in words.
 *
 * @module
 */

import { Cron } from "croner";
import type { Schedule } from "./definition.ts";
import { DefinitionError } from "./definition_error.ts";
import { formatDuration, parseDuration } from "./duration.ts";
import { describeCron } from "./_cron_description.ts";

/** Cron presets and what they stand for (fact 42, plus `@midnight` and `@annually`). */
export const SCHEDULE_PRESETS: Readonly<Record<string, string>> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@quarterly": "0 0 1 */3 *",
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
};

const ACCEPTED = 'null (manual runs only), "@once", a preset (' +
  Object.keys(SCHEDULE_PRESETS).join(", ") +
  '), a 5-field cron expression such as "0 6 * * 1-5", or { every: "6h" }';

/**
 * Read a `schedule` value:
 * - `null`/`undefined` → no schedule (manual runs only; unlike Airflow 2's implicit daily delta);
 * - `"@once"` → one run at the start date;
 * - a preset (`"@daily"`, …) → its cron expression, with the preset kept;
 * - a 5-field cron expression (validated; 6-field expressions with seconds are refused);
 * - `{ every: "6h" }` or `{ every: 21600000 }` → an interval anchored at the start date (> 0).
 *
 * @param value The schedule as written in the DAG file.
 * @param where The field being read, used as the prefix of error messages.
 * @returns The schedule and its text as written (`"@daily"`, `"0 6 * * 1-5"`, `"6h"`), null
 *   for none.
 * @throws {DefinitionError} for anything else, naming the value and what is accepted.
 */
export function parseSchedule(
  value: unknown,
  where: string,
): { schedule: Schedule; text: string | null } {
  if (value === null || value === undefined) return { schedule: { kind: "none" }, text: null };
  if (typeof value === "string") return parseScheduleText(value, where);
  if (typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "every") {
      const every = (value as { every: unknown }).every;
      if (typeof every !== "string" && typeof every !== "number") {
        throw invalid(where, `invalid interval ${show(every)}`);
      }
      const everyMs = parseDuration(every, `${where}.every`);
      if (!(everyMs > 0)) {
        throw invalid(where, `the interval must be longer than 0, got ${show(every)}`);
      }
      return {
        schedule: { kind: "interval", everyMs },
        text: typeof every === "string" ? every.trim() : formatDuration(everyMs),
      };
    }
  }
  throw invalid(where, `invalid schedule ${show(value)}`);
}

function parseScheduleText(value: string, where: string): { schedule: Schedule; text: string } {
  const text = value.trim().replace(/\s+/g, " ");
  if (text === "@once") return { schedule: { kind: "once" }, text };
  const preset = SCHEDULE_PRESETS[text];
  if (preset !== undefined) {
    return { schedule: { kind: "cron", expression: preset, preset: text }, text };
  }
  if (text === "@continuous") {
    throw invalid(where, `"@continuous" schedules are not supported`);
  }
  if (text.startsWith("@")) throw invalid(where, `unknown preset "${value}"`);
  const fields = text === "" ? [] : text.split(" ");
  if (fields.length === 6) {
    throw invalid(
      where,
      `cron expression "${value}" has 6 fields; seconds are not supported, use 5 fields (minute hour day-of-month month day-of-week)`,
    );
  }
  if (fields.length !== 5) {
    const asInterval = looksLikeDuration(text)
      ? `; to run every ${text}, write { every: "${text}" }`
      : "";
    throw invalid(
      where,
      `invalid schedule "${value}": a cron expression has 5 fields (minute hour day-of-month month day-of-week)${asInterval}`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(text, { mode: "5-part", utcOffset: 0 });
  } catch (error) {
    const why = error instanceof Error
      ? error.message.replace(/^CronPattern: /, "")
      : String(error);
    throw invalid(where, `invalid cron expression "${value}": ${why}`);
  }
  if (cron.nextRun(new Date(Date.UTC(1970, 0, 1))) === null) {
    throw invalid(where, `cron expression "${value}" never matches any date`);
  }
  return { schedule: { kind: "cron", expression: text }, text };
}

function looksLikeDuration(text: string): boolean {
  try {
    parseDuration(text, "");
    return true;
  } catch {
    return false;
  }
}

function invalid(where: string, what: string): DefinitionError {
  return new DefinitionError(`${where}: ${what} (accepted: ${ACCEPTED})`, { field: where });
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A short English description of a schedule: "At 00:00", "Every 6 hours",
 * "Once, at the start date", "Never (manual runs only)". Cron expressions of common shapes are
 * put in words; others are shown as written.
 */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "none":
      return "Never (manual runs only)";
    case "once":
      return "Once, at the start date";
    case "interval":
      return describeInterval(schedule.everyMs);
    case "cron":
      return describeCron(schedule.expression);
  }
}

const INTERVAL_UNITS: [number, string][] = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
  [1_000, "second"],
];

function describeInterval(everyMs: number): string {
  for (const [size, name] of INTERVAL_UNITS) {
    if (everyMs >= size && everyMs % size === 0) {
      const count = everyMs / size;
      return count === 1 ? `Every ${name}` : `Every ${count} ${name}s`;
    }
  }
  return `Every ${formatDuration(everyMs)}`;
}
