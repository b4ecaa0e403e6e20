/**
 * What the routes work with: the store, the clock, the log reader and the scheduler's wake-up,
 * resolved from the API's options.
 *
 * @module
 */

import type { Clock, TaskInstanceKey } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";

/** Reads a try's log from a byte offset; null when the try has no log. */
export type ReadLog = (
  key: TaskInstanceKey,
  tryNumber: number,
  options: { offset?: number },
) => Promise<{ content: string; nextOffset: number } | null>;

/** The routes' dependencies. */
export interface ApiServices {
  store: Store;
  clock: Clock;
  readLog: ReadLog;
  /** Tell the scheduler that state changed, so it plans at once. */
  wake(): void;
  version: string;
  schedulerHealthyWithinMs: number;
  dagDefaults: { maxActiveRuns: number; maxActiveTasks: number };
  /** The effective configuration; `GET /config` redacts secrets. */
  config: Readonly<Record<string, unknown>>;
}
