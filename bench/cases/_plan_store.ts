/**
 * The store's part of a scheduling step for the `plan` scenarios: `loadSchedulingSnapshot()` and
 * `applySchedulingStep()` on a real `SqliteStore` file. The scenario is written once into a
 * template database; each repetition works on a fresh copy of it, so every measured step applies
 * to the same state (a step changes the state it was planned from).
 *
 * @module
 */

import type { DagDefinition, SchedulingSnapshot, SchedulingStep } from "../../src/core/mod.ts";
import { DefinitionIndexCache, plan } from "../../src/scheduler/mod.ts";
import { SqliteStore } from "../../src/store/mod.ts";
import { insertStep } from "./_run_states.ts";
import {
  buildMidRun,
  checkPlan,
  planOptions,
  type PlanScenario,
  snapshotOf,
} from "./_plan_states.ts";

/** Times of the store's part of a step, ms, one sample per measurement. */
export interface StoreStepTimes {
  load: number[];
  apply: number[];
  /** Load, plan and apply, one after another on the same copy. */
  step: number[];
  /** Task instance rows the snapshot held (a check that the state round-tripped). */
  rows: number;
}

/** Measure load and apply of `scenario` on `repetitions` fresh copies of one database. */
export async function measureStoreStep(
  scenario: PlanScenario,
  options: { now: number; finishedEvents: number; repetitions: number; loadsPerCopy: number },
): Promise<StoreStepTimes> {
  const folder = await Deno.makeTempDir({ prefix: "updraft-bench-plan-" });
  try {
    const template = `${folder}/template.db`;
    const events = await writeTemplate(template, scenario, options);
    const times: StoreStepTimes = { load: [], apply: [], step: [], rows: 0 };
    const cache = new DefinitionIndexCache();
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      const path = `${folder}/copy-${repetition}.db`;
      await copyDatabase(template, path);
      const store = SqliteStore.open(path);
      try {
        await store.migrate();
        let snapshot: SchedulingSnapshot = await store.loadSchedulingSnapshot(); // warm-up
        let loadMs = 0;
        for (let load = 0; load < options.loadsPerCopy; load++) {
          const started = performance.now();
          snapshot = await store.loadSchedulingSnapshot();
          loadMs = performance.now() - started;
          times.load.push(loadMs);
        }
        times.rows = snapshot.activeRuns.reduce((sum, run) => sum + run.taskInstances.length, 0);
        const planStarted = performance.now();
        const decided = plan(snapshot, options.now, planOptions(cache, events));
        const planMs = performance.now() - planStarted;
        checkPlan(decided, options.finishedEvents, `${scenario.label}, from SQLite`);
        // The first write to a fresh copy creates its write-ahead log (5–15 ms here); a running
        // server has long done that (it writes heartbeats), so one small write goes first.
        await store.recordHeartbeat({
          jobId: "bench",
          kind: "scheduler",
          hostname: "bench-host",
          startedAt: options.now,
          heartbeatAt: options.now,
        });
        const applyStarted = performance.now();
        const result = await store.applySchedulingStep(decided.step);
        const applyMs = performance.now() - applyStarted;
        if (result.conflicts > 0) {
          throw new Error(`applying the step of ${scenario.label}: ${result.conflicts} conflicts`);
        }
        times.apply.push(applyMs);
        times.step.push(loadMs + planMs + applyMs);
      } finally {
        await store.close();
        await removeDatabase(path);
      }
    }
    return times;
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

/** Write the scenario's DAG and runs into a new database at `path`; returns the events. */
async function writeTemplate(
  path: string,
  scenario: PlanScenario,
  options: { now: number; finishedEvents: number },
) {
  const store = SqliteStore.open(path);
  try {
    await store.migrate();
    const versionHash = await recordDefinition(store, scenario.definition, options.now);
    const { runs, events } = buildMidRun(scenario, { ...options, versionHash });
    await store.applySchedulingStep(insertStep(runs));
    // Same state in memory and on disk: the plans must agree.
    const expected = plan(
      snapshotOf(scenario, versionHash, runs),
      options.now,
      planOptions(new DefinitionIndexCache(), events),
    );
    const loaded = plan(
      await store.loadSchedulingSnapshot(),
      options.now,
      planOptions(new DefinitionIndexCache(), events),
    );
    if (summary(loaded.step) !== summary(expected.step)) {
      throw new Error(
        `${scenario.label}: the plan from SQLite (${summary(loaded.step)}) differs from the ` +
          `plan in memory (${summary(expected.step)})`,
      );
    }
    return events;
  } finally {
    await store.close();
  }
}

/** Record `definition` as parsed from its own file; returns the version hash the store gave it. */
export async function recordDefinition(
  store: SqliteStore,
  definition: DagDefinition,
  now: number,
): Promise<string> {
  const bundle = {
    bundleHash: `bench-${definition.dagId}`,
    fileloc: definition.fileloc,
    source: "// generated by the benchmark",
    code: "export {};",
  };
  await store.recordParsedFile(
    { fileloc: definition.fileloc, ok: true, bundle, dags: [definition] },
    { now, pausedAtCreation: false },
  );
  const found = await store.getDag(definition.dagId);
  if (!found) throw new Error(`recording DAG ${definition.dagId} in the template store failed`);
  return found.dag.versionHash;
}

/** How many rows a step changes, by final state: equal for equal states, whatever the order. */
function summary(step: SchedulingStep): string {
  const counts = new Map<string, number>();
  const states = [
    ...step.taskInstances.map((update) => `task ${update.instance.state}`),
    ...step.runs.map((update) => `run ${update.run.state}`),
  ];
  for (const key of states) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort().map(([key, count]) => `${count} ${key}`).join(", ") +
    `, ${step.xcoms.length} xcoms`;
}

async function copyDatabase(from: string, to: string): Promise<void> {
  await Deno.copyFile(from, to);
  // Closing the last connection normally checkpoints the log into the file; copy it if not.
  await Deno.copyFile(`${from}-wal`, `${to}-wal`).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(`${path}${suffix}`).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
}
