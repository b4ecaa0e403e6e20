/**
 * Helpers for the timetable tests: DAGs in a line, runs as ISO strings, and the scheduler's
 * run-creation loop at a fixed time. Private to `src/core`.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { NextRunInfo } from "./records.ts";
import { parseSchedule } from "./schedule.ts";
import { nextAutomatedRun, type TimetableInput } from "./timetable.ts";

/** Epoch milliseconds of a UTC date-time written without its "Z". */
export const z = (text: string) => Date.parse(text.endsWith("Z") ? text : `${text}Z`);
/** ISO text of an instant, without zero milliseconds. */
export const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString().replace(".000Z", "Z");

/** A DAG with a schedule as written, starting 2024-01-01 in UTC, with catchup. */
export function dag(schedule: unknown, options: Partial<TimetableInput> = {}): TimetableInput {
  return {
    schedule: parseSchedule(schedule, "schedule").schedule,
    timezone: "UTC",
    startDate: z("2024-01-01T00:00"),
    endDate: null,
    catchup: true,
    ...options,
  };
}

/** A run as [logical date, interval start, interval end, run after], in ISO. */
export function show(run: NextRunInfo | null): (string | null)[] | null {
  return run === null ? null : [
    iso(run.logicalDate),
    iso(run.dataInterval.start),
    iso(run.dataInterval.end),
    iso(run.runAfter),
  ];
}

/**
 * The scheduler's loop at a fixed `now`: create runs one by one while the next one is due
 * (fact 57), then report what was created and what comes next.
 */
export function simulate(input: TimetableInput, now: number, last: NextRunInfo | null = null) {
  const created: NextRunInfo[] = [];
  let next = nextAutomatedRun(input, last, now);
  while (next !== null && next.runAfter <= now) {
    created.push(next);
    assert.ok(created.length < 10_000, "runaway");
    next = nextAutomatedRun(input, next, now);
  }
  return { created: created.map(show), next: show(next) };
}
