/**
 * `updraft dags backfill` (fact 166): create the backfill runs of a date range in the real
 * store, then advance exactly those runs with a loop and an executor of this process until each
 * finished. A server on the same database leaves backfill runs alone, so both can run at once.
 *
 * @module
 */

import {
  type Clock,
  type DagRun,
  type DataInterval,
  runsBetween,
  systemClock,
} from "../core/mod.ts";
import {
  ActionError,
  type BackfillPlan,
  type BackfillRequest,
  createBackfillRuns,
} from "../scheduler/mod.ts";
import type { Store } from "../store/mod.ts";
import {
  type InProcessConfig,
  requireDag,
  type RunProgress,
  runToCompletion,
  type TaskReport,
} from "./in_process.ts";

/** One logical date a backfill covers, and the run that already has it. */
export interface BackfillDate {
  logicalDate: number;
  dataInterval: DataInterval;
  /** The run already at this date; a backfill leaves it alone unless it resets runs. */
  existing: DagRun | null;
}

/** Options of {@link runBackfill}. */
export interface BackfillRunOptions {
  clock?: Clock;
  /** Called as each task finishes (or ends a try that will be retried), with its log. */
  onTask?: (report: TaskReport) => void;
  /** Called as runs and tasks finish. */
  onProgress?: (progress: RunProgress) => void;
  /** Stops waiting; the runs stay as they are (a later backfill with reset picks them up). */
  signal?: AbortSignal;
  /** Where scheduling problems are reported; default `console.error`. */
  log?: (line: string) => void;
}

/** What a backfill did. */
export interface BackfillResult {
  plan: BackfillPlan;
  /** The runs the backfill advanced, as they ended (oldest first). */
  runs: DagRun[];
}

/**
 * The dates a backfill covers (for `--dry-run`), with the runs already there.
 *
 * @throws {ActionError} `not_found` for an unknown DAG, `invalid` for a bad range or a DAG
 * without a schedule.
 */
export async function previewBackfill(
  store: Store,
  request: Pick<BackfillRequest, "dagId" | "start" | "end">,
): Promise<BackfillDate[]> {
  const action = `cannot backfill DAG '${request.dagId}'`;
  const found = await requireDag(store, request.dagId, action);
  if (request.start > request.end) {
    throw new ActionError("invalid", `${action}: the start date is after the end date`);
  }
  let intervals;
  try {
    intervals = runsBetween(found.definition, request.start, request.end);
  } catch (error) {
    throw new ActionError("invalid", `${action}: ${(error as Error).message}`);
  }
  const existing = (await store.listDagRuns({
    dagIds: [request.dagId],
    logicalDate: { gte: request.start, lte: request.end },
    limit: 1_000_000,
  })).items;
  const byDate = new Map(existing.map((run) => [run.logicalDate, run]));
  return intervals.map((interval) => ({
    logicalDate: interval.logicalDate,
    dataInterval: interval.dataInterval,
    existing: byDate.get(interval.logicalDate) ?? null,
  }));
}

/**
 * Create the backfill's runs and advance them until each finished.
 *
 * @throws {ActionError} as {@link createBackfillRuns} does.
 */
export async function runBackfill(
  store: Store,
  config: InProcessConfig & { logsFolder: string },
  request: BackfillRequest,
  options: BackfillRunOptions = {},
): Promise<BackfillResult> {
  const clock = options.clock ?? systemClock;
  const action = `cannot backfill DAG '${request.dagId}'`;
  await requireDag(store, request.dagId, action);
  const plan = await createBackfillRuns(store, request, clock.now());
  if (plan.runs.length === 0) return { plan, runs: [] };
  const runs = await runToCompletion(store, plan.runs, {
    config,
    logsFolder: config.logsFolder,
    clock,
    onTask: options.onTask,
    onProgress: options.onProgress,
    signal: options.signal,
    log: options.log,
  });
  runs.sort((a, b) => a.logicalDate - b.logicalDate);
  return { plan, runs };
}
