/**
 * When a scheduled run's logical date is already taken (a manual run or a backfill got there
 * first), the timetable moves past it, as Airflow does, instead of retrying forever.
 *
 * @module
 */

import {
  emptyStep,
  nextAutomatedRun,
  type SchedulingSnapshot,
  type SchedulingStep,
} from "../core/mod.ts";
import type { RunAlreadyExistsError, Store } from "../store/mod.ts";
import type { DefinitionIndexCache } from "./definition_index.ts";

/** Record the colliding run's interval as done and compute the next one. */
export async function skipCollidingRun(
  store: Store,
  step: SchedulingStep,
  error: RunAlreadyExistsError,
  now: number,
  cache: DefinitionIndexCache,
  snapshot: SchedulingSnapshot,
): Promise<void> {
  const created = step.runs.find((update) =>
    update.expectedRevision === null && update.run.dagId === error.dagId &&
    update.run.runType === "scheduled"
  );
  const dag = snapshot.dags.find((entry) => entry.record.dagId === error.dagId);
  const definition = dag ? snapshot.definitions[dag.record.versionHash] : undefined;
  if (!created || !dag || !definition) throw error;
  const index = cache.get(dag.record.versionHash, definition);
  const last = { logicalDate: created.run.logicalDate, dataInterval: created.run.dataInterval };
  await store.applySchedulingStep({
    ...emptyStep(),
    dags: [{
      dagId: error.dagId,
      expectedRevision: dag.revision,
      nextRun: nextAutomatedRun(index.definition, last, now),
      lastAutomatedRun: created.run.dataInterval,
    }],
  });
}
