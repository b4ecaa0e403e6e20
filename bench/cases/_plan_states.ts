/**
 * The two scheduling situations the `plan` case measures, built from core types: one DAG of
 * 5,000 tasks part-way through its run, and 1,000 active runs of a small DAG. Both hold the
 * executor full (as many running tries as `parallelism`), and some of the running tries report
 * that they finished, so a step has real work: absorb the results, schedule what became ready,
 * queue into the freed slots.
 *
 * @module
 */

import {
  type DagDefinition,
  dagDefinitionWith,
  DEFAULT_POOL,
  type SchedulingSnapshot,
  taskDefinitionWith,
} from "../../src/core/mod.ts";
import type { ExecutorEvent } from "../../src/executor/mod.ts";
import type {
  DefinitionIndexCache,
  PlanOptions,
  SchedulingLimits,
  SchedulingPlan,
} from "../../src/scheduler/mod.ts";
import {
  type BuiltRun,
  freshInstance,
  newRun,
  reachTaskState,
  startRun,
  toActiveRuns,
  weightsOf,
} from "./_run_states.ts";

/** The executor that owns the running tries. */
export const EXECUTOR_ID = "bench-executor";

/** The server's default limits (`parallelism` 32). */
export const LIMITS: SchedulingLimits = {
  parallelism: 32,
  maxActiveRunsPerDag: 16,
  maxActiveTasksPerDag: 16,
};

/** A DAG and how far each of its active runs got. */
export interface PlanScenario {
  label: string;
  definition: DagDefinition;
  runs: number;
  /** How many tasks (in definition order) of run `runIndex` have succeeded. */
  done(runIndex: number): number;
}

/** One DAG of `layers × width` tasks; each task waits for two of the layer before it. */
export function wideDagScenario(layers = 50, width = 100): PlanScenario {
  const tasks = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      const upstream = layer === 0
        ? []
        : [`l${layer - 1}_t${i}`, `l${layer - 1}_t${(i + 1) % width}`];
      tasks.push(taskDefinitionWith(`l${layer}_t${i}`, { upstream }));
    }
  }
  const definition = dagDefinitionWith("bench_wide", tasks, { maxActiveTasks: 64 });
  // Two fifths of the layers and part of the next one have succeeded.
  const done = Math.floor(layers * 0.4) * width + Math.floor(width * 0.4);
  return { label: `1 run × ${tasks.length} tasks`, definition, runs: 1, done: () => done };
}

/** `runs` active runs of a 10-task DAG: extract → 8 transforms → load, at every stage. */
export function manyRunsScenario(runs = 1000): PlanScenario {
  const transforms = Array.from({ length: 8 }, (_, i) => `transform_${i + 1}`);
  const tasks = [
    taskDefinitionWith("extract"),
    ...transforms.map((id) => taskDefinitionWith(id, { upstream: ["extract"] })),
    taskDefinitionWith("load", { upstream: transforms }),
  ];
  const definition = dagDefinitionWith("bench_small", tasks, {
    maxActiveRuns: runs,
    maxActiveTasks: 64,
  });
  return { label: `${runs} runs × ${tasks.length} tasks`, definition, runs, done: (i) => i % 10 };
}

/**
 * The scenario's runs at `now`: succeeded tasks, then the ready ones running while the executor
 * has slots (`parallelism`) and scheduled after that, the rest waiting with no state. The first
 * `finishedEvents` running tries report success in the returned events.
 */
export function buildMidRun(
  scenario: PlanScenario,
  options: { versionHash: string; now: number; finishedEvents: number },
): { runs: BuiltRun[]; events: ExecutorEvent[] } {
  const { definition } = scenario;
  const weights = weightsOf(definition);
  const runs: BuiltRun[] = [];
  const events: ExecutorEvent[] = [];
  let executing = 0;
  for (let r = 0; r < scenario.runs; r++) {
    const createdAt = options.now - 3_600_000 + r;
    const seed = {
      definition,
      versionHash: options.versionHash,
      runId: `scheduled__run_${String(r).padStart(5, "0")}`,
      logicalDate: options.now - (scenario.runs - r) * 60_000,
      createdAt,
    };
    const started = startRun(newRun(seed), { at: createdAt + 1 });
    const doneCount = scenario.done(r);
    const doneIds = new Set(definition.tasks.slice(0, doneCount).map((task) => task.taskId));
    const instances = definition.tasks.map((task, position) => {
      let target: "none" | "scheduled" | "running" | "success" = "none";
      if (position < doneCount) target = "success";
      else if (task.upstream.every((id) => doneIds.has(id))) {
        target = executing < LIMITS.parallelism ? "running" : "scheduled";
        if (target === "running") executing++;
      }
      const fresh = freshInstance(started.run, task, weights.get(task.taskId) ?? 1);
      const at = createdAt + 10 * (position + 1);
      return reachTaskState(fresh, target, { at, executorId: EXECUTOR_ID, durationMs: 5 });
    });
    for (const { instance } of instances) {
      if (instance.state !== "running" || events.length >= options.finishedEvents) continue;
      events.push({
        type: "finished",
        key: {
          dagId: instance.dagId,
          runId: instance.runId,
          taskId: instance.taskId,
          mapIndex: instance.mapIndex,
        },
        tryNumber: instance.tryNumber,
        at: options.now,
        outcome: { status: "success" },
        xcoms: [{ key: "return_value", value: 42 }],
        renderedFields: null,
      });
    }
    runs.push({ run: started.run, runChanges: started.changes, instances });
  }
  return { runs, events };
}

/** The snapshot the scheduler would read for these runs. */
export function snapshotOf(
  scenario: PlanScenario,
  versionHash: string,
  runs: readonly BuiltRun[],
): SchedulingSnapshot {
  const { definition } = scenario;
  const record = {
    dagId: definition.dagId,
    fileloc: definition.fileloc,
    isPaused: false,
    isActive: true,
    versionHash,
    lastParsedAt: 0,
    nextRun: null,
    lastAutomatedRun: null,
  };
  return {
    dags: [{ record, revision: 1 }],
    definitions: { [versionHash]: definition },
    activeRuns: toActiveRuns(runs),
    pools: [{ name: DEFAULT_POOL, slots: 128, description: null, includeDeferred: false }],
  };
}

/** The options the server's loop passes, with a given definition cache. */
export function planOptions(
  cache: DefinitionIndexCache,
  events: readonly ExecutorEvent[],
): PlanOptions {
  return {
    limits: LIMITS,
    executorId: EXECUTOR_ID,
    liveExecutorIds: new Set([EXECUTOR_ID]),
    events,
    owns: (run) => run.runType !== "backfill",
    createAutomatedRuns: true,
    cache,
  };
}

/**
 * Check a plan did what the situation calls for: every finished try recorded as a success, as
 * many tries queued as slots were freed, nothing failed or cancelled. Throws naming the mismatch.
 */
export function checkPlan(decided: SchedulingPlan, finishedEvents: number, where: string): void {
  const finalStates = decided.step.taskInstances.map((update) => update.instance.state);
  const count = (state: string) => finalStates.filter((s) => s === state).length;
  const problems = [];
  if (decided.dispatch.length !== finishedEvents) {
    problems.push(`dispatched ${decided.dispatch.length}, expected ${finishedEvents}`);
  }
  if (count("success") !== finishedEvents) {
    problems.push(`${count("success")} successes recorded, expected ${finishedEvents}`);
  }
  if (count("failed") + count("upstream_failed") > 0 || decided.cancel.length > 0) {
    problems.push("tasks failed or tries were cancelled");
  }
  if (problems.length > 0) throw new Error(`plan (${where}): ${problems.join("; ")}`);
}
