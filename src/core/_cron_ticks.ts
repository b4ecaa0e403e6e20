/**
 * The ticks of a cron expression in a time zone, as instants. Private to `src/core`.
 *
 * `croner` evaluates the expression on naive wall-clock time (in UTC mode, where there is no
 * DST), and each wall-clock tick is then placed in the zone the way Airflow 2.10 places it
 * (`airflow/timetables/_cron.py` with croniter and pendulum):
 * - a tick the clock skips (spring forward) happens at the wall-clock time reached by reading it
 *   with the offset from before the jump: `0 2 * * *` runs at 03:00 on that day, `30 2 * * *`
 *   at 03:30;
 * - a tick the clock shows twice (fall back) happens once, at its second occurrence (Airflow's
 *   `make_aware` reads wall-clock times with `fold=1`), unless the expression runs every hour
 *   (its hour field covers all 24 hours), in which case it happens at both occurrences, so
 *   hourly schedules keep one run per real hour.
 *
 * Airflow moves every-hour expressions by the wall-clock distance between ticks instead; both
 * give the same ticks except for rare shapes such as `0 * 1 * *` across a DST change, where
 * Airflow drifts by an hour and this keeps the wall-clock time.
 *
 * @module
 */

import { Cron, CronPattern } from "croner";
import { resolveNaive, zoneOffsetMs } from "./_zone.ts";

/** More than any DST shift in any zone (two hours, historically). */
const SHIFT_MS = 3 * 3_600_000;

/** Ticks of one cron expression in one zone. */
export class CronTicks {
  readonly #cron: Cron;
  readonly #timezone: string;
  readonly #utc: boolean;
  readonly #everyHour: boolean;

  constructor(expression: string, timezone: string) {
    this.#cron = new Cron(expression, { mode: "5-part", utcOffset: 0 });
    const pattern = new CronPattern(expression, "UTC", { mode: "5-part" });
    this.#everyHour = pattern.hour.every((flag) => flag !== 0);
    this.#timezone = timezone;
    this.#utc = timezone === "UTC" || timezone === "Etc/UTC";
  }

  /** The first tick strictly after `instant`, or null when there is none (after year 3000). */
  after(instant: number): number | null {
    if (this.#utc) return this.#naiveAfter(instant);
    const offset = this.#offset(instant);
    const wall = this.#naiveAfter(instant + offset);
    if (wall === null) return null;
    const candidate = wall - offset;
    if (
      this.#offset(instant + SHIFT_MS) === offset && this.#steady(candidate, offset)
    ) {
      return candidate;
    }
    return this.#searchAfter(instant, offset);
  }

  /** The last tick strictly before `instant`, or null when there is none. */
  before(instant: number): number | null {
    if (this.#utc) return this.#naiveBefore(instant);
    const offset = this.#offset(instant);
    const wall = this.#naiveBefore(instant + offset);
    if (wall === null) return null;
    const candidate = wall - offset;
    if (
      this.#offset(instant - SHIFT_MS) === offset && this.#steady(candidate, offset)
    ) {
      return candidate;
    }
    return this.#searchBefore(instant, offset);
  }

  /** Whether `instant` is a tick. */
  isTick(instant: number): boolean {
    return this.after(instant - 1) === instant;
  }

  /** `instant` when it is a tick, else the next tick. */
  alignUp(instant: number): number | null {
    return this.isTick(instant) ? instant : this.after(instant);
  }

  /** `instant` when it is a tick, else the previous tick. */
  alignDown(instant: number): number | null {
    return this.isTick(instant) ? instant : this.before(instant);
  }

  #offset(instant: number): number {
    return zoneOffsetMs(instant, this.#timezone);
  }

  /** Whether the zone's offset is `offset` throughout `instant ± SHIFT_MS`. */
  #steady(instant: number, offset: number): boolean {
    return this.#offset(instant) === offset &&
      this.#offset(instant - SHIFT_MS) === offset &&
      this.#offset(instant + SHIFT_MS) === offset;
  }

  #naiveAfter(naive: number): number | null {
    const next = this.#cron.nextRun(new Date(naive));
    return next === null || next.getTime() <= naive ? null : next.getTime();
  }

  #naiveBefore(naive: number): number | null {
    const [previous] = this.#cron.previousRuns(1, new Date(naive));
    return previous === undefined || previous.getTime() >= naive ? null : previous.getTime();
  }

  /** The instants a wall-clock tick happens at. */
  #place(naive: number): number[] {
    const placed = resolveNaive(naive, this.#timezone);
    return placed.kind === "ambiguous" && this.#everyHour
      ? [placed.earlier, placed.later]
      : [placed.later];
  }

  /**
   * Near an offset change: walk the wall-clock ticks whose instants may lie just after
   * `instant`. Every tick's instant is within SHIFT_MS of `wall − offset`.
   */
  #searchAfter(instant: number, offset: number): number | null {
    let best = Number.POSITIVE_INFINITY;
    let cursor = instant + offset - SHIFT_MS - 1;
    for (;;) {
      const wall = this.#naiveAfter(cursor);
      if (wall === null || wall - offset - SHIFT_MS > best) break;
      for (const placed of this.#place(wall)) {
        if (placed > instant && placed < best) best = placed;
      }
      cursor = wall;
    }
    return best === Number.POSITIVE_INFINITY ? null : best;
  }

  /** The mirror of {@link CronTicks.#searchAfter}. */
  #searchBefore(instant: number, offset: number): number | null {
    let best = Number.NEGATIVE_INFINITY;
    let cursor = instant + offset + SHIFT_MS + 1;
    for (;;) {
      const wall = this.#naiveBefore(cursor);
      if (wall === null || wall - offset + SHIFT_MS < best) break;
      for (const placed of this.#place(wall)) {
        if (placed < instant && placed > best) best = placed;
      }
      cursor = wall;
    }
    return best === Number.NEGATIVE_INFINITY ? null : best;
  }
}

const cache = new Map<string, CronTicks>();

/** The (cached) ticks of an expression in a zone. */
export function cronTicks(expression: string, timezone: string): CronTicks {
  const key = `${timezone} ${expression}`;
  let ticks = cache.get(key);
  if (ticks === undefined) {
    if (cache.size >= 512) cache.clear();
    ticks = new CronTicks(expression, timezone);
    cache.set(key, ticks);
  }
  return ticks;
}
