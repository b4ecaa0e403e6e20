import { deepStrictEqual as assertEquals, rejects as assertRejects } from "node:assert/strict";
import { RunAlreadyExistsError } from "../store/mod.ts";
import { ActionError } from "./action_error.ts";
import { clearTaskInstances } from "./clear_task_instances.ts";
import { markDagRun, markTaskInstances } from "./mark_state.ts";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, ScriptedExecutor, taskDefinition } from "./_testing.ts";

const NOW = "2024-03-10T12:00:00Z";

async function finishedRun(h: SchedulerHarness, dagId: string, outcomes = {}) {
  const run = await triggerDagRun(h.store, { dagId }, h.clock.now());
  await h.runAll(outcomes);
  return run;
}

Deno.test("trigger: manual run id, data interval and conf; duplicates are refused", async () => {
  const h = new SchedulerHarness({ now: "2024-03-10T12:34:56.789Z" });
  await h.addDags(dagDefinition("manual", [taskDefinition("t")]));
  const run = await triggerDagRun(h.store, { dagId: "manual", conf: { x: 1 } }, h.clock.now());
  assertEquals(run.runId, "manual__2024-03-10T12:34:56.789000+00:00");
  assertEquals([run.state, run.runType, run.externalTrigger], ["queued", "manual", true]);
  assertEquals(run.dataInterval, { start: run.logicalDate, end: run.logicalDate });
  assertEquals(run.conf, { x: 1 });
  await assertRejects(
    () => triggerDagRun(h.store, { dagId: "manual" }, h.clock.now()),
    RunAlreadyExistsError,
  );
  await assertRejects(
    () =>
      triggerDagRun(h.store, { dagId: "manual", runId: "other", logicalDate: run.logicalDate }, 0),
    RunAlreadyExistsError,
  );
  await assertRejects(
    () => triggerDagRun(h.store, { dagId: "manual", runId: "scheduled__x" }, 0),
    (error: unknown) => error instanceof ActionError && error.kind === "invalid",
  );
  await assertRejects(
    () => triggerDagRun(h.store, { dagId: "missing" }, 0),
    (error: unknown) => error instanceof ActionError && error.kind === "not_found",
  );
});

Deno.test("clear: a failed task runs again with a fresh retry budget; the run is queued again", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(
    dagDefinition("clear", [
      taskDefinition("a"),
      taskDefinition("b", { upstream: ["a"], retries: 1 }),
    ]),
  );
  const run = await finishedRun(h, "clear", { b: { status: "failed", error: "x", noRetry: true } });
  assertEquals((await h.store.getDagRun(run))?.state, "failed");
  const dry = await clearTaskInstances(h.store, {
    dagId: "clear",
    runIds: [run.runId],
    onlyFailed: true,
    dryRun: true,
  }, h.clock.now());
  assertEquals(dry.map((ti) => ti.taskId), ["b"]);
  assertEquals((await h.instance("clear", run.runId, "b")).state, "failed");
  const cleared = await clearTaskInstances(h.store, {
    dagId: "clear",
    runIds: [run.runId],
    onlyFailed: true,
  }, h.clock.now());
  assertEquals(cleared.map((ti) => ti.taskId), ["b"]);
  const b = await h.instance("clear", run.runId, "b");
  assertEquals([b.state, b.tryNumber, b.maxTries], [null, 1, 2]);
  const queued = await h.store.getDagRun(run);
  assertEquals([queued?.state, queued?.clearNumber], ["queued", 1]);
  await h.runAll();
  assertEquals((await h.store.getDagRun(run))?.state, "success");
  assertEquals((await h.instance("clear", run.runId, "b")).tryNumber, 2);
  assertEquals((await h.instance("clear", run.runId, "a")).tryNumber, 1);
});

Deno.test("clear (REST defaults): reset_dag_runs false leaves a failed run failed", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("noreset", [taskDefinition("t")]));
  const run = await finishedRun(h, "noreset", {
    t: { status: "failed", error: "x", noRetry: false },
  });
  await clearTaskInstances(
    h.store,
    { dagId: "noreset", runIds: [run.runId], resetDagRuns: false },
    h.clock.now(),
  );
  assertEquals((await h.store.getDagRun(run))?.state, "failed");
  assertEquals((await h.instance("noreset", run.runId, "t")).state, null);
});

Deno.test("clear with downstream clears the tasks after the selected one", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("down", [
    taskDefinition("a"),
    taskDefinition("b", { upstream: ["a"] }),
    taskDefinition("c", { upstream: ["b"] }),
  ]));
  const run = await finishedRun(h, "down");
  const cleared = await clearTaskInstances(h.store, {
    dagId: "down",
    runIds: [run.runId],
    taskIds: ["b"],
    includeDownstream: true,
  }, h.clock.now());
  assertEquals(cleared.map((ti) => ti.taskId).sort(), ["b", "c"]);
  assertEquals(await h.states("down", run.runId), { a: "success", b: "none", c: "none" });
});

Deno.test("clear while running: the try is stopped and the task runs again", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("restart", [taskDefinition("t")]));
  const run = await triggerDagRun(h.store, { dagId: "restart" }, h.clock.now());
  await h.settle();
  h.executor.start(h.executor.open[0], h.clock.now());
  await h.settle();
  await clearTaskInstances(h.store, { dagId: "restart", runIds: [run.runId] }, h.clock.now());
  assertEquals((await h.instance("restart", run.runId, "t")).state, "restarting");
  await h.settle();
  assertEquals(h.executor.cancelled.map((c) => c.tryNumber), [1]);
  h.executor.finish("t", { status: "failed", error: "cancelled", noRetry: false }, {
    at: h.clock.now(),
  });
  await h.settle();
  assertEquals((await h.instance("restart", run.runId, "t")).tryNumber, 2);
  await h.runAll();
  assertEquals((await h.store.getDagRun(run))?.state, "success");
});

Deno.test("fact 131: marking success clears failed downstream tasks and requeues the run", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("mark", [
    taskDefinition("t1"),
    ...["t2", "t3", "t4", "t5"].map((id) => taskDefinition(id, { upstream: ["t1"] })),
  ]));
  const run = await triggerDagRun(h.store, { dagId: "mark" }, h.clock.now());
  await h.runAll({ t1: { status: "failed", error: "x", noRetry: false } });
  assertEquals((await h.store.getDagRun(run))?.state, "failed");
  const marked = await markTaskInstances(h.store, {
    dagId: "mark",
    runIds: [run.runId],
    taskIds: ["t1"],
    state: "success",
  }, h.clock.now());
  assertEquals(marked.map((ti) => ti.taskId), ["t1"]);
  assertEquals(await h.states("mark", run.runId), {
    t1: "success",
    t2: "none",
    t3: "none",
    t4: "none",
    t5: "none",
  });
  assertEquals((await h.store.getDagRun(run))?.state, "queued");
  await h.runAll();
  assertEquals((await h.store.getDagRun(run))?.state, "success");
});

Deno.test("fact 132: marking a run failed fails executing tasks and skips the rest", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(
    dagDefinition("markrun", [taskDefinition("a"), taskDefinition("b", { upstream: ["a"] })]),
  );
  const run = await triggerDagRun(h.store, { dagId: "markrun" }, h.clock.now());
  await h.settle();
  h.executor.start(h.executor.open[0], h.clock.now());
  await h.settle();
  const marked = await markDagRun(h.store, { ...run, state: "failed" }, h.clock.now());
  assertEquals(marked.state, "failed");
  assertEquals(await h.states("markrun", run.runId), { a: "failed", b: "skipped" });
  await h.settle();
  assertEquals(h.executor.cancelled.map((c) => c.key.taskId), ["a"]);
  const success = await markDagRun(h.store, { ...run, state: "success" }, h.clock.now());
  assertEquals(success.state, "success");
  assertEquals(await h.states("markrun", run.runId), { a: "success", b: "success" });
});

Deno.test("lost tries: after a crash, running tries fail (or retry) and queued ones run again", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("crash", [
    taskDefinition("running_retry", { retries: 1, retryDelayMs: 0 }),
    taskDefinition("running_final"),
    taskDefinition("queued_only"),
  ]));
  const run = await triggerDagRun(h.store, { dagId: "crash" }, h.clock.now());
  await h.settle();
  for (const job of h.executor.open.filter((job) => job.key.taskId.startsWith("running"))) {
    h.executor.start(job, h.clock.now());
  }
  await h.settle();
  // A new process with a new executor takes over the same store.
  const restarted = new SchedulerHarness({
    now: h.clock.now(),
    store: h.store,
    executor: new ScriptedExecutor("after-restart"),
  });
  await restarted.settle();
  const states = await restarted.states("crash", run.runId);
  assertEquals(states.running_final, "failed");
  assertEquals(states.queued_only, "queued");
  assertEquals(["up_for_retry", "queued"].includes(states.running_retry), true);
  await restarted.runAll();
  assertEquals(await restarted.states("crash", run.runId), {
    running_retry: "success",
    running_final: "failed",
    queued_only: "success",
  });
  assertEquals((await restarted.instance("crash", run.runId, "queued_only")).tryNumber, 1);
  const history = await restarted.store.listStateChanges({
    dagId: "crash",
    runId: run.runId,
    taskId: "running_final",
  });
  assertEquals(history.at(-1)?.reason.includes("lost"), true);
});
