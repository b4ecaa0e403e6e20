/**
 * Timetables (§3): which automated runs a DAG gets, with their logical dates, data intervals
 * and earliest creation times; the data interval of a manual run; the schedule ticks around a
 * run (for `prev_ds`/`next_ds`); and the runs a backfill covers.
 *
 * Cron schedules follow Airflow's CronDataIntervalTimetable and interval schedules its
 * DeltaDataIntervalTimetable (logical date = interval start, run after = interval end, fact 46);
 * `once` its OnceTimetable; `none` its NullTimetable. Cron expressions are evaluated in the DAG's
 * timezone (see `_cron_ticks.ts` for DST).
 *
 * @module
 */

import { formatIso } from "./dates.ts";
import type { Schedule } from "./definition.ts";
import { DefinitionError } from "./definition_error.ts";
import type { DataInterval, NextRunInfo } from "./records.ts";
import { cronTicks } from "./_cron_ticks.ts";

/** What the timetable needs of a DAG; a `DagDefinition` satisfies it. */
export interface TimetableInput {
  schedule: Schedule;
  /** IANA zone in which cron expressions are evaluated. */
  timezone: string;
  /** The earliest logical date (inclusive); null only for DAGs without a schedule. */
  startDate: number | null;
  /** The latest logical date (inclusive), or null. */
  endDate: number | null;
  catchup: boolean;
}

/** The tick arithmetic of an interval timetable (Airflow's `_get_next`, `_align_to_next`, …). */
interface Ticks {
  next(instant: number): number | null;
  previous(instant: number): number | null;
  alignUp(instant: number): number | null;
  alignDown(instant: number): number | null;
  /** The start of the latest complete interval at `now` when not catching up (facts 53–54). */
  latestStart(now: number): number | null;
}

function ticksOf(dag: Pick<TimetableInput, "schedule" | "timezone">): Ticks | null {
  const schedule = dag.schedule;
  if (schedule.kind === "interval") {
    const every = schedule.everyMs;
    return {
      next: (instant) => instant + every,
      previous: (instant) => instant - every,
      alignUp: (instant) => instant,
      alignDown: (instant) => instant,
      latestStart: (now) => now - (((now % every) + every) % every) - every,
    };
  }
  if (schedule.kind !== "cron") return null;
  const cron = cronTicks(schedule.expression, dag.timezone);
  return {
    next: (instant) => cron.after(instant),
    previous: (instant) => cron.before(instant),
    alignUp: (instant) => cron.alignUp(instant),
    alignDown: (instant) => cron.alignDown(instant),
    latestStart: (now) => {
      const last = cron.before(now);
      if (last === null) return null;
      return cron.after(last) === now ? last : cron.before(last);
    },
  };
}

function laterOf(first: number | null, second: number | null): number | null {
  if (first === null) return second;
  if (second === null) return first;
  return Math.max(first, second);
}

function intervalRun(start: number, end: number): NextRunInfo {
  return { logicalDate: start, dataInterval: { start, end }, runAfter: end };
}

/**
 * The next automated run after the latest one (`last`, null when there is none yet), per
 * facts 46–48 and 51–57. The run is returned even when its `runAfter` is later than `now`; the
 * scheduler creates it once `runAfter ≤ now`. Null when there is none: no schedule, `@once`
 * already run, or the next logical date is past the end date (fact 55).
 *
 * With catchup the next run continues where the last one ended (the first one starts at the
 * start date, aligned up to the schedule); without it, only the latest complete interval at
 * `now` is run (facts 53–54), never before the start date or the end of the last run.
 */
export function nextAutomatedRun(
  dag: TimetableInput,
  last: { logicalDate: number; dataInterval: DataInterval } | null,
  now: number,
): NextRunInfo | null {
  const schedule = dag.schedule;
  if (schedule.kind === "none") return null;
  if (schedule.kind === "once") {
    if (last !== null || dag.startDate === null) return null;
    if (dag.endDate !== null && dag.startDate > dag.endDate) return null;
    return {
      logicalDate: dag.startDate,
      dataInterval: { start: dag.startDate, end: dag.startDate },
      runAfter: dag.startDate,
    };
  }
  const ticks = ticksOf(dag)!;
  let earliest: number | null = dag.startDate === null ? null : ticks.alignUp(dag.startDate);
  if (!dag.catchup) earliest = laterOf(ticks.latestStart(now), earliest);
  let start: number | null;
  if (last === null) start = earliest;
  else start = laterOf(ticks.alignDown(last.dataInterval.end), earliest);
  if (start === null) return null;
  if (dag.endDate !== null && start > dag.endDate) return null;
  const end = ticks.next(start);
  return end === null ? null : intervalRun(start, end);
}

/**
 * The data interval of a manual run at `at` (fact 49): for cron, the latest complete interval
 * (ending at the last tick ≤ `at`); for intervals, `[at − every, at]`; otherwise `[at, at]`.
 */
export function manualDataInterval(
  dag: Pick<TimetableInput, "schedule" | "timezone">,
  at: number,
): DataInterval {
  const ticks = ticksOf(dag);
  if (ticks === null) return { start: at, end: at };
  if (dag.schedule.kind === "interval") return { start: at - dag.schedule.everyMs, end: at };
  const end = ticks.alignDown(at);
  const start = end === null ? null : ticks.previous(end);
  return end === null || start === null ? { start: at, end: at } : { start, end };
}

/**
 * The schedule ticks around an automated run's logical date, for `prev_ds` and `next_ds`
 * (facts 66–67), computed from the schedule and ignoring start date, end date and catchup.
 * Null for `once` and `none`. Manual runs use their own logical date; the caller handles that.
 *
 * @param options.dataInterval The run's data interval; when given, `next` is where the next
 *   interval starts (its end aligned down to the schedule), as Airflow computes it.
 */
export function scheduleTicksAround(
  dag: Pick<TimetableInput, "schedule" | "timezone">,
  logicalDate: number,
  options: { dataInterval?: DataInterval } = {},
): { prev: number | null; next: number | null } {
  const ticks = ticksOf(dag);
  if (ticks === null) return { prev: null, next: null };
  const next = options.dataInterval === undefined
    ? ticks.next(logicalDate)
    : ticks.alignDown(options.dataInterval.end);
  return { prev: ticks.previous(logicalDate), next };
}

/** The most runs {@link runsBetween} returns unless told otherwise. */
export const DEFAULT_BACKFILL_LIMIT = 100_000;

/**
 * Every automated run whose logical date lies in `[start, end]` (inclusive, fact 166), aligned
 * to the schedule and ignoring catchup, within the DAG's start and end dates. Interval
 * schedules stay anchored at the start date (Airflow anchors a backfill at its own start).
 * `@once`: its one run when its start date is in range.
 *
 * @throws {DefinitionError} when the DAG has no schedule.
 * @throws {RangeError} when the range holds more than `options.limit` runs (default 100,000).
 */
export function runsBetween(
  dag: TimetableInput,
  start: number,
  end: number,
  options: { limit?: number } = {},
): NextRunInfo[] {
  const schedule = dag.schedule;
  if (schedule.kind === "none") {
    throw new DefinitionError(
      "the DAG has no schedule to backfill (its schedule is none; trigger runs manually instead)",
      { field: "schedule" },
    );
  }
  const from = Math.max(start, dag.startDate ?? start);
  const to = Math.min(end, dag.endDate ?? end);
  if (schedule.kind === "once") {
    const at = dag.startDate;
    return at !== null && at >= start && at <= to
      ? [{ logicalDate: at, dataInterval: { start: at, end: at }, runAfter: at }]
      : [];
  }
  const ticks = ticksOf(dag)!;
  let tick: number | null;
  if (schedule.kind === "interval") {
    const anchor = dag.startDate ?? from;
    tick = anchor + Math.ceil((from - anchor) / schedule.everyMs) * schedule.everyMs;
  } else {
    tick = ticks.alignUp(from);
  }
  const limit = options.limit ?? DEFAULT_BACKFILL_LIMIT;
  const runs: NextRunInfo[] = [];
  while (tick !== null && tick <= to) {
    const next = ticks.next(tick);
    if (next === null) break;
    if (runs.length >= limit) {
      throw new RangeError(
        `backfill from ${formatIso(start)} to ${
          formatIso(end)
        } would create more than ${limit} runs; choose a shorter range`,
      );
    }
    runs.push(intervalRun(tick, next));
    tick = next;
  }
  return runs;
}
