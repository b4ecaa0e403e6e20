/**
 * The planner's working copy of a snapshot: runs and task instances indexed for lookup, every
 * change made through the state machines, and the changes gathered into one step.
 *
 * @module
 */

import {
  type ActiveRun,
  type DagRecord,
  type DagRun,
  type DagRunState,
  type DagScheduleUpdate,
  type Pool,
  type PreviousRunStates,
  type RunTransitionOptions,
  type RunUpdate,
  type SchedulingSnapshot,
  type SchedulingStep,
  type StateChange,
  type TaskInstance,
  type TaskInstanceKey,
  type TaskInstanceState,
  type TaskTransitionOptions,
  type TaskUpdate,
  transitionRun,
  transitionTask,
  type XCom,
} from "../core/mod.ts";
import type { DefinitionIndex, DefinitionIndexCache } from "./definition_index.ts";

/** A key string for a task instance. */
export function taskKey(key: TaskInstanceKey): string {
  return `${key.dagId}\u0000${key.runId}\u0000${key.taskId}\u0000${key.mapIndex}`;
}

/** Just the key fields of a task instance. */
export function instanceKey(key: TaskInstanceKey): TaskInstanceKey {
  return { dagId: key.dagId, runId: key.runId, taskId: key.taskId, mapIndex: key.mapIndex };
}

/** A key string for a run. */
export function runKey(key: { dagId: string; runId: string }): string {
  return `${key.dagId}\u0000${key.runId}`;
}

/** One run in the working state. */
export interface RunEntry {
  run: DagRun;
  index: DefinitionIndex;
  /** Task instances by task id (unmapped: map index -1). */
  instances: Map<string, TaskInstance>;
  /** The stored revision of each task instance by task id; null for one created this step. */
  revisions: Map<string, number | null>;
  skipDecisions: XCom[];
  previousRun?: { anyType: PreviousRunStates | null; nonManual: PreviousRunStates | null };
}

/** A DAG in the working state. */
export interface DagEntry {
  record: DagRecord;
  revision: number;
  index: DefinitionIndex;
}

/** The working copy; collects the step as changes are made. */
export class WorkingState {
  readonly runs = new Map<string, RunEntry>();
  readonly dags = new Map<string, DagEntry>();
  readonly pools: readonly Pool[];
  readonly #runRevisions = new Map<string, number | null>();
  readonly #taskUpdates = new Map<string, TaskUpdate>();
  readonly #runUpdates = new Map<string, RunUpdate>();
  readonly #dagUpdates = new Map<string, DagScheduleUpdate>();
  readonly xcoms: XCom[] = [];
  readonly clearXcoms: TaskInstanceKey[] = [];

  constructor(snapshot: SchedulingSnapshot, cache: DefinitionIndexCache) {
    this.pools = snapshot.pools;
    for (const { record, revision } of snapshot.dags) {
      const definition = snapshot.definitions[record.versionHash];
      if (!definition) continue;
      this.dags.set(record.dagId, {
        record,
        revision,
        index: cache.get(record.versionHash, definition),
      });
    }
    for (const active of snapshot.activeRuns) this.#addActiveRun(active, snapshot, cache);
  }

  #addActiveRun(active: ActiveRun, snapshot: SchedulingSnapshot, cache: DefinitionIndexCache) {
    const run = active.run.record;
    const definition = snapshot.definitions[run.versionHash];
    if (!definition) return;
    const key = runKey(run);
    this.#runRevisions.set(key, active.run.revision);
    const instances = new Map<string, TaskInstance>();
    const revisions = new Map<string, number | null>();
    for (const { record, revision } of active.taskInstances) {
      instances.set(record.taskId, record);
      revisions.set(record.taskId, revision);
    }
    this.runs.set(key, {
      run,
      index: cache.get(run.versionHash, definition),
      instances,
      revisions,
      skipDecisions: active.skipDecisions,
      previousRun: active.previousRun,
    });
  }

  /** The run entry of a task instance key, if the run is in the working state. */
  entryOf(key: { dagId: string; runId: string }): RunEntry | undefined {
    return this.runs.get(runKey(key));
  }

  /** Add a run created in this step, with its task instances. */
  addNewRun(
    created: { run: DagRun; instances: TaskInstance[]; change: StateChange },
    index: DefinitionIndex,
  ): RunEntry {
    const { run, instances } = created;
    const key = runKey(run);
    this.#runRevisions.set(key, null);
    this.#runUpdates.set(key, { run, expectedRevision: null, changes: [created.change] });
    const byTask = new Map<string, TaskInstance>();
    const revisions = new Map<string, number | null>();
    for (const instance of instances) {
      byTask.set(instance.taskId, instance);
      revisions.set(instance.taskId, null);
      this.#taskUpdates.set(taskKey(instance), {
        instance,
        expectedRevision: null,
        changes: [],
      });
    }
    const entry: RunEntry = { run, index, instances: byTask, revisions, skipDecisions: [] };
    this.runs.set(key, entry);
    return entry;
  }

  /** Move a task instance through the state machine and record the update. */
  moveTask(
    entry: RunEntry,
    instance: TaskInstance,
    to: TaskInstanceState,
    options: TaskTransitionOptions,
  ): TaskInstance {
    const { instance: next, change } = transitionTask(instance, to, options);
    entry.instances.set(next.taskId, next);
    const key = taskKey(next);
    const existing = this.#taskUpdates.get(key);
    this.#taskUpdates.set(key, {
      instance: next,
      expectedRevision: entry.revisions.get(next.taskId) ?? null,
      changes: [...(existing?.changes ?? []), change],
    });
    return next;
  }

  /** Record a field change of a task instance that is not a state change. */
  touchTask(entry: RunEntry, instance: TaskInstance): void {
    entry.instances.set(instance.taskId, instance);
    const key = taskKey(instance);
    const existing = this.#taskUpdates.get(key);
    this.#taskUpdates.set(key, {
      instance,
      expectedRevision: entry.revisions.get(instance.taskId) ?? null,
      changes: existing?.changes ?? [],
    });
  }

  /** Move a run through the state machine and record the update. */
  moveRun(entry: RunEntry, to: DagRunState, options: RunTransitionOptions): DagRun {
    const { run, change } = transitionRun(entry.run, to, options);
    entry.run = run;
    const key = runKey(run);
    const existing = this.#runUpdates.get(key);
    this.#runUpdates.set(key, {
      run,
      expectedRevision: this.#runRevisions.get(key) ?? null,
      changes: [...(existing?.changes ?? []), change],
    });
    return run;
  }

  /** Record the scheduling bookkeeping of a DAG. */
  updateDagSchedule(dag: DagEntry, update: Pick<DagRecord, "nextRun" | "lastAutomatedRun">): void {
    dag.record = { ...dag.record, ...update };
    this.#dagUpdates.set(dag.record.dagId, {
      dagId: dag.record.dagId,
      expectedRevision: dag.revision,
      nextRun: dag.record.nextRun,
      lastAutomatedRun: dag.record.lastAutomatedRun,
    });
  }

  /** Whether this step changed anything. */
  get changed(): boolean {
    return this.#taskUpdates.size + this.#runUpdates.size + this.#dagUpdates.size +
        this.xcoms.length > 0;
  }

  /** The step to apply. */
  toStep(): SchedulingStep {
    return {
      runs: [...this.#runUpdates.values()],
      taskInstances: [...this.#taskUpdates.values()],
      dags: [...this.#dagUpdates.values()],
      xcoms: this.xcoms,
      clearXcoms: this.clearXcoms,
    };
  }
}
