/**
 * Creating backfill runs (fact 166): one per logical date of the schedule in [start, end]
 * inclusive, ignoring catchup and the paused flag. They are created `queued` (Airflow creates
 * them `running` as it goes) so that the planner starts them oldest first while fewer than
 * `maxActiveRuns` run, which is how Airflow's backfill waits on the limit. The command that
 * asked for them advances them with its own loop; the server's scheduler leaves them alone.
 *
 * @module
 */

import { type DagRun, emptyStep, type JsonObject, runIdFor, runsBetween } from "../core/mod.ts";
import type { Store } from "../store/mod.ts";
import { ActionError } from "./action_error.ts";
import { clearTaskInstances } from "./clear_task_instances.ts";
import { indexDefinition } from "./definition_index.ts";
import { createRun } from "./run_factory.ts";

/** What to backfill. */
export interface BackfillRequest {
  dagId: string;
  start: number;
  end: number;
  conf?: JsonObject;
  /** Clear and rerun runs that already exist for those dates; otherwise they are left alone. */
  resetDagRuns?: boolean;
}

/** What a backfill covers. */
export interface BackfillPlan {
  /** The runs the backfill advances: new backfill runs and reset existing ones. */
  runs: DagRun[];
  /** Existing runs left as they are. */
  existing: DagRun[];
}

/** Create the runs of a backfill. */
export async function createBackfillRuns(
  store: Store,
  request: BackfillRequest,
  now: number,
): Promise<BackfillPlan> {
  const found = await store.getDag(request.dagId);
  if (!found) {
    throw new ActionError("not_found", `cannot backfill DAG '${request.dagId}': no such DAG`);
  }
  if (request.start > request.end) {
    throw new ActionError("invalid", "cannot backfill: the start date is after the end date");
  }
  let intervals;
  try {
    intervals = runsBetween(found.definition, request.start, request.end);
  } catch (error) {
    throw new ActionError(
      "invalid",
      `cannot backfill DAG '${request.dagId}': ${(error as Error).message}`,
    );
  }
  const existingRuns =
    (await store.listDagRuns({ dagIds: [request.dagId], limit: 1_000_000 })).items;
  const byDate = new Map(existingRuns.map((run) => [run.logicalDate, run]));
  const index = indexDefinition(found.dag.versionHash, found.definition);
  const step = emptyStep();
  const runs: DagRun[] = [];
  const existing: DagRun[] = [];
  const reset: DagRun[] = [];
  for (const interval of intervals) {
    const taken = byDate.get(interval.logicalDate);
    if (taken) {
      (request.resetDagRuns ? reset : existing).push(taken);
      continue;
    }
    const created = createRun(index, {
      runId: runIdFor("backfill", interval.logicalDate),
      runType: "backfill",
      logicalDate: interval.logicalDate,
      dataInterval: interval.dataInterval,
      runAfter: interval.runAfter,
      conf: request.conf,
      reason: "created by a backfill; it starts when fewer than maxActiveRuns run",
    }, now);
    step.runs.push({ run: created.run, expectedRevision: null, changes: [created.change] });
    for (const instance of created.instances) {
      step.taskInstances.push({ instance, expectedRevision: null, changes: [] });
    }
    runs.push(created.run);
  }
  await store.applySchedulingStep(step);
  if (reset.length > 0) {
    await clearTaskInstances(store, {
      dagId: request.dagId,
      runIds: reset.map((run) => run.runId),
      resetDagRuns: true,
      requestedBy: "a backfill with --reset-dagruns",
    }, now);
    for (const run of reset) {
      const fresh = await store.getDagRun(run);
      if (fresh) runs.push(fresh);
    }
  }
  runs.sort((a, b) => a.logicalDate - b.logicalDate);
  return { runs, existing };
}
