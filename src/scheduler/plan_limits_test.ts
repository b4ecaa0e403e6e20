import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createBackfillRuns } from "./backfill.ts";
import { markTaskInstances } from "./mark_state.ts";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";

const NOW = "2024-03-10T12:00:00Z";

function parallelTasks(count: number, overrides = {}) {
  return Array.from({ length: count }, (_, i) => taskDefinition(`t${i}`, overrides));
}

Deno.test("fact 60: maxActiveRuns keeps further runs queued", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("mar", [taskDefinition("t")], { maxActiveRuns: 1 }));
  const first = await triggerDagRun(
    h.store,
    { dagId: "mar", runId: "first", logicalDate: 1 },
    h.clock.now(),
  );
  const second = await triggerDagRun(
    h.store,
    { dagId: "mar", runId: "second", logicalDate: 2 },
    h.clock.now(),
  );
  await h.settle();
  assertEquals((await h.store.getDagRun(first))?.state, "running");
  assertEquals((await h.store.getDagRun(second))?.state, "queued");
  await h.runAll();
  assertEquals((await h.store.getDagRun(second))?.state, "success");
});

Deno.test("fact 104: maxActiveTasks limits executing instances across the DAG", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("mat", parallelTasks(5), { maxActiveTasks: 2 }));
  await triggerDagRun(h.store, { dagId: "mat" }, h.clock.now());
  await h.settle();
  assertEquals(h.executor.open.length, 2);
  h.executor.finish(h.executor.open[0].key.taskId, "success", { at: h.clock.now() });
  await h.settle();
  assertEquals(h.executor.open.length, 2);
  assertEquals(h.executor.dispatched.length, 3);
});

Deno.test("fact 106: parallelism caps executing instances overall", async () => {
  const h = new SchedulerHarness({
    now: NOW,
    loop: { limits: { parallelism: 3, maxActiveRunsPerDag: 16, maxActiveTasksPerDag: 16 } },
  });
  await h.addDags(dagDefinition("p1", parallelTasks(4)), dagDefinition("p2", parallelTasks(4)));
  await triggerDagRun(h.store, { dagId: "p1" }, h.clock.now());
  await triggerDagRun(h.store, { dagId: "p2" }, h.clock.now());
  await h.settle();
  assertEquals(h.executor.open.length, 3);
  await h.runAll();
  assertEquals(h.executor.dispatched.length, 8);
});

Deno.test("fact 107: pool slots limit what runs; an unknown pool never runs", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.store.migrate();
  await h.store.setPool({ name: "small", slots: 2, description: null, includeDeferred: false });
  await h.addDags(dagDefinition("pools", [
    ...parallelTasks(3, { pool: "small" }),
    taskDefinition("big", { pool: "small", poolSlots: 3 }),
    taskDefinition("nowhere", { pool: "missing" }),
  ]));
  const run = await triggerDagRun(h.store, { dagId: "pools" }, h.clock.now());
  await h.settle();
  assertEquals(h.executor.open.length, 2);
  await h.runAll();
  const states = await h.states("pools", run.runId);
  assertEquals([states.t0, states.t1, states.t2], ["success", "success", "success"]);
  assertEquals([states.big, states.nowhere], ["scheduled", "scheduled"]);
  assertEquals((await h.store.getDagRun(run))?.state, "running");
});

Deno.test("facts 108–109: higher effective priority is queued first", async () => {
  const h = new SchedulerHarness({
    now: NOW,
    loop: { limits: { parallelism: 1, maxActiveRunsPerDag: 16, maxActiveTasksPerDag: 16 } },
  });
  await h.addDags(dagDefinition("prio", [
    taskDefinition("low", { priorityWeight: 1, weightRule: "absolute" }),
    taskDefinition("high", { priorityWeight: 10, weightRule: "absolute" }),
    taskDefinition("chain_head"),
    taskDefinition("chain_1", { upstream: ["chain_head"] }),
    taskDefinition("chain_2", { upstream: ["chain_1"] }),
  ]));
  await triggerDagRun(h.store, { dagId: "prio" }, h.clock.now());
  await h.runAll();
  // high (10), chain_head (downstream rule: 1+2=3), low (1); the chain follows as it unlocks.
  assertEquals(h.executor.dispatched.slice(0, 3).map((job) => job.key.taskId), [
    "high",
    "chain_head",
    "chain_1",
  ]);
});

Deno.test("fact 101: dependsOnPast waits for the same task in the previous run", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("past", [taskDefinition("t", { dependsOnPast: true })]));
  const first = await triggerDagRun(
    h.store,
    { dagId: "past", runId: "first", logicalDate: 1000 },
    h.clock.now(),
  );
  const second = await triggerDagRun(
    h.store,
    { dagId: "past", runId: "second", logicalDate: 2000 },
    h.clock.now(),
  );
  await h.settle();
  assertEquals(h.executor.open.map((job) => job.key.runId), ["first"]);
  assertEquals((await h.instance("past", second.runId, "t")).state, null);
  h.executor.finish("t", { status: "failed", error: "no", noRetry: false }, {
    at: h.clock.now(),
    runId: first.runId,
  });
  await h.settle();
  // The previous try failed: the next run's task keeps waiting, and that is no deadlock.
  assertEquals(h.executor.open.length, 0);
  assertEquals((await h.instance("past", second.runId, "t")).state, null);
  assertEquals((await h.store.getDagRun(second))?.state, "running");
  await markTaskInstances(h.store, {
    dagId: "past",
    runIds: [first.runId],
    taskIds: ["t"],
    state: "success",
  }, h.clock.now());
  await h.runAll();
  assertEquals((await h.store.getDagRun(second))?.state, "success");
});

Deno.test("fact 21: a run past its dagrunTimeout fails and its unfinished tasks are skipped", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("timeout", [
    taskDefinition("slow"),
    taskDefinition("after", { upstream: ["slow"] }),
  ], { dagrunTimeoutMs: 60_000 }));
  const run = await triggerDagRun(h.store, { dagId: "timeout" }, h.clock.now());
  await h.settle();
  h.executor.start(h.executor.open[0], h.clock.now());
  await h.settle();
  h.clock.advance(61_000);
  await h.settle();
  assertEquals((await h.store.getDagRun(run))?.state, "failed");
  assertEquals(await h.states("timeout", run.runId), { slow: "skipped", after: "skipped" });
  assertEquals(h.executor.cancelled.map((c) => c.key.taskId), ["slow"]);
});

Deno.test("fact 166: a backfill ignores pausing and waits while maxActiveRuns run", async () => {
  const h = new SchedulerHarness({
    now: "2024-01-10T00:00:00Z",
    loop: { owns: (run) => run.runType === "backfill", createAutomatedRuns: false },
  });
  await h.addDags(dagDefinition("bf", [taskDefinition("t")], {
    schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
    scheduleText: "@daily",
    startDate: Date.parse("2024-01-01T00:00:00Z"),
    maxActiveRuns: 2,
  }));
  await h.store.setDagPaused("bf", true, h.clock.now());
  const plan = await createBackfillRuns(h.store, {
    dagId: "bf",
    start: Date.parse("2024-01-01T00:00:00Z"),
    end: Date.parse("2024-01-04T00:00:00Z"),
  }, h.clock.now());
  assertEquals(plan.runs.map((run) => run.runId), [
    "backfill__2024-01-01T00:00:00+00:00",
    "backfill__2024-01-02T00:00:00+00:00",
    "backfill__2024-01-03T00:00:00+00:00",
    "backfill__2024-01-04T00:00:00+00:00",
  ]);
  await h.settle();
  const states = async () =>
    (await h.store.listDagRuns({ dagIds: ["bf"], orderBy: "execution_date" })).items.map((run) =>
      run.state
    );
  assertEquals(await states(), ["running", "running", "queued", "queued"]);
  await h.runAll();
  assertEquals(await states(), ["success", "success", "success", "success"]);
});
