import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";

const NOW = "2024-03-10T12:00:00Z";

async function manualRun(h: SchedulerHarness, dagId: string) {
  const run = await triggerDagRun(h.store, { dagId }, h.clock.now());
  return run.runId;
}

Deno.test("a linear chain runs in order and the run succeeds", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("chain", [
    taskDefinition("a"),
    taskDefinition("b", { upstream: ["a"] }),
    taskDefinition("c", { upstream: ["b"] }),
  ]));
  const runId = await manualRun(h, "chain");
  await h.settle();
  assertEquals(h.executor.open.map((job) => job.key.taskId), ["a"]);
  assertEquals(await h.states("chain", runId), { a: "queued", b: "none", c: "none" });
  await h.runAll();
  assertEquals(h.executor.dispatched.map((job) => job.key.taskId), ["a", "b", "c"]);
  assertEquals(await h.states("chain", runId), { a: "success", b: "success", c: "success" });
  const run = await h.store.getDagRun({ dagId: "chain", runId });
  assertEquals(run?.state, "success");
  assertEquals((await h.instance("chain", runId, "c")).tryNumber, 1);
});

Deno.test("fact 16: the outcome depends only on the leaves", async () => {
  // B→A, D→C→A; B fails, A (all_done), C, D succeed → run success.
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("leaves", [
    taskDefinition("B"),
    taskDefinition("D"),
    taskDefinition("C", { upstream: ["D"] }),
    taskDefinition("A", { upstream: ["B", "C"], triggerRule: "all_done" }),
  ]));
  const runId = await manualRun(h, "leaves");
  await h.runAll({ B: { status: "failed", error: "boom", noRetry: false } });
  assertEquals(await h.states("leaves", runId), {
    A: "success",
    B: "failed",
    C: "success",
    D: "success",
  });
  assertEquals((await h.store.getDagRun({ dagId: "leaves", runId }))?.state, "success");
});

Deno.test("fact 18: a failed leaf fails the run only once nothing is unfinished", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("late", [
    taskDefinition("a"),
    taskDefinition("b", { upstream: ["a"] }),
    taskDefinition("c"),
  ]));
  const runId = await manualRun(h, "late");
  await h.settle();
  h.executor.finish("a", { status: "failed", error: "boom", noRetry: false }, {
    at: h.clock.now(),
  });
  await h.settle();
  assertEquals(await h.states("late", runId), { a: "failed", b: "upstream_failed", c: "queued" });
  assertEquals((await h.store.getDagRun({ dagId: "late", runId }))?.state, "running");
  h.executor.finish("c", "success", { at: h.clock.now() });
  await h.settle();
  assertEquals((await h.store.getDagRun({ dagId: "late", runId }))?.state, "failed");
});

Deno.test("retries: up_for_retry waits its delay, then a new try runs", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(
    dagDefinition("retry", [taskDefinition("flaky", { retries: 2, retryDelayMs: 60_000 })]),
  );
  const runId = await manualRun(h, "retry");
  await h.settle();
  h.executor.finish("flaky", { status: "failed", error: "first", noRetry: false }, {
    at: h.clock.now(),
  });
  await h.settle();
  const waiting = await h.instance("retry", runId, "flaky");
  assertEquals(waiting.state, "up_for_retry");
  assertEquals(waiting.tryNumber, 1);
  assertEquals(waiting.nextAttemptAt, h.clock.now() + 60_000);
  h.clock.advance(59_000);
  await h.settle();
  assertEquals((await h.instance("retry", runId, "flaky")).state, "up_for_retry");
  h.clock.advance(1_000);
  await h.settle();
  const second = await h.instance("retry", runId, "flaky");
  assertEquals([second.state, second.tryNumber], ["queued", 2]);
  h.executor.finish("flaky", "success", { at: h.clock.now() });
  await h.settle();
  assertEquals((await h.instance("retry", runId, "flaky")).state, "success");
  assertEquals((await h.store.getDagRun({ dagId: "retry", runId }))?.state, "success");
});

Deno.test("retries run out: the try fails and the failure callback is asked for", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("out", [
    taskDefinition("t", {
      retries: 1,
      retryDelayMs: 0,
      callbacks: { onFailure: true, onSuccess: false, onRetry: true },
    }),
  ]));
  const runId = await manualRun(h, "out");
  await h.runAll({ t: { status: "failed", error: "always", noRetry: false } });
  const instance = await h.instance("out", runId, "t");
  assertEquals([instance.state, instance.tryNumber], ["failed", 2]);
  assertEquals(h.executor.callbacks.map((c) => [c.kind, c.job.tryNumber]), [["onRetry", 1], [
    "onFailure",
    2,
  ]]);
});

Deno.test("fact 74: a no-retry failure fails at once despite retries left", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("noretry", [taskDefinition("t", { retries: 3 })]));
  const runId = await manualRun(h, "noretry");
  await h.runAll({ t: { status: "failed", error: "stop", noRetry: true } });
  assertEquals((await h.instance("noretry", runId, "t")).state, "failed");
});

Deno.test("fact 7: an empty task succeeds without being dispatched", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("empty", [
    taskDefinition("start", { kind: "empty", operator: "empty" }),
    taskDefinition("work", { upstream: ["start"] }),
  ]));
  const runId = await manualRun(h, "empty");
  await h.runAll();
  assertEquals(h.executor.dispatched.map((job) => job.key.taskId), ["work"]);
  const start = await h.instance("empty", runId, "start");
  assertEquals([start.state, start.tryNumber, start.duration], ["success", 1, 0]);
});

Deno.test("BR-1: the branch skips what it did not follow; joins follow their rules", async () => {
  for (
    const [joinRule, joinState] of [["all_success", "skipped"], [
      "none_failed_min_one_success",
      "success",
    ]]
  ) {
    const h = new SchedulerHarness({ now: NOW });
    await h.addDags(dagDefinition("branch", [
      taskDefinition("run_this_first"),
      taskDefinition("branching", { upstream: ["run_this_first"], branch: true }),
      taskDefinition("branch_a", { upstream: ["branching"] }),
      taskDefinition("follow_branch_a", { upstream: ["branch_a"] }),
      taskDefinition("branch_false", { upstream: ["branching"] }),
      taskDefinition("join", {
        upstream: ["follow_branch_a", "branch_false"],
        triggerRule: joinRule as "all_success",
      }),
    ]));
    const runId = await manualRun(h, "branch");
    await h.settle();
    h.executor.finish("run_this_first", "success", { at: h.clock.now() });
    await h.settle();
    h.executor.finish("branching", "success", { at: h.clock.now(), followed: ["branch_a"] });
    await h.runAll();
    const states = await h.states("branch", runId);
    assertEquals(states.branch_false, "skipped");
    assertEquals(states.follow_branch_a, "success");
    assertEquals(states.join, joinState, `join with ${joinRule}`);
    assertEquals((await h.store.getDagRun({ dagId: "branch", runId }))?.state, "success");
    const decision = await h.store.getXCom({
      dagId: "branch",
      runId,
      taskId: "branching",
      mapIndex: -1,
      key: "skipmixin_key",
    });
    assertEquals(decision?.value, { followed: ["branch_a"] });
  }
});

Deno.test("fact 90: a falsy short-circuit skips everything downstream, all_done included", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("sc", [
    taskDefinition("sc", { shortCircuit: { ignoreDownstreamTriggerRules: true } }),
    taskDefinition("op1", { upstream: ["sc"] }),
    taskDefinition("op2", { upstream: ["op1"], triggerRule: "all_done" }),
  ]));
  const runId = await manualRun(h, "sc");
  await h.settle();
  h.executor.finish("sc", "success", { at: h.clock.now(), proceed: false });
  await h.runAll();
  assertEquals(await h.states("sc", runId), { sc: "success", op1: "skipped", op2: "skipped" });
  assertEquals((await h.store.getDagRun({ dagId: "sc", runId }))?.state, "success");
});

Deno.test("fact 91: without ignoring trigger rules, only direct children are skipped", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("sc2", [
    taskDefinition("sc", { shortCircuit: { ignoreDownstreamTriggerRules: false } }),
    taskDefinition("op1", { upstream: ["sc"] }),
    taskDefinition("op2", { upstream: ["op1"], triggerRule: "all_done" }),
  ]));
  const runId = await manualRun(h, "sc2");
  await h.settle();
  h.executor.finish("sc", "success", { at: h.clock.now(), proceed: false });
  await h.runAll();
  assertEquals(await h.states("sc2", runId), { sc: "success", op1: "skipped", op2: "success" });
});

Deno.test("fact 20: an unknown trigger rule deadlocks the run, which fails", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("dead", [
    taskDefinition("a"),
    taskDefinition("b", { upstream: ["a"], triggerRule: "not_a_rule" as "all_success" }),
  ]));
  const runId = await manualRun(h, "dead");
  await h.runAll();
  const run = await h.store.getDagRun({ dagId: "dead", runId });
  assertEquals(run?.state, "failed");
  const history = await h.store.listStateChanges({ dagId: "dead", runId });
  assert(history.some((change) => change.taskId === null && change.reason.includes("deadlock")));
});

Deno.test("every state change is recorded with a reason", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(dagDefinition("history", [taskDefinition("t")]));
  const runId = await manualRun(h, "history");
  await h.runAll();
  const changes = await h.store.listStateChanges({ dagId: "history", runId });
  const task = changes.filter((c) => c.taskId === "t").map((c) => `${c.from ?? "none"}>${c.to}`);
  assertEquals(task, ["none>scheduled", "scheduled>queued", "queued>running", "running>success"]);
  const run = changes.filter((c) => c.taskId === null).map((c) => `${c.from ?? "none"}>${c.to}`);
  assertEquals(run, ["none>queued", "queued>running", "running>success"]);
  assert(changes.every((c) => c.reason.length > 0));
});
