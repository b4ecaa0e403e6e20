/**
 * The scheduling decision, as a pure function of a snapshot and the time: which runs to create
 * and start, which task instances to skip, fail, schedule and queue, which tries to stop.
 *
 * @module
 */

import type { DagRun, SchedulingSnapshot, SchedulingStep, TaskInstanceKey } from "../core/mod.ts";
import type { ExecutorEvent } from "../executor/mod.ts";
import {
  absorbEvents,
  type CallbackRequest,
  type CancelRequest,
  recoverLostTries,
} from "./absorb_events.ts";
import { advanceRun } from "./advance_run.ts";
import { createDueRuns } from "./create_due_runs.ts";
import type { DefinitionIndexCache } from "./definition_index.ts";
import { queueScheduledTasks } from "./queue_tasks.ts";
import { type RunEntry, WorkingState } from "./working_state.ts";

/** Limits and defaults the planner applies (Airflow's `[core]` settings). */
export interface SchedulingLimits {
  /** Task instances executing at once in this scheduler (fact 106). */
  parallelism: number;
  /** Default `maxActiveRuns` of a DAG (fact 60). */
  maxActiveRunsPerDag: number;
  /** Default `maxActiveTasks` of a DAG (fact 104). */
  maxActiveTasksPerDag: number;
}

/** Everything besides the snapshot that a scheduling decision depends on. */
export interface PlanOptions {
  limits: SchedulingLimits;
  /** The executor that will run what gets queued. */
  executorId: string;
  /** Executors whose tries are still alive; tries of any other are lost. */
  liveExecutorIds: ReadonlySet<string>;
  /** Executor events received since the previous step, in order. */
  events?: readonly ExecutorEvent[];
  /** Which runs this scheduler advances (the server skips backfill runs, fact 166). */
  owns: (run: DagRun) => boolean;
  /** Whether to create runs from timetables (off for backfill and test runs). */
  createAutomatedRuns: boolean;
  /** Advance runs of paused DAGs too (backfill and `dags test` ignore pausing, fact 166). */
  ignorePause?: boolean;
  cache: DefinitionIndexCache;
}

/** The decision: the step to write, then what to do once it is written. */
export interface SchedulingPlan {
  step: SchedulingStep;
  /** Task instances moved to `queued`: dispatch them once the step is written. */
  dispatch: TaskInstanceKey[];
  cancel: CancelRequest[];
  callbacks: CallbackRequest[];
  /** The earliest future time something becomes due; null when nothing is waiting on time. */
  wakeAt: number | null;
  /** Whether the step changes anything (if so, plan again soon: more may follow). */
  changed: boolean;
}

/** Decide one scheduling step. Pure: the same snapshot, time and options give the same plan. */
export function plan(
  snapshot: SchedulingSnapshot,
  now: number,
  options: PlanOptions,
): SchedulingPlan {
  const state = new WorkingState(snapshot, options.cache);
  const effects = { callbacks: [] as CallbackRequest[], cancel: [] as CancelRequest[] };
  const owns = (entry: RunEntry) => options.owns(entry.run);
  const paused = (entry: RunEntry) => isPaused(state, entry, options.ignorePause);
  absorbEvents(state, options.events ?? [], effects);
  recoverLostTries(state, { now, liveExecutorIds: options.liveExecutorIds, owns }, effects);

  let wakeAt: number | null = null;
  const soonest = (time: number | null) => {
    if (time !== null && time > now) wakeAt = wakeAt === null ? time : Math.min(wakeAt, time);
  };
  if (options.createAutomatedRuns) soonest(createDueRuns(state, now, options.limits));
  soonest(startQueuedRuns(state, now, options));

  const advance = { cancel: effects.cancel, wakeAt: null as number | null };
  for (const entry of state.runs.values()) {
    if (entry.run.state !== "running" || !owns(entry) || paused(entry)) continue;
    if (entry.index.looksAtPastRuns && entry.previousRun === undefined) continue; // next step
    advanceRun(state, entry, now, advance);
  }
  soonest(advance.wakeAt);
  const dispatch = queueScheduledTasks(state, now, {
    limits: options.limits,
    executorId: options.executorId,
    eligible: (entry) => entry.run.state === "running" && owns(entry) && !paused(entry),
  });
  return {
    step: state.toStep(),
    dispatch,
    cancel: effects.cancel,
    callbacks: effects.callbacks,
    wakeAt,
    changed: state.changed,
  };
}

/** Fact 60 and 62: queued runs start while fewer than `maxActiveRuns` run, oldest first. */
function startQueuedRuns(state: WorkingState, now: number, options: PlanOptions): number | null {
  const running = new Map<string, number>();
  const queued: RunEntry[] = [];
  for (const entry of state.runs.values()) {
    if (entry.run.runType === "backfill" && !options.owns(entry.run)) continue;
    if (entry.run.state === "running") {
      running.set(entry.run.dagId, (running.get(entry.run.dagId) ?? 0) + 1);
    } else if (entry.run.state === "queued" && options.owns(entry.run)) {
      queued.push(entry);
    }
  }
  queued.sort((a, b) =>
    (a.run.lastSchedulingDecision ?? -Infinity) - (b.run.lastSchedulingDecision ?? -Infinity) ||
    a.run.logicalDate - b.run.logicalDate
  );
  let wakeAt: number | null = null;
  for (const entry of queued) {
    if (isPaused(state, entry, options.ignorePause)) continue;
    if (entry.run.logicalDate > now) {
      wakeAt = wakeAt === null ? entry.run.logicalDate : Math.min(wakeAt, entry.run.logicalDate);
      continue;
    }
    const limit = entry.index.definition.maxActiveRuns ?? options.limits.maxActiveRunsPerDag;
    const count = running.get(entry.run.dagId) ?? 0;
    if (count >= limit) continue;
    running.set(entry.run.dagId, count + 1);
    state.moveRun(entry, "running", { at: now, reason: "started: a run slot was free" });
  }
  return wakeAt;
}

/** Whether pausing holds this run back: backfills ignore the paused flag (fact 166). */
function isPaused(state: WorkingState, entry: RunEntry, ignorePause = false): boolean {
  if (ignorePause || entry.run.runType === "backfill") return false;
  return state.dags.get(entry.run.dagId)?.record.isPaused ?? false;
}
