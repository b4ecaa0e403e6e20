/**
 * Creating a DAG run with its task instances: the one place new runs come from, whether the
 * timetable, a user or a backfill asked for them.
 *
 * @module
 */

import type {
  DagRun,
  DagRunState,
  DataInterval,
  JsonObject,
  RunType,
  StateChange,
  TaskInstance,
} from "../core/mod.ts";
import type { DefinitionIndex } from "./definition_index.ts";

/** What a new run is made of. */
export interface NewRunRequest {
  runId: string;
  runType: RunType;
  logicalDate: number;
  dataInterval: DataInterval;
  runAfter: number;
  conf?: JsonObject;
  externalTrigger?: boolean;
  note?: string | null;
  /** Scheduled and manual runs start `queued`; backfill runs start `running` (fact 9). */
  state?: DagRunState;
  /** Why the run exists, recorded as its first state change. */
  reason: string;
}

/** A new run and its task instances, all tasks with no state yet. */
export function createRun(
  index: DefinitionIndex,
  request: NewRunRequest,
  now: number,
): { run: DagRun; instances: TaskInstance[]; change: StateChange } {
  const { definition } = index;
  const state = request.state ?? "queued";
  const run: DagRun = {
    dagId: definition.dagId,
    runId: request.runId,
    runType: request.runType,
    state,
    logicalDate: request.logicalDate,
    dataInterval: request.dataInterval,
    runAfter: request.runAfter,
    queuedAt: now,
    startDate: state === "running" ? now : null,
    endDate: null,
    conf: request.conf ?? {},
    externalTrigger: request.externalTrigger ?? false,
    versionHash: index.versionHash,
    lastSchedulingDecision: null,
    clearNumber: 0,
    note: request.note ?? null,
    updatedAt: now,
  };
  const instances = definition.tasks.map((task): TaskInstance => ({
    dagId: definition.dagId,
    runId: request.runId,
    taskId: task.taskId,
    mapIndex: -1,
    state: null,
    tryNumber: 0,
    maxTries: task.retries,
    startDate: null,
    endDate: null,
    duration: null,
    queuedAt: null,
    nextAttemptAt: null,
    pool: task.pool,
    poolSlots: task.poolSlots,
    priorityWeight: index.weights.get(task.taskId) ?? task.priorityWeight,
    operator: task.operator,
    hostname: null,
    pid: null,
    executorId: null,
    renderedFields: null,
    note: null,
    updatedAt: now,
  }));
  const change: StateChange = {
    dagId: run.dagId,
    runId: run.runId,
    taskId: null,
    mapIndex: -1,
    tryNumber: null,
    from: null,
    to: state,
    reason: request.reason,
    at: now,
  };
  return { run, instances, change };
}
