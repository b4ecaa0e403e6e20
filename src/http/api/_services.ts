/**
 * What the routes work with: the store, the clock, the log reader and the scheduler's wake-up,
 * resolved from the API's options.
 *
 * @module
 */

import type { Clock, Connection, TaskInstanceKey } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";

/** Reads a try's log from a byte offset; null when the try has no log. */
export type ReadLog = (
  key: TaskInstanceKey,
  tryNumber: number,
  options: { offset?: number },
) => Promise<{ content: string; nextOffset: number } | null>;

/** Tests a connection (the composition root asks the providers); messages hold no secret. */
export type TestConnection = (
  connection: Connection,
) => Promise<{ status: boolean; message: string }>;

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
  /** Tests connections for `POST /connections/test`; null: testing is disabled (403). */
  testConnection: TestConnection | null;
}
