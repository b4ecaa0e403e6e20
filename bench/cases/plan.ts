/**
 * `plan` (case 5): the cost of one scheduling decision, in-process with no server. Two
 * situations built from core types: one run of a 5,000-task DAG part-way through, and 1,000
 * active runs of a 10-task DAG. `plan()` is timed over many repetitions with the definition
 * cache filled (as in the running loop), and once per repetition with an empty cache (the first
 * step after a new DAG version). The store's part of the real step, loading the snapshot and
 * applying the planned step, is timed on a real SQLite file.
 *
 * @module
 */

import { DefinitionIndexCache, plan } from "../../src/scheduler/mod.ts";
import { type BenchCase, type CaseContext, median, type Metric } from "../_harness.ts";
import {
  buildMidRun,
  checkPlan,
  manyRunsScenario,
  planOptions,
  type PlanScenario,
  snapshotOf,
  wideDagScenario,
} from "./_plan_states.ts";
import { measureStoreStep } from "./_plan_store.ts";

/** The time the situations are built at (any fixed instant: plan() is pure). */
const NOW = Date.UTC(2024, 5, 1, 12);
/** Running tries that report success in the measured step. */
const FINISHED_EVENTS = 8;

/** Repetitions: plan() warm, plan() with an empty cache, SQLite copies, loads per copy. */
function sizes(quick: boolean) {
  return quick
    ? { warmUp: 3, warm: 20, cold: 3, copies: 3, loadsPerCopy: 2 }
    : { warmUp: 20, warm: 300, cold: 20, copies: 15, loadsPerCopy: 4 };
}

/** plan: one scheduling decision for a 5,000-task DAG and for 1,000 active runs. */
export const planCase: BenchCase = {
  name: "plan",
  description: "one scheduling decision (plan) for 1 run × 5,000 tasks and 1,000 active runs",
  async run(context) {
    const metrics: Metric[] = [];
    const scenarios = [
      { tag: "5k", scenario: wideDagScenario() },
      { tag: "1k runs", scenario: manyRunsScenario() },
    ];
    for (const { tag, scenario } of scenarios) {
      metrics.push(...await measureScenario(context, tag, scenario));
    }
    return metrics;
  },
};

async function measureScenario(
  context: CaseContext,
  tag: string,
  scenario: PlanScenario,
): Promise<Metric[]> {
  const size = sizes(context.quick);
  const versionHash = `bench-${scenario.definition.dagId}`;
  const { runs, events } = buildMidRun(scenario, {
    versionHash,
    now: NOW,
    finishedEvents: FINISHED_EVENTS,
  });
  const snapshot = snapshotOf(scenario, versionHash, runs);
  const states = describeStates(runs.flatMap((built) => built.instances.map((i) => i.instance)));
  const load = Deno.loadavg()[0].toFixed(1);
  context.log(`  ${scenario.label}: ${states} (machine load average ${load})`);

  const cache = new DefinitionIndexCache();
  const warm: number[] = [];
  let updates = 0;
  for (let i = 0; i < size.warmUp + size.warm; i++) {
    const started = performance.now();
    const decided = plan(snapshot, NOW, planOptions(cache, events));
    const elapsed = performance.now() - started;
    checkPlan(decided, FINISHED_EVENTS, scenario.label);
    updates = decided.step.taskInstances.length + decided.step.runs.length;
    if (i >= size.warmUp) warm.push(elapsed);
  }
  const cold: number[] = [];
  for (let i = 0; i < size.cold; i++) {
    const started = performance.now();
    plan(snapshot, NOW, planOptions(new DefinitionIndexCache(), events));
    cold.push(performance.now() - started);
  }
  context.log(
    `  plan: warm median ${median(warm).toFixed(2)} ms, ${updates} rows changed per step`,
  );
  const store = await measureStoreStep(scenario, {
    now: NOW,
    finishedEvents: FINISHED_EVENTS,
    repetitions: size.copies,
    loadsPerCopy: size.loadsPerCopy,
  });
  context.log(
    `  SQLite: load ${median(store.load).toFixed(2)} ms (${store.rows} task instances), ` +
      `apply ${median(store.apply).toFixed(2)} ms`,
  );
  const commit = context.floors.sqliteCommitMs;
  return [
    {
      name: `${tag}: plan(), warm cache`,
      unit: "ms",
      samples: warm,
      budget: tag === "5k" ? { max: 5 } : undefined,
      note: `${scenario.label} (${states}); ${FINISHED_EVENTS} tries finish, ${updates} rows ` +
        `change per step; ${warm.length} repetitions after ${size.warmUp} warm-up, ` +
        `definition index cache filled; machine load average ${load} at the start`,
    },
    {
      name: `${tag}: plan(), empty cache`,
      unit: "ms",
      samples: cold,
      note: "includes building the definition index (graph, order, weights) once",
    },
    {
      name: `${tag}: SQLite loadSchedulingSnapshot()`,
      unit: "ms",
      samples: store.load,
      note: `${store.rows} task instance rows; connection warm (one load before timing)`,
    },
    {
      name: `${tag}: SQLite applySchedulingStep()`,
      unit: "ms",
      samples: store.apply,
      floor: { value: commit, of: `one committed SQLite transaction (${fixed(commit)} ms)` },
      note: `the planned step on a fresh copy of the database each time (${size.copies} copies)`,
    },
    {
      name: `${tag}: load + plan + apply`,
      unit: "ms",
      samples: store.step,
      note: "the store and planner part of one loop step (dispatch not included)",
    },
  ];
}

function describeStates(instances: { state: string | null }[]): string {
  const counts = new Map<string, number>();
  for (const { state } of instances) {
    const name = state ?? "none";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([state, count]) => `${count} ${state}`).join(", ");
}

function fixed(value: number): string {
  return value.toFixed(3);
}
