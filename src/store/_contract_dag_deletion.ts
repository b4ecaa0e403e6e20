/**
 * Contract tests: deleting a DAG's metadata (`deleteDag`).
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
  stateChange,
  T0,
  taskInstance,
} from "./_contract_fixtures.ts";
import { DagBusyError, type Store } from "./store.ts";

/** Register the DAG deletion tests. */
export function dagDeletionTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("deleteDag removes runs, instances, XComs, history and versions; not the file's other DAGs", async (store) => {
    const versions = await seedDags(store, "pair.ts", [
      dagDefinition("doomed"),
      dagDefinition("kept"),
    ]);
    const doomed = dagRun("doomed", versions.doomed, { state: "success" });
    const kept = dagRun("kept", versions.kept, { state: "success" });
    await writeRunsWithHistory(store, [doomed, kept]);
    const bundleHash = (await store.getDagVersion(versions.doomed))!.bundleHash;
    const before = await store.schedulingVersion();

    assert.equal(await store.deleteDag("no_such_dag"), false);
    assert.equal(await store.deleteDag("doomed"), true);
    assert.notEqual(await store.schedulingVersion(), before);

    assert.equal(await store.getDag("doomed"), null);
    assert.equal((await store.listDagRuns({ dagIds: ["doomed"] })).total, 0);
    assert.equal((await store.listTaskInstances({ dagIds: ["doomed"] })).total, 0);
    assert.equal((await store.listXComs({ dagId: "doomed" })).total, 0);
    assert.deepEqual(await store.listStateChanges(doomed), []);
    assert.equal(await store.getDagVersion(versions.doomed), null);
    assert.deepEqual(
      (await store.listDags({ onlyActive: false })).items.map((item) => item.dag.dagId),
      ["kept"],
    );
    // The other DAG of the file, and the file's bundle, are untouched.
    assert.equal((await store.listDagRuns({ dagIds: ["kept"] })).total, 1);
    assert.equal((await store.listTaskInstances({ dagIds: ["kept"] })).total, 1);
    assert.equal((await store.listXComs({ dagId: "kept" })).total, 1);
    assert.equal((await store.listStateChanges(kept)).length, 1);
    assert.notEqual(await store.getBundle(bundleHash), null);
    assert.equal(await store.deleteDag("doomed"), false);

    // Parsing the file again adds the DAG back, as new, and its old run id is free again.
    const result = await store.recordParsedFile(
      parsedFile("pair.ts", [dagDefinition("doomed"), dagDefinition("kept")]),
      { now: T0, pausedAtCreation: true },
    );
    assert.deepEqual(result.added, ["doomed"]);
    const back = await store.getDag("doomed");
    assert.equal(back?.dag.isPaused, true);
    assert.equal(back?.dag.versionHash, versions.doomed);
    await insertRuns(store, [doomed]);
  });

  test("deleteDag refuses while a task instance is queued or running, and deletes nothing", async (store) => {
    const versions = await seedDags(store, "busy.ts", [dagDefinition("busy")]);
    const finished = dagRun("busy", versions.busy, { day: 0, state: "success" });
    const active = dagRun("busy", versions.busy, { day: 1, state: "running" });
    for (const state of ["queued", "running"] as const) {
      await insertRuns(store, [finished, active], [
        taskInstance(finished, "a", { state: "success" }),
        taskInstance(active, "a", { state }),
      ]);
      await assert.rejects(() => store.deleteDag("busy"), (error: unknown) => {
        assert.ok(error instanceof DagBusyError, String(error));
        assert.equal(error.dagId, "busy");
        assert.equal(error.executing, 1);
        assert.match(error.message, /busy/);
        return true;
      });
      assert.notEqual(await store.getDag("busy"), null);
      assert.equal((await store.listDagRuns({ dagIds: ["busy"] })).total, 2);
      assert.equal((await store.listTaskInstances({ dagIds: ["busy"] })).total, 2);
      await store.deleteDagRun(finished);
      await store.deleteDagRun(active);
    }
    // Finished, waiting and never-started instances do not hold a DAG back.
    await insertRuns(store, [finished, active], [
      taskInstance(finished, "a", { state: "failed" }),
      taskInstance(active, "a", { state: "up_for_retry" }),
      taskInstance(active, "b"),
    ]);
    assert.equal(await store.deleteDag("busy"), true);
    assert.equal((await store.listTaskInstances({ dagIds: ["busy"] })).total, 0);
  });

  test("deleting the only DAG of a file drops the file from the known files", async (store) => {
    await seedDags(store, "alone.ts", [dagDefinition("alone")]);
    await seedDags(store, "other.ts", [dagDefinition("other")]);
    assert.equal(await store.deleteDag("alone"), true);
    assert.deepEqual((await store.listKnownFiles()).map((file) => file.fileloc), ["other.ts"]);
  });
}

/** Write each run with one task instance, one XCom and one run state change. */
async function writeRunsWithHistory(store: Store, runs: ReturnType<typeof dagRun>[]) {
  const step = emptyStep();
  for (const run of runs) {
    step.runs.push({
      run,
      expectedRevision: null,
      changes: [stateChange({ ...run, taskId: null }, null, "queued", T0)],
    });
    step.taskInstances.push({
      instance: taskInstance(run, "a", { state: "success" }),
      expectedRevision: null,
      changes: [],
    });
    step.xcoms.push({
      dagId: run.dagId,
      runId: run.runId,
      taskId: "a",
      mapIndex: -1,
      key: "return_value",
      value: 1,
      timestamp: T0,
    });
  }
  const result = await store.applySchedulingStep(step);
  assert.equal(result.conflicts, 0);
}
