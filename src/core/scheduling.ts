/**
 * What one scheduling step reads (a snapshot of the active state) and writes (a step of
 * changes, applied in one transaction). The store produces snapshots and applies steps; the
 * scheduler plans steps from snapshots. Updates carry the revision they were planned from, so
 * a row changed meanwhile (by the API or another process) is left alone and re-planned.
 *
 * @module
 */

import type { DagDefinition } from "./definition.ts";
import type {
  DagRecord,
  DagRun,
  DataInterval,
  NextRunInfo,
  Pool,
  StateChange,
  TaskInstance,
  TaskInstanceKey,
  XCom,
} from "./records.ts";
import type { TaskInstanceState } from "./states.ts";

/** A stored row with the revision the store gave it; every write increments it. */
export interface Revised<T> {
  record: T;
  revision: number;
}

/** The task states of one earlier run, for `dependsOnPast` and `waitForDownstream` (fact 101). */
export interface PreviousRunStates {
  runId: string;
  logicalDate: number;
  /** taskId → states of its instances (several when mapped). */
  states: Record<string, TaskInstanceState[]>;
}

/** One active (queued or running) DAG run with everything the planner needs about it. */
export interface ActiveRun {
  run: Revised<DagRun>;
  taskInstances: Revised<TaskInstance>[];
  /** Branch and short-circuit decisions stored under XCom key `skipmixin_key` (fact 85). */
  skipDecisions: XCom[];
  /**
   * The previous run of the same DAG by logical date, loaded only when the run's DAG version has
   * tasks with `dependsOnPast`; `undefined` when not loaded, `null` when there is none. Two
   * flavours because "previous" differs with catchup (fact 101).
   */
  previousRun?: { anyType: PreviousRunStates | null; nonManual: PreviousRunStates | null };
}

/** Everything one scheduling step reads. */
export interface SchedulingSnapshot {
  /** Active DAGs, paused or not. */
  dags: Revised<DagRecord>[];
  /** Definitions by version hash: the DAGs' current versions and those pinned by active runs. */
  definitions: Record<string, DagDefinition>;
  /** Queued and running runs of every type. */
  activeRuns: ActiveRun[];
  pools: Pool[];
}

/** A task instance change planned from a snapshot. */
export interface TaskUpdate {
  instance: TaskInstance;
  /** The revision the update was planned from; null for a new row. */
  expectedRevision: number | null;
  /** The state changes this update makes, in order (one step may make several). */
  changes: StateChange[];
}

/** A run change planned from a snapshot. */
export interface RunUpdate {
  run: DagRun;
  expectedRevision: number | null;
  /** The state changes this update makes, in order. */
  changes: StateChange[];
}

/** Scheduling bookkeeping of a DAG after a step. */
export interface DagScheduleUpdate {
  dagId: string;
  expectedRevision: number;
  nextRun: NextRunInfo | null;
  lastAutomatedRun: DataInterval | null;
}

/** The changes of one scheduling step; the store applies them in one transaction. */
export interface SchedulingStep {
  /** New runs (expectedRevision null) and changes to existing ones. */
  runs: RunUpdate[];
  /** New task instances (expectedRevision null) and changes to existing ones. */
  taskInstances: TaskUpdate[];
  dags: DagScheduleUpdate[];
  /** XComs to write; an existing entry with the same key is replaced (fact 110). */
  xcoms: XCom[];
  /** Task instances whose XComs are deleted first (a new try starts, fact 113). */
  clearXcoms: TaskInstanceKey[];
}

/** What the store did with a step. */
export interface StepResult {
  /**
   * The store's scheduling version once the step was written (see `Store.schedulingVersion`):
   * while the store still reports it, the step's writes are the only change since the snapshot.
   */
  version: string;
  /** Updates skipped because their row changed since the snapshot; re-planned next step. */
  conflicts: number;
  /** Keys of task instances whose update was written, so callers act only on those. */
  writtenTaskInstances: TaskInstanceKey[];
}

/** An empty step, to be filled. */
export function emptyStep(): SchedulingStep {
  return { runs: [], taskInstances: [], dags: [], xcoms: [], clearXcoms: [] };
}
