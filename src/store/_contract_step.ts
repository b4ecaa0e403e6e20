/**
 * Contract tests: applying scheduling steps (inserts, revision guards, history, XComs, DAG
 * bookkeeping, all-or-nothing failure).
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  emptyStep,
  type StepResult,
  type TaskInstance,
  transitionRun,
  transitionTask,
} from "../core/mod.ts";
import { RunAlreadyExistsError } from "./store.ts";
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

/** A step result without its version (the version tests check it). */
function withoutVersion(result: StepResult): Omit<StepResult, "version"> {
  const { version: _, ...rest } = result;
  return rest;
}

/** Register the scheduling step tests. */
export function stepTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("a step inserts, updates by revision, records history of written updates", async (store) => {
    const versions = await seedDags(store, "step.ts", [dagDefinition("step")]);
    const run = dagRun("step", versions.step);
    const a = taskInstance(run, "a");
    const b = taskInstance(run, "b");
    const insert = emptyStep();
    insert.runs = [{
      run,
      expectedRevision: null,
      changes: [stateChange({ ...run, taskId: null }, null, "queued", T0)],
    }];
    insert.taskInstances = [a, b].map((instance) => ({
      instance,
      expectedRevision: null,
      changes: [],
    }));
    assert.deepEqual(withoutVersion(await store.applySchedulingStep(insert)), {
      conflicts: 0,
      writtenTaskInstances: [
        { dagId: "step", runId: run.runId, taskId: "a", mapIndex: -1 },
        { dagId: "step", runId: run.runId, taskId: "b", mapIndex: -1 },
      ],
    });
    const started = transitionRun(run, "running", { at: T0 + 1, reason: "started" });
    const scheduled = transitionTask(a, "scheduled", { at: T0 + 1, reason: "deps met" });
    const queued = transitionTask(scheduled.instance, "queued", { at: T0 + 2, reason: "sent" });
    const staleB = transitionTask(b, "scheduled", { at: T0 + 1, reason: "stale plan" });
    const update = emptyStep();
    update.runs = [{ run: started.run, expectedRevision: 1, changes: [started.change] }];
    update.taskInstances = [
      {
        instance: queued.instance,
        expectedRevision: 1,
        changes: [scheduled.change, queued.change],
      },
      { instance: staleB.instance, expectedRevision: 7, changes: [staleB.change] },
      { instance: a, expectedRevision: null, changes: [] },
    ];
    const result = await store.applySchedulingStep(update);
    assert.equal(result.conflicts, 2, "stale revision and existing row are conflicts");
    assert.deepEqual(result.writtenTaskInstances, [{
      dagId: "step",
      runId: run.runId,
      taskId: "a",
      mapIndex: -1,
    }]);
    assert.deepEqual(await store.getDagRun(run), started.run);
    assert.deepEqual(await store.getTaskInstance(a), queued.instance);
    assert.deepEqual(await store.getTaskInstance(b), b, "the conflicting update was skipped");
    const state = (await store.loadRunState(run))!;
    assert.equal(state.run.revision, 2);
    assert.deepEqual(state.taskInstances.map((item) => item.revision), [2, 1]);
    assert.deepEqual(
      (await store.listStateChanges(run)).map((change) => [change.taskId, change.from, change.to]),
      [[null, null, "queued"], [null, "queued", "running"], ["a", null, "scheduled"], [
        "a",
        "scheduled",
        "queued",
      ]],
    );
    assert.deepEqual(await store.listStateChanges({ ...run, taskId: "a" }), [
      scheduled.change,
      queued.change,
    ]);
    assert.deepEqual(await store.listStateChanges({ ...run, taskId: "b" }), []);
    const again = emptyStep();
    again.runs = [{ run: started.run, expectedRevision: 1, changes: [started.change] }];
    assert.equal((await store.applySchedulingStep(again)).conflicts, 1, "revision 1 is stale now");
    assert.equal((await store.listStateChanges(run)).length, 4);
  });

  test("a new run repeating a run id or logical date throws and writes nothing", async (store) => {
    const versions = await seedDags(store, "dup.ts", [dagDefinition("dup")]);
    const run = dagRun("dup", versions.dup);
    const a = taskInstance(run, "a");
    await insertRuns(store, [run], [a]);
    const snapshot = await store.loadSchedulingSnapshot();
    for (
      const duplicate of [
        dagRun("dup", versions.dup, { day: 5, runId: run.runId }),
        dagRun("dup", versions.dup, { runId: "manual__other", runType: "manual" }),
      ]
    ) {
      const step = emptyStep();
      const scheduled = transitionTask(a, "scheduled", { at: T0, reason: "x" });
      const other = dagRun("dup", versions.dup, { day: 9 });
      step.runs = [
        { run: other, expectedRevision: null, changes: [] },
        { run: duplicate, expectedRevision: null, changes: [] },
      ];
      step.taskInstances = [
        { instance: scheduled.instance, expectedRevision: 1, changes: [scheduled.change] },
        { instance: taskInstance(other, "a"), expectedRevision: null, changes: [] },
      ];
      step.xcoms = [{ ...a, key: "k", value: 1, timestamp: T0 }];
      step.dags = [{
        dagId: "dup",
        expectedRevision: snapshot.dags[0].revision,
        nextRun: null,
        lastAutomatedRun: { start: 0, end: 1 },
      }];
      const error = await store.applySchedulingStep(step).then(
        () => assert.fail("the duplicate run was accepted"),
        (error: unknown) => error,
      );
      assert.ok(error instanceof RunAlreadyExistsError, String(error));
      assert.equal(error.dagId, "dup");
      assert.match(error.message, duplicate.runId === run.runId ? /run id/ : /logical date/);
      assert.equal(await store.getDagRun(other), null, "the step's other run was rolled back");
      assert.deepEqual(await store.getTaskInstance(a), a);
      assert.equal((await store.listXComs({})).total, 0);
      assert.equal((await store.listStateChanges(run)).length, 0);
      assert.equal((await store.getDag("dup"))!.dag.lastAutomatedRun, null);
    }
    assert.equal((await store.listDagRuns({})).total, 1);
  });

  test("a step referring to missing rows throws and writes nothing", async (store) => {
    const versions = await seedDags(store, "ref.ts", [dagDefinition("ref")]);
    const run = dagRun("ref", versions.ref);
    await insertRuns(store, [run]);
    const missingRun = dagRun("ref", versions.ref, { day: 3 });
    const cases = [
      { runs: [dagRun("unknown_dag", versions.ref)] },
      { runs: [dagRun("ref", "ffffffffffffffff", { day: 4 })] },
      { instances: [taskInstance(missingRun, "a")] },
      { xcoms: [{ ...taskInstance(run, "zz"), key: "k", value: 1, timestamp: T0 }] },
    ];
    for (const problem of cases) {
      const step = emptyStep();
      step.runs = [
        { run: dagRun("ref", versions.ref, { day: 1 }), expectedRevision: null, changes: [] },
        ...(problem.runs ?? []).map((item) => ({ run: item, expectedRevision: null, changes: [] })),
      ];
      step.taskInstances = (problem.instances ?? []).map((instance) => ({
        instance,
        expectedRevision: null,
        changes: [],
      }));
      step.xcoms = problem.xcoms ?? [];
      await assert.rejects(() => store.applySchedulingStep(step), /is not stored/);
      assert.equal((await store.listDagRuns({})).total, 1, JSON.stringify(problem));
    }
  });

  test("XComs: clearXcoms first, then upserts replacing the same key", async (store) => {
    const versions = await seedDags(store, "x.ts", [dagDefinition("x")]);
    const run = dagRun("x", versions.x);
    const a = taskInstance(run, "a");
    const b = taskInstance(run, "b");
    await insertRuns(store, [run], [a, b]);
    const key = { dagId: "x", runId: run.runId, taskId: "a", mapIndex: -1 };
    const first = emptyStep();
    first.xcoms = [
      { ...key, key: "return_value", value: { v: 1 }, timestamp: T0 },
      { ...key, key: "other", value: "o", timestamp: T0 },
      { ...key, taskId: "b", key: "return_value", value: [1, 2], timestamp: T0 },
    ];
    await store.applySchedulingStep(first);
    const second = emptyStep();
    second.clearXcoms = [key];
    second.xcoms = [{ ...key, key: "return_value", value: "fresh", timestamp: T0 + 1 }];
    await store.applySchedulingStep(second);
    assert.deepEqual((await store.listXComs({ dagId: "x", taskId: "a" })).items, [
      { ...key, key: "return_value", value: "fresh", timestamp: T0 + 1 },
    ]);
    assert.deepEqual((await store.getXCom({ ...key, taskId: "b", key: "return_value" }))!.value, [
      1,
      2,
    ]);
    const third = emptyStep();
    third.xcoms = [{ ...key, key: "return_value", value: null, timestamp: T0 + 2 }];
    await store.applySchedulingStep(third);
    assert.deepEqual(await store.getXCom({ ...key, key: "return_value" }), {
      ...key,
      key: "return_value",
      value: null,
      timestamp: T0 + 2,
    });
    assert.equal(await store.getXCom({ ...key, key: "other" }), null);
  });

  test("DAG bookkeeping is written under the revision rule", async (store) => {
    await seedDags(store, "book.ts", [dagDefinition("book")]);
    const { revision } = (await store.loadSchedulingSnapshot()).dags[0];
    const nextRun = {
      logicalDate: T0 + DAY,
      dataInterval: { start: T0 + DAY, end: T0 + 2 * DAY },
      runAfter: T0 + 2 * DAY,
    };
    const step = emptyStep();
    step.dags = [{
      dagId: "book",
      expectedRevision: revision,
      nextRun,
      lastAutomatedRun: { start: T0, end: T0 + DAY },
    }];
    assert.equal((await store.applySchedulingStep(step)).conflicts, 0);
    const dag = (await store.getDag("book"))!.dag;
    assert.deepEqual(dag.nextRun, nextRun);
    assert.deepEqual(dag.lastAutomatedRun, { start: T0, end: T0 + DAY });
    const stale = emptyStep();
    stale.dags = [{
      dagId: "book",
      expectedRevision: revision,
      nextRun: null,
      lastAutomatedRun: null,
    }];
    stale.dags.push({
      dagId: "missing",
      expectedRevision: 1,
      nextRun: null,
      lastAutomatedRun: null,
    });
    assert.equal((await store.applySchedulingStep(stale)).conflicts, 2);
    assert.deepEqual((await store.getDag("book"))!.dag.nextRun, nextRun);
    const after = (await store.loadSchedulingSnapshot()).dags[0].revision;
    assert.ok(after > revision);
    await store.setDagPaused("book", true, T0);
    assert.ok(
      (await store.loadSchedulingSnapshot()).dags[0].revision > after,
      "pausing is a write",
    );
  });

  test("1000 task instance updates in one step", async (store) => {
    const versions = await seedDags(store, "big.ts", [dagDefinition("big")]);
    const run = dagRun("big", versions.big, { state: "running" });
    const instances: TaskInstance[] = Array.from({ length: 1000 }, (_, mapIndex) => {
      return taskInstance(run, "m", { mapIndex, renderedFields: { index: mapIndex } });
    });
    await insertRuns(store, [run], instances);
    const step = emptyStep();
    step.taskInstances = instances.map((instance) => {
      const { instance: next, change } = transitionTask(instance, "scheduled", {
        at: T0,
        reason: "go",
      });
      return { instance: next, expectedRevision: 1, changes: [change] };
    });
    const result = await store.applySchedulingStep(step);
    assert.equal(result.conflicts, 0);
    assert.equal(result.writtenTaskInstances.length, 1000);
    const page = await store.listTaskInstances({
      states: ["scheduled"],
      limit: 5,
      offset: 995,
      orderBy: "map_index",
    });
    assert.equal(page.total, 1000);
    assert.deepEqual(page.items.map((item) => [item.mapIndex, item.tryNumber]), [
      [995, 1],
      [996, 1],
      [997, 1],
      [998, 1],
      [999, 1],
    ]);
    assert.equal((await store.listStateChanges(run)).length, 1000);
  });

  test("malformed step records are refused before anything is written", async (store) => {
    const versions = await seedDags(store, "bad.ts", [dagDefinition("bad")]);
    const run = dagRun("bad", versions.bad);
    const broken = [
      { ...run, state: "exploded" },
      { ...run, logicalDate: NaN },
      { ...run, conf: { when: new Date() } },
      { ...run, note: "nul \u0000 inside" },
      { ...run, runId: "lone \udc00" },
      { ...run, externalTrigger: "yes" },
    ];
    for (const candidate of broken) {
      const step = emptyStep();
      step.runs = [{ run: candidate as never, expectedRevision: null, changes: [] }];
      await assert.rejects(() => store.applySchedulingStep(step), /runs\[0\]/);
    }
    const step = emptyStep();
    step.runs = [{ run, expectedRevision: null, changes: [] }];
    step.xcoms = [{
      ...taskInstance(run, "a"),
      key: "k",
      value: [1, undefined] as never,
      timestamp: T0,
    }];
    await assert.rejects(() => store.applySchedulingStep(step), /xcoms\[0\]/);
    assert.equal((await store.listDagRuns({})).total, 0);
  });
}
