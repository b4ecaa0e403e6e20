/**
 * What the dashboard's pages work with.
 *
 * @module
 */

import type { Clock } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { RequestAuthenticator } from "../auth/mod.ts";
import type { ReadLog, TestConnection } from "../api/mod.ts";
import type { ChangeFeed } from "./change_feed.ts";

/** The dashboard's dependencies. */
export interface DashboardServices {
  store: Store;
  clock: Clock;
  readLog: ReadLog;
  /** Tell the scheduler that state changed, so it plans at once. */
  wake(): void;
  version: string;
  authenticator: RequestAuthenticator;
  /** Tells open pages that state changed. */
  changes: ChangeFeed;
  schedulerHealthyWithinMs: number;
  dagDefaults: { maxActiveRuns: number; maxActiveTasks: number };
  /** The API's OpenAPI document, for the readable API page. */
  openApiDocument(): Promise<Record<string, unknown>>;
  /** Tests connections (the connection form's Test button); null hides it. */
  testConnection: TestConnection | null;
}
