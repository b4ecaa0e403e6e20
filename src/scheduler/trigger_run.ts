/**
 * Triggering a DAG run by hand (facts 11, 49, 146, 163): from the REST API, the CLI or the
 * dashboard. The run starts `queued`; the scheduler starts it when a run slot is free.
 *
 * @module
 */

import {
  type DagRun,
  type DataInterval,
  emptyStep,
  type JsonObject,
  manualDataInterval,
  runIdFor,
} from "../core/mod.ts";
import type { Store } from "../store/mod.ts";
import { ActionError } from "./action_error.ts";
import { indexDefinition } from "./definition_index.ts";
import { createRun } from "./run_factory.ts";

/** Airflow's default `allowed_run_id_pattern` (fact 11). */
const RUN_ID_PATTERN = /^[A-Za-z0-9_.~:+-]+$/;
const RESERVED_PREFIXES = ["scheduled__", "backfill__", "dataset_triggered__"];

/** What to trigger. */
export interface TriggerRequest {
  dagId: string;
  runId?: string;
  /** Default: now. */
  logicalDate?: number;
  /** Default: the timetable's manual interval for the logical date (fact 49). */
  dataInterval?: DataInterval;
  conf?: JsonObject;
  note?: string | null;
  /** Who asked, for the record. */
  triggeredBy?: string;
}

/**
 * Create a manual run.
 *
 * @throws {ActionError} `not_found` for an unknown or deleted DAG, `invalid` for a bad run id
 * or conf; {@link RunAlreadyExistsError} (from the store) when the run id or logical date is taken.
 */
export async function triggerDagRun(
  store: Store,
  request: TriggerRequest,
  now: number,
): Promise<DagRun> {
  const found = await store.getDag(request.dagId);
  if (!found || !found.dag.isActive) {
    throw new ActionError("not_found", `cannot trigger DAG '${request.dagId}': no such DAG`);
  }
  const conf = request.conf ?? {};
  if (typeof conf !== "object" || conf === null || Array.isArray(conf)) {
    throw new ActionError(
      "invalid",
      `cannot trigger DAG '${request.dagId}': conf must be a JSON object`,
    );
  }
  const logicalDate = request.logicalDate ?? now;
  const runId = request.runId ?? runIdFor("manual", logicalDate);
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new ActionError(
      "invalid",
      `cannot trigger DAG '${request.dagId}': run id '${runId}' must match ${RUN_ID_PATTERN.source}`,
    );
  }
  const reserved = RESERVED_PREFIXES.find((prefix) => runId.startsWith(prefix));
  if (request.runId !== undefined && reserved) {
    throw new ActionError(
      "invalid",
      `cannot trigger DAG '${request.dagId}': run id '${runId}' starts with the reserved prefix '${reserved}'`,
    );
  }
  const index = indexDefinition(found.dag.versionHash, found.definition);
  const created = createRun(index, {
    runId,
    runType: "manual",
    logicalDate,
    dataInterval: request.dataInterval ?? manualDataInterval(found.definition, logicalDate),
    runAfter: logicalDate,
    conf,
    externalTrigger: true,
    note: request.note ?? null,
    reason: `triggered by ${request.triggeredBy ?? "a user"}`,
  }, now);
  await store.applySchedulingStep({
    ...emptyStep(),
    runs: [{ run: created.run, expectedRevision: null, changes: [created.change] }],
    taskInstances: created.instances.map((instance) => ({
      instance,
      expectedRevision: null,
      changes: [],
    })),
  });
  return created.run;
}
