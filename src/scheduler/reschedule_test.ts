import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { JsonObject, SensorSettings } from "../core/mod.ts";
import { clearTaskInstances } from "./clear_task_instances.ts";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";

const NOW = "2024-03-10T12:00:00Z";
const T0 = Date.parse(NOW);

function sensorFields(overrides: Partial<SensorSettings> = {}): JsonObject {
  const settings: SensorSettings = {
    mode: "reschedule",
    pokeIntervalMs: 60_000,
    timeoutMs: 3_600_000,
    softFail: false,
    neverFail: false,
    silentFail: false,
    exponentialBackoff: false,
    maxWaitMs: null,
    reschedulesBetweenPokes: false,
    ...overrides,
  };
  return { sensor: { ...settings } };
}

const reschedule = (at: number) => ({ status: "reschedule" as const, at });

async function sensorWorld(
  options: {
    sensor?: Partial<SensorSettings>;
    retries?: number;
    downstream?: boolean;
    /** The sensor and the other task share a one-slot pool. */
    sharedPool?: boolean;
  } = {},
) {
  const h = new SchedulerHarness({ now: NOW });
  await h.store.migrate();
  await h.store.setPool({ name: "one", slots: 1, description: null, includeDeferred: false });
  await h.addDags(dagDefinition("sense", [
    taskDefinition("wait", {
      operator: "sensor",
      pool: options.sharedPool ? "one" : "default_pool",
      priorityWeight: 10,
      retries: options.retries ?? 0,
      retryDelayMs: 0,
      fields: sensorFields(options.sensor),
    }),
    taskDefinition("other", { pool: "one" }),
    ...(options.downstream ? [taskDefinition("after", { upstream: ["wait"] })] : []),
  ]));
  const run = await triggerDagRun(h.store, { dagId: "sense" }, h.clock.now());
  await h.settle();
  return { h, runId: run.runId };
}

function openJob(h: SchedulerHarness, taskId: string) {
  const job = h.executor.open.find((open) => open.key.taskId === taskId);
  assert(job, `no open try of ${taskId}`);
  return job;
}

Deno.test("fact 95: a reschedule frees the pool slot, waits for its date and keeps the try", async () => {
  const { h, runId } = await sensorWorld({ sharedPool: true });
  assertEquals(await h.states("sense", runId), { wait: "queued", other: "scheduled" });
  const first = openJob(h, "wait");
  assertEquals(first.context.sensor, { startedAt: null });
  h.executor.start(first, T0);
  h.clock.advance(5_000);
  h.executor.finish("wait", reschedule(T0 + 65_000), { at: h.clock.now() });
  await h.settle();

  // The sensor waits without its slot: the other task of the one-slot pool takes it.
  const waiting = await h.instance("sense", runId, "wait");
  assertEquals([waiting.state, waiting.tryNumber], ["up_for_reschedule", 1]);
  assertEquals(waiting.nextAttemptAt, T0 + 65_000);
  assertEquals(waiting.startDate, T0);
  assertEquals(waiting.duration, 5);
  assertEquals((await h.instance("sense", runId, "other")).state, "queued");

  // Not before the reschedule date, even with the slot free again.
  h.executor.finish("other", "success", { at: h.clock.now() });
  h.clock.advance(59_000);
  await h.settle();
  assertEquals((await h.instance("sense", runId, "wait")).state, "up_for_reschedule");
  assertEquals(h.executor.open.length, 0);

  h.clock.advance(1_000);
  await h.settle();
  const second = openJob(h, "wait");
  assertEquals(second.tryNumber, 1, "a reschedule does not use up a try");
  assertEquals(second.context.sensor, { startedAt: T0 }, "the timeout counts from the first poke");
  h.clock.advance(2_000);
  h.executor.finish("wait", reschedule(h.clock.now() + 60_000), { at: h.clock.now() });
  await h.settle();
  h.clock.advance(60_000);
  await h.settle();
  assertEquals(openJob(h, "wait").context.sensor, { startedAt: T0 });
  h.clock.advance(3_000);
  h.executor.finish("wait", "success", { at: h.clock.now() });
  await h.settle();

  const done = await h.instance("sense", runId, "wait");
  assertEquals([done.state, done.tryNumber, done.startDate], ["success", 1, T0]);
  assertEquals(done.duration, (h.clock.now() - T0) / 1000, "the duration spans every poke");
  const changes = await h.store.listStateChanges({ dagId: "sense", runId, taskId: "wait" });
  assertEquals(changes.filter((change) => change.to === "up_for_reschedule").length, 2);
  assertEquals((await h.store.getDagRun({ dagId: "sense", runId }))?.state, "success");
});

Deno.test("fact 96: after a retry the timeout still counts from the first poke of the first try", async () => {
  const { h, runId } = await sensorWorld({ retries: 2 });
  h.executor.start(openJob(h, "wait"), T0);
  h.clock.advance(1_000);
  h.executor.finish("wait", reschedule(h.clock.now()), { at: h.clock.now() });
  await h.settle();
  h.clock.advance(1_000);
  h.executor.finish("wait", { status: "failed", error: "flaky", noRetry: false }, {
    at: h.clock.now(),
  });
  await h.settle();
  const second = openJob(h, "wait");
  assertEquals(second.tryNumber, 2);
  assertEquals(second.context.sensor, { startedAt: T0 });

  // A clear starts the count afresh.
  h.executor.finish("wait", "success", { at: h.clock.now() });
  h.executor.finish("other", "success", { at: h.clock.now() });
  await h.settle();
  h.clock.advance(10_000);
  await clearTaskInstances(h.store, {
    dagId: "sense",
    runIds: [runId],
    taskIds: ["wait"],
    resetDagRuns: true,
  }, h.clock.now());
  await h.settle();
  const cleared = openJob(h, "wait");
  assertEquals([cleared.tryNumber, cleared.context.sensor], [3, { startedAt: null }]);
});

Deno.test("a sensor rescheduling in poke mode counts its timeout from the try's first poke", async () => {
  const { h } = await sensorWorld({
    retries: 1,
    sensor: { mode: "poke", reschedulesBetweenPokes: true },
  });
  h.executor.start(openJob(h, "wait"), T0);
  h.executor.finish("wait", reschedule(T0 + 1_000), { at: T0 + 500 });
  await h.settle();
  h.clock.advance(1_000);
  await h.settle();
  assertEquals(openJob(h, "wait").context.sensor, { startedAt: T0 });
  h.clock.advance(1_000);
  h.executor.finish("wait", { status: "failed", error: "flaky", noRetry: false }, {
    at: h.clock.now(),
  });
  await h.settle();
  assertEquals(openJob(h, "wait").context.sensor, { startedAt: null }, "a new try, a new start");
});

Deno.test("fact 113: XComs of a poke are cleared when the next poke is queued", async () => {
  const { h, runId } = await sensorWorld();
  h.executor.finish("wait", reschedule(T0 + 1_000), {
    at: T0,
    xcoms: [{ key: "seen", value: 1 }],
  });
  await h.settle();
  const xcoms = async () =>
    (await h.store.listXComs({ dagId: "sense", runId, taskId: "wait" })).items.map((x) => x.key);
  assertEquals(await xcoms(), ["seen"]);
  h.clock.advance(1_000);
  await h.settle();
  assertEquals((await h.instance("sense", runId, "wait")).state, "queued");
  assertEquals(await xcoms(), []);
});

Deno.test("softFail: a sensor that timed out is skipped and its downstream with it", async () => {
  const { h, runId } = await sensorWorld({ sensor: { softFail: true }, downstream: true });
  h.executor.finish("wait", { status: "skipped", reason: "Sensor has timed out" }, { at: T0 });
  h.executor.finish("other", "success", { at: T0 });
  await h.settle();
  assertEquals(await h.states("sense", runId), {
    wait: "skipped",
    other: "success",
    after: "skipped",
  });
  assertEquals((await h.instance("sense", runId, "wait")).tryNumber, 1);
});
