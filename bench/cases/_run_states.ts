/**
 * DAG runs and task instances in realistic states for the in-process and seeded cases. Every
 * state is reached from a fresh record through the core state machines (`transitionTask`,
 * `transitionRun`), so dates, try numbers and the recorded changes are those a real run has.
 *
 * @module
 */

import {
  type ActiveRun,
  type DagDefinition,
  type DagRun,
  emptyStep,
  type RunType,
  type SchedulingStep,
  type StateChange,
  type TaskDefinition,
  type TaskInstance,
  type TaskInstanceState,
  transitionRun,
  transitionTask,
} from "../../src/core/mod.ts";
import { indexDefinition } from "../../src/scheduler/mod.ts";

/** A run with its task instances and the state changes that brought each where it is. */
export interface BuiltRun {
  run: DagRun;
  runChanges: StateChange[];
  instances: { instance: TaskInstance; changes: StateChange[] }[];
}

/** Where a run's record is created from. */
export interface RunSeed {
  definition: DagDefinition;
  versionHash: string;
  runId: string;
  logicalDate: number;
  /** When the run was created; its tries happen after this. */
  createdAt: number;
  /** Default `scheduled`; `manual` runs are marked as externally triggered. */
  runType?: RunType;
}

/** The path from no state to each state a fixture uses, one legal transition at a time. */
const PATHS: Record<string, TaskInstanceState[]> = {
  none: [],
  scheduled: ["scheduled"],
  queued: ["scheduled", "queued"],
  running: ["scheduled", "queued", "running"],
  success: ["scheduled", "queued", "running", "success"],
};

/** A new queued run (not yet moved anywhere). */
export function newRun(seed: RunSeed): DagRun {
  return {
    dagId: seed.definition.dagId,
    runId: seed.runId,
    runType: seed.runType ?? "scheduled",
    state: "queued",
    logicalDate: seed.logicalDate,
    dataInterval: { start: seed.logicalDate, end: seed.logicalDate + 60_000 },
    runAfter: seed.logicalDate + 60_000,
    queuedAt: seed.createdAt,
    startDate: null,
    endDate: null,
    conf: {},
    externalTrigger: seed.runType === "manual",
    versionHash: seed.versionHash,
    lastSchedulingDecision: null,
    clearNumber: 0,
    note: null,
    updatedAt: seed.createdAt,
  };
}

/** A task instance as a new run creates it: no state, try 0. */
export function freshInstance(run: DagRun, task: TaskDefinition, weight: number): TaskInstance {
  return {
    dagId: run.dagId,
    runId: run.runId,
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
    priorityWeight: weight,
    operator: task.operator,
    hostname: null,
    pid: null,
    executorId: null,
    renderedFields: null,
    note: null,
    updatedAt: run.updatedAt,
  };
}

/** Move a fresh instance to `target` (`none`, `scheduled`, `queued`, `running`, `success`). */
export function reachTaskState(
  instance: TaskInstance,
  target: keyof typeof PATHS,
  options: { at: number; executorId: string; durationMs?: number },
): { instance: TaskInstance; changes: StateChange[] } {
  const changes: StateChange[] = [];
  let current = instance;
  let at = options.at;
  for (const to of PATHS[target]) {
    if (to === "success") at += options.durationMs ?? 50;
    const moved = transitionTask(current, to, {
      at,
      reason: `benchmark fixture: ${to}`,
      executorId: options.executorId,
      hostname: "bench-host",
      pid: 4242,
    });
    current = moved.instance;
    changes.push(moved.change);
    at += 1;
  }
  return { instance: current, changes };
}

/** Move a run through `running` and, when asked, to `success` at `finishedAt`. */
export function startRun(
  run: DagRun,
  options: { at: number; finishedAt?: number },
): { run: DagRun; changes: StateChange[] } {
  const started = transitionRun(run, "running", { at: options.at, reason: "benchmark fixture" });
  if (options.finishedAt === undefined) return { run: started.run, changes: [started.change] };
  const finished = transitionRun(started.run, "success", {
    at: options.finishedAt,
    reason: "benchmark fixture: all leaves succeeded",
  });
  return { run: finished.run, changes: [started.change, finished.change] };
}

/** The effective priority weights of a definition's tasks. */
export function weightsOf(definition: DagDefinition): ReadonlyMap<string, number> {
  return indexDefinition("weights", definition).weights;
}

/** The snapshot form of built runs (every row at revision 1). */
export function toActiveRuns(runs: readonly BuiltRun[]): ActiveRun[] {
  return runs.map((built) => ({
    run: { record: built.run, revision: 1 },
    taskInstances: built.instances.map(({ instance }) => ({ record: instance, revision: 1 })),
    skipDecisions: [],
  }));
}

/** A step that inserts built runs with their task instances and recorded changes. */
export function insertStep(runs: readonly BuiltRun[]): SchedulingStep {
  const step = emptyStep();
  for (const built of runs) {
    step.runs.push({ run: built.run, expectedRevision: null, changes: built.runChanges });
    for (const { instance, changes } of built.instances) {
      step.taskInstances.push({ instance, expectedRevision: null, changes });
    }
  }
  return step;
}
