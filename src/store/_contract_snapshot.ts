/**
 * Contract tests: what the scheduler reads (snapshot, run state, previous runs, executing).
 *
 * @module
 */

import assert from "node:assert/strict";
import { emptyStep } from "../core/mod.ts";
import {
  contractTest,
  dagDefinition,
  dagRun,
  insertRuns,
  type OpenStore,
  parsedFile,
  seedDags,
  T0,
  taskDefinition,
  taskInstance,
} from "./_contract_fixtures.ts";

/** Register the scheduling read tests. */
export function snapshotTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("snapshot: active DAGs, definitions, active runs with instances", async (store) => {
    const old = await seedDags(store, "main.ts", [dagDefinition("main"), dagDefinition("idle")]);
    await seedDags(store, "gone.ts", [dagDefinition("gone")]);
    const goneVersion = (await store.getDag("gone"))!.dag.versionHash;
    const queued = dagRun("main", old.main, { day: 0 });
    const running = dagRun("main", old.main, { day: 1, state: "running", runType: "manual" });
    const done = dagRun("main", old.main, { day: 2, state: "success" });
    const orphan = dagRun("gone", goneVersion, { day: 0, state: "running" });
    const a = taskInstance(running, "a", { state: "running", tryNumber: 1 });
    const b = taskInstance(running, "b");
    const mapped = [0, 1].map((mapIndex) => taskInstance(running, "m", { mapIndex }));
    await insertRuns(store, [queued, running, done, orphan], [
      a,
      b,
      ...mapped,
      taskInstance(done, "a", { state: "success" }),
    ]);
    const step = emptyStep();
    const decision = {
      dagId: "main",
      runId: running.runId,
      taskId: "a",
      mapIndex: -1,
      timestamp: T0,
    };
    step.xcoms = [
      { ...decision, key: "skipmixin_key", value: { followed: ["b"] } },
      { ...decision, key: "return_value", value: 42 },
    ];
    await store.applySchedulingStep(step);
    await store.forgetFile("gone.ts", T0);
    // A new version of main: the running runs keep their pinned one.
    await store.recordParsedFile(
      parsedFile("main.ts", [dagDefinition("main", { doc: "v2" }), dagDefinition("idle")], "2"),
      {
        now: T0,
        pausedAtCreation: true,
      },
    );
    const current = (await store.getDag("main"))!.dag.versionHash;
    const snapshot = await store.loadSchedulingSnapshot();
    assert.deepEqual(snapshot.dags.map((dag) => dag.record.dagId), ["idle", "main"]);
    assert.ok(snapshot.dags.every((dag) => Number.isInteger(dag.revision)));
    assert.deepEqual(
      Object.keys(snapshot.definitions).sort(),
      [current, old.main, (await store.getDag("idle"))!.dag.versionHash, goneVersion].sort(),
    );
    assert.equal(snapshot.definitions[current].doc, "v2");
    assert.equal(snapshot.definitions[old.main].doc, null);
    assert.deepEqual(
      snapshot.activeRuns.map((active) => [active.run.record.runId, active.run.revision]),
      [[orphan.runId, 1], [queued.runId, 1], [running.runId, 1]],
    );
    const active = snapshot.activeRuns[2];
    assert.deepEqual(active.run.record, running);
    assert.deepEqual(active.taskInstances, [
      { record: a, revision: 1 },
      { record: b, revision: 1 },
      { record: mapped[0], revision: 1 },
      { record: mapped[1], revision: 1 },
    ]);
    assert.deepEqual(active.skipDecisions, [{
      ...decision,
      key: "skipmixin_key",
      value: { followed: ["b"] },
    }]);
    assert.equal(active.previousRun, undefined, "no depends_on_past: previous run not loaded");
    assert.equal("previousRun" in active, false);
    assert.deepEqual(snapshot.activeRuns[1].taskInstances, []);
    assert.deepEqual(snapshot.pools.map((pool) => pool.name), ["default_pool"]);
  });

  test("snapshot: previous runs for depends_on_past, any type and non-manual", async (store) => {
    const past = dagDefinition("past", {
      tasks: [taskDefinition("a", { dependsOnPast: true }), taskDefinition("m")],
    });
    const versions = await seedDags(store, "past.ts", [past, dagDefinition("plain")]);
    const first = dagRun("past", versions.past, { day: 0, state: "success" });
    const manual = dagRun("past", versions.past, {
      day: 1,
      state: "failed",
      runType: "manual",
      runId: "manual_1",
    });
    const current = dagRun("past", versions.past, { day: 2, state: "running" });
    const earliest = dagRun("past", versions.past, { day: -5, state: "queued" });
    const plain = dagRun("plain", versions.plain, { day: 3 });
    await insertRuns(store, [first, manual, current, earliest, plain], [
      taskInstance(first, "a", { state: "success" }),
      taskInstance(first, "m", { mapIndex: 0, state: "success" }),
      taskInstance(first, "m", { mapIndex: 1, state: "skipped" }),
      taskInstance(manual, "a", { state: "failed" }),
    ]);
    const snapshot = await store.loadSchedulingSnapshot();
    const byRun = new Map(snapshot.activeRuns.map((active) => [active.run.record.runId, active]));
    assert.deepEqual(byRun.get(current.runId)!.previousRun, {
      anyType: { runId: "manual_1", logicalDate: manual.logicalDate, states: { a: ["failed"] } },
      nonManual: {
        runId: first.runId,
        logicalDate: first.logicalDate,
        states: { a: ["success"], m: ["success", "skipped"] },
      },
    });
    assert.deepEqual(byRun.get(earliest.runId)!.previousRun, { anyType: null, nonManual: null });
    assert.equal(byRun.get(plain.runId)!.previousRun, undefined);
    assert.deepEqual(
      await store.loadPreviousRunStates("past", current.logicalDate, { excludeManual: true }),
      byRun.get(current.runId)!.previousRun!.nonManual,
    );
    assert.deepEqual(
      await store.loadPreviousRunStates("past", current.logicalDate, { excludeManual: false }),
      byRun.get(current.runId)!.previousRun!.anyType,
    );
    assert.equal(
      await store.loadPreviousRunStates("past", earliest.logicalDate, { excludeManual: false }),
      null,
    );
    assert.deepEqual(
      await store.loadPreviousRunStates("past", manual.logicalDate + 1, { excludeManual: false }),
      { runId: "manual_1", logicalDate: manual.logicalDate, states: { a: ["failed"] } },
    );
  });

  test("loadRunState reads a run in any state; listExecutingTaskInstances", async (store) => {
    const versions = await seedDags(store, "state.ts", [dagDefinition("state")]);
    const done = dagRun("state", versions.state, { state: "failed", day: 0 });
    const live = dagRun("state", versions.state, { state: "running", day: 1 });
    const instances = [
      taskInstance(done, "a", { state: "failed" }),
      taskInstance(live, "a", { state: "queued" }),
      taskInstance(live, "b", { state: "running" }),
      taskInstance(live, "c", { state: "scheduled" }),
    ];
    await insertRuns(store, [done, live], instances);
    const step = emptyStep();
    step.xcoms = [{
      dagId: "state",
      runId: done.runId,
      taskId: "a",
      mapIndex: -1,
      key: "skipmixin_key",
      value: ["b"],
      timestamp: T0,
    }];
    await store.applySchedulingStep(step);
    const loaded = (await store.loadRunState(done))!;
    assert.deepEqual(loaded.run, { record: done, revision: 1 });
    assert.deepEqual(loaded.taskInstances, [{ record: instances[0], revision: 1 }]);
    assert.deepEqual(loaded.skipDecisions.map((xcom) => xcom.value), [["b"]]);
    assert.equal("previousRun" in loaded, false);
    assert.equal(await store.loadRunState({ dagId: "state", runId: "nope" }), null);
    assert.deepEqual(await store.listExecutingTaskInstances(), [
      { instance: instances[1], revision: 1 },
      { instance: instances[2], revision: 1 },
    ]);
  });
}
