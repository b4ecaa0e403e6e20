/**
 * Contract tests: list queries (filters, ordering, paging) and deleting runs.
 *
 * @module
 */

import assert from "node:assert/strict";
import { emptyStep } from "../core/mod.ts";
import {
  contractTest,
  dagDefinition,
  dagRun,
  DAY,
  insertRuns,
  type OpenStore,
  seedDags,
  stateChange,
  T0,
  taskInstance,
} from "./_contract_fixtures.ts";

/** Register the list query tests. */
export function queryTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("listDags: pattern, tags, paused, ordering, paging", async (store) => {
    await seedDags(store, "many.ts", [
      dagDefinition("Alpha_ETL", { tags: ["etl", "daily"], description: "b" }),
      dagDefinition("beta_etl", { tags: ["ml"], description: "a" }),
      dagDefinition("gamma", { tags: [], description: null }),
    ]);
    await store.setDagPaused("gamma", true, T0);
    const ids = (page: { items: { dag: { dagId: string } }[] }) =>
      page.items.map((item) => item.dag.dagId);
    assert.deepEqual(ids(await store.listDags({})), ["Alpha_ETL", "beta_etl", "gamma"]);
    assert.deepEqual(ids(await store.listDags({ dagIdPattern: "ETL" })), ["Alpha_ETL", "beta_etl"]);
    assert.deepEqual(ids(await store.listDags({ dagIdPattern: "a_e" })), ["Alpha_ETL", "beta_etl"]);
    assert.deepEqual(ids(await store.listDags({ dagIdPattern: "%" })), []);
    assert.deepEqual(ids(await store.listDags({ tags: ["ml", "daily"] })), [
      "Alpha_ETL",
      "beta_etl",
    ]);
    assert.deepEqual(ids(await store.listDags({ tags: ["none"] })), []);
    assert.deepEqual(ids(await store.listDags({ paused: true })), ["gamma"]);
    assert.deepEqual(ids(await store.listDags({ paused: false, orderBy: "-dag_id" })), [
      "beta_etl",
      "Alpha_ETL",
    ]);
    assert.deepEqual(ids(await store.listDags({ orderBy: "description" })), [
      "gamma",
      "beta_etl",
      "Alpha_ETL",
    ]);
    assert.deepEqual(ids(await store.listDags({ orderBy: "-is_paused" })), [
      "gamma",
      "Alpha_ETL",
      "beta_etl",
    ]);
    const page = await store.listDags({ limit: 1, offset: 1 });
    assert.deepEqual([ids(page), page.total], [["beta_etl"], 3]);
    assert.equal(page.items[0].definition.description, "a");
    await assert.rejects(() => store.listDags({ orderBy: "colour" }), (error: Error) => {
      assert.match(error.message, /colour/);
      assert.match(error.message, /dag_id/);
      return true;
    });
    await assert.rejects(() => store.listDags({ limit: -1 }), /limit/);
  });

  test("listDags: lastRunStates matches each DAG's latest run by logical date", async (store) => {
    const versions = await seedDags(store, "last.ts", [
      dagDefinition("recovered"),
      dagDefinition("broken"),
      dagDefinition("never"),
    ]);
    await insertRuns(store, [
      dagRun("recovered", versions.recovered, { day: 0, state: "failed" }),
      dagRun("recovered", versions.recovered, { day: 1, state: "success" }),
      // Inserted last but earlier: the logical date decides, not the insertion order.
      dagRun("broken", versions.broken, { day: 2, state: "failed" }),
      dagRun("broken", versions.broken, { day: 1, state: "success" }),
    ]);
    const ids = (page: { items: { dag: { dagId: string } }[] }) =>
      page.items.map((item) => item.dag.dagId);
    assert.deepEqual(ids(await store.listDags({ lastRunStates: ["failed"] })), ["broken"]);
    assert.deepEqual(ids(await store.listDags({ lastRunStates: ["success", "failed"] })), [
      "broken",
      "recovered",
    ]);
    assert.equal((await store.listDags({ lastRunStates: ["failed"], limit: 0 })).total, 1);
    assert.deepEqual(ids(await store.listDags({ lastRunStates: [] })).length, 3);
  });

  test("listDagRuns: filters, ordering by REST field names, paging", async (store) => {
    const versions = await seedDags(store, "runs.ts", [dagDefinition("r1"), dagDefinition("r2")]);
    const runs = [
      dagRun("r1", versions.r1, {
        day: 2,
        state: "success",
        startDate: T0 + 3 * DAY,
        endDate: T0 + 4 * DAY,
      }),
      dagRun("r1", versions.r1, {
        day: 0,
        state: "failed",
        startDate: T0 + DAY,
        endDate: T0 + 5 * DAY,
      }),
      dagRun("r2", versions.r2, {
        day: 1,
        runType: "manual",
        runId: "manual__x",
        externalTrigger: true,
        conf: { a: 1 },
      }),
    ];
    for (const run of runs) await insertRuns(store, [run]);
    const runIds = (page: { items: { runId: string }[] }) => page.items.map((run) => run.runId);
    assert.deepEqual(
      runIds(await store.listDagRuns({})),
      runs.map((run) => run.runId),
      "id: creation order",
    );
    assert.deepEqual(
      runIds(await store.listDagRuns({ orderBy: "-id" })),
      runs.map((run) => run.runId).reverse(),
    );
    assert.deepEqual(
      runIds(await store.listDagRuns({ orderBy: "execution_date" })),
      [runs[1], runs[2], runs[0]].map((run) => run.runId),
    );
    assert.deepEqual(runIds(await store.listDagRuns({ orderBy: "-start_date" })), [
      runs[0].runId,
      runs[1].runId,
      runs[2].runId,
    ]);
    assert.deepEqual(
      runIds(await store.listDagRuns({ dagIds: ["r1"], orderBy: "dag_run_id" })),
      [runs[1].runId, runs[0].runId].sort(),
    );
    assert.deepEqual(runIds(await store.listDagRuns({ states: ["queued", "failed"] })), [
      runs[1].runId,
      runs[2].runId,
    ]);
    assert.deepEqual(runIds(await store.listDagRuns({ runTypes: ["manual"] })), ["manual__x"]);
    assert.deepEqual(
      runIds(await store.listDagRuns({ logicalDate: { gte: T0 + DAY, lte: T0 + DAY } })),
      ["manual__x"],
    );
    assert.deepEqual(runIds(await store.listDagRuns({ endDate: { lte: T0 + 4 * DAY } })), [
      runs[0].runId,
    ]);
    assert.deepEqual(runIds(await store.listDagRuns({ orderBy: "-end_date" })), [
      runs[1].runId,
      runs[0].runId,
      runs[2].runId,
    ]);
    assert.deepEqual(runIds(await store.listDagRuns({ startDate: { gte: T0 } })), [
      runs[0].runId,
      runs[1].runId,
    ]);
    assert.deepEqual(runIds(await store.listDagRuns({ updatedAt: { gte: T0 + 3 * DAY } })), [
      runs[0].runId,
    ]);
    const page = await store.listDagRuns({ limit: 2, offset: 2, orderBy: "state" });
    assert.deepEqual([runIds(page), page.total], [[runs[0].runId], 3]);
    assert.deepEqual((await store.getDagRun(runs[2]))!.conf, { a: 1 });
    await assert.rejects(() => store.listDagRuns({ orderBy: "-nope" }), /nope.*id/s);
  });

  test("listTaskInstances: states with none, pools, durations, dates", async (store) => {
    const versions = await seedDags(store, "ti.ts", [dagDefinition("ti")]);
    const early = dagRun("ti", versions.ti, { day: 0, state: "running" });
    const late = dagRun("ti", versions.ti, { day: 1, state: "running" });
    const instances = [
      taskInstance(early, "a", {
        state: "success",
        duration: 5,
        startDate: T0,
        endDate: T0 + 5000,
        priorityWeight: 3,
      }),
      taskInstance(early, "b", { state: null, pool: "small" }),
      taskInstance(late, "a", {
        state: "failed",
        duration: 1.5,
        startDate: T0 + DAY,
        endDate: T0 + DAY + 1500,
      }),
      taskInstance(late, "b", { state: "queued", priorityWeight: 2 }),
    ];
    await insertRuns(store, [early, late], instances);
    const keys = (page: { items: { runId: string; taskId: string }[] }) =>
      page.items.map((item) => `${item.runId === early.runId ? "early" : "late"}.${item.taskId}`);
    assert.deepEqual(keys(await store.listTaskInstances({})), [
      "early.a",
      "early.b",
      "late.a",
      "late.b",
    ]);
    assert.deepEqual(keys(await store.listTaskInstances({ states: [null, "failed"] })), [
      "early.b",
      "late.a",
    ]);
    assert.deepEqual(keys(await store.listTaskInstances({ states: [null] })), ["early.b"]);
    assert.deepEqual(keys(await store.listTaskInstances({ pools: ["small"] })), ["early.b"]);
    assert.deepEqual(keys(await store.listTaskInstances({ duration: { gte: 2 } })), ["early.a"]);
    assert.deepEqual(keys(await store.listTaskInstances({ logicalDate: { gte: T0 + DAY } })), [
      "late.a",
      "late.b",
    ]);
    assert.deepEqual(
      keys(await store.listTaskInstances({ runIds: [late.runId], taskIds: ["b"] })),
      ["late.b"],
    );
    assert.deepEqual(keys(await store.listTaskInstances({ startDate: { lte: T0 + DAY } })), [
      "early.a",
      "late.a",
    ]);
    assert.deepEqual(keys(await store.listTaskInstances({ orderBy: "-priority_weight" })), [
      "early.a",
      "late.b",
      "early.b",
      "late.a",
    ]);
    assert.deepEqual(keys(await store.listTaskInstances({ orderBy: "duration" })), [
      "early.b",
      "late.b",
      "late.a",
      "early.a",
    ]);
    assert.deepEqual(
      keys(await store.listTaskInstances({ orderBy: "-execution_date", limit: 1 })),
      ["late.a"],
    );
    assert.deepEqual(keys(await store.listTaskInstances({ orderBy: "state" })), [
      "early.b",
      "late.a",
      "late.b",
      "early.a",
    ]);
    await assert.rejects(() => store.listTaskInstances({ orderBy: "queue" }), /queue/);
  });

  test("listXComs orders by dag, task, run, map index, key", async (store) => {
    const versions = await seedDags(store, "xc.ts", [dagDefinition("xc")]);
    const first = dagRun("xc", versions.xc, { day: 0, runId: "run_b" });
    const second = dagRun("xc", versions.xc, { day: 1, runId: "run_a" });
    const instances = [first, second].flatMap((run) => [
      taskInstance(run, "t", { mapIndex: 1 }),
      taskInstance(run, "t", { mapIndex: 0 }),
      taskInstance(run, "s"),
    ]);
    await insertRuns(store, [first, second], instances);
    const step = emptyStep();
    step.xcoms = instances.flatMap((instance) =>
      ["z", "a"].map((key) => ({
        dagId: instance.dagId,
        runId: instance.runId,
        taskId: instance.taskId,
        mapIndex: instance.mapIndex,
        key,
        value: `${instance.runId}.${instance.taskId}.${instance.mapIndex}.${key}`,
        timestamp: T0,
      }))
    );
    await store.applySchedulingStep(step);
    const all = await store.listXComs({});
    assert.equal(all.total, 12);
    assert.deepEqual(all.items.slice(0, 6).map((xcom) => xcom.value), [
      "run_a.s.-1.a",
      "run_a.s.-1.z",
      "run_b.s.-1.a",
      "run_b.s.-1.z",
      "run_a.t.0.a",
      "run_a.t.0.z",
    ]);
    const filtered = await store.listXComs({ runId: "run_b", taskId: "t", mapIndex: 1 });
    assert.deepEqual(filtered.items.map((xcom) => xcom.key), ["a", "z"]);
    const byKey = await store.listXComs({ key: "z", limit: 2, offset: 1 });
    assert.deepEqual([byKey.items.map((xcom) => xcom.value), byKey.total], [[
      "run_b.s.-1.z",
      "run_a.t.0.z",
    ], 6]);
  });

  test("deleteDagRun removes the run, its instances, XComs and history", async (store) => {
    const versions = await seedDags(store, "del.ts", [dagDefinition("del")]);
    const doomed = dagRun("del", versions.del, { day: 0 });
    const kept = dagRun("del", versions.del, { day: 1 });
    const step = emptyStep();
    for (const run of [doomed, kept]) {
      step.runs.push({
        run,
        expectedRevision: null,
        changes: [stateChange({ ...run, taskId: null }, null, "queued", T0)],
      });
      step.taskInstances.push({
        instance: taskInstance(run, "a"),
        expectedRevision: null,
        changes: [],
      });
      step.xcoms.push({
        dagId: "del",
        runId: run.runId,
        taskId: "a",
        mapIndex: -1,
        key: "k",
        value: 1,
        timestamp: T0,
      });
    }
    await store.applySchedulingStep(step);
    assert.equal(await store.deleteDagRun(doomed), true);
    assert.equal(await store.deleteDagRun(doomed), false);
    assert.equal(await store.getDagRun(doomed), null);
    assert.equal(await store.getTaskInstance(taskInstance(doomed, "a")), null);
    assert.deepEqual(await store.listStateChanges(doomed), []);
    assert.equal((await store.listXComs({ runId: doomed.runId })).total, 0);
    assert.equal((await store.listXComs({})).total, 1);
    assert.equal((await store.listStateChanges(kept)).length, 1);
    assert.notEqual(await store.getTaskInstance(taskInstance(kept, "a")), null);
    // The run id and logical date are free again.
    await insertRuns(store, [doomed]);
  });
}
