/**
 * Time as a parameter: the scheduler and every rule take a {@link Clock}, so tests use a fake one.
 *
 * @module
 */

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number | string) {
    this.#now = typeof start === "string" ? Date.parse(start) : start;
  }

  now(): number {
    return this.#now;
  }

  /** Move forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Jump to a given time. */
  set(time: number | string): void {
    this.#now = typeof time === "string" ? Date.parse(time) : time;
  }
}
