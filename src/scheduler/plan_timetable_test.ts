import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { formatIso } from "../core/mod.ts";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";

const DAY = 86_400_000;
const JAN_1 = Date.parse("2024-01-01T00:00:00Z");

function daily(dagId: string, catchup: boolean, overrides = {}) {
  return dagDefinition(dagId, [taskDefinition("t")], {
    schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
    scheduleText: "@daily",
    startDate: JAN_1,
    catchup,
    ...overrides,
  });
}

async function runsOf(h: SchedulerHarness, dagId: string) {
  const page = await h.store.listDagRuns({
    dagIds: [dagId],
    orderBy: "execution_date",
    limit: 100,
  });
  return page.items;
}

Deno.test("EX-1: catchup creates one run per missed day, one per step", async () => {
  const h = new SchedulerHarness({ now: "2024-01-05T10:00:00Z" });
  await h.addDags(daily("ex1", true));
  await h.loop.step();
  assertEquals((await runsOf(h, "ex1")).length, 1);
  await h.settle();
  const runs = await runsOf(h, "ex1");
  assertEquals(runs.map((run) => run.runId), [
    "scheduled__2024-01-01T00:00:00+00:00",
    "scheduled__2024-01-02T00:00:00+00:00",
    "scheduled__2024-01-03T00:00:00+00:00",
    "scheduled__2024-01-04T00:00:00+00:00",
  ]);
  const third = runs[2];
  assertEquals(
    [formatIso(third.dataInterval.start), formatIso(third.dataInterval.end)],
    ["2024-01-03T00:00:00+00:00", "2024-01-04T00:00:00+00:00"],
  );
  const dag = await h.store.getDag("ex1");
  assertEquals(dag?.dag.nextRun?.logicalDate, Date.parse("2024-01-05T00:00:00Z"));
  assertEquals(dag?.dag.nextRun?.runAfter, Date.parse("2024-01-06T00:00:00Z"));
  // The next day's run appears when its interval ends, not before.
  h.clock.set("2024-01-05T23:59:59Z");
  await h.settle();
  assertEquals((await runsOf(h, "ex1")).length, 4);
  h.clock.set("2024-01-06T00:00:00Z");
  await h.settle();
  assertEquals((await runsOf(h, "ex1")).length, 5);
});

Deno.test("EX-2: without catchup only the latest complete interval runs", async () => {
  const h = new SchedulerHarness({ now: "2024-01-05T10:00:00Z" });
  await h.addDags(daily("ex2", false));
  await h.settle();
  const runs = await runsOf(h, "ex2");
  assertEquals(runs.map((run) => [run.runId, run.runType, run.state]), [
    ["scheduled__2024-01-04T00:00:00+00:00", "scheduled", "running"],
  ]);
  assertEquals(runs[0].dataInterval, { start: JAN_1 + 3 * DAY, end: JAN_1 + 4 * DAY });
});

Deno.test("EX-3: an unaligned start date waits for the first whole interval", async () => {
  const h = new SchedulerHarness({ now: "2024-01-02T12:00:00Z" });
  await h.addDags(daily("ex3", true, { startDate: Date.parse("2024-01-01T15:00:00Z") }));
  await h.settle();
  assertEquals((await runsOf(h, "ex3")).length, 0);
  const dag = await h.store.getDag("ex3");
  assertEquals(dag?.dag.nextRun?.logicalDate, Date.parse("2024-01-02T00:00:00Z"));
  h.clock.set("2024-01-03T00:00:00Z");
  await h.settle();
  assertEquals((await runsOf(h, "ex3")).map((run) => run.logicalDate), [
    Date.parse("2024-01-02T00:00:00Z"),
  ]);
});

Deno.test("@once runs exactly once, at its start date", async () => {
  const h = new SchedulerHarness({ now: "2024-02-01T00:00:00Z" });
  await h.addDags(dagDefinition("once", [taskDefinition("t")], {
    schedule: { kind: "once" },
    scheduleText: "@once",
    startDate: JAN_1,
  }));
  await h.runAll();
  h.clock.advance(30 * DAY);
  await h.runAll();
  const runs = await runsOf(h, "once");
  assertEquals(runs.map((run) => [run.logicalDate, run.state]), [[JAN_1, "success"]]);
});

Deno.test("fact 58: a paused DAG gets no runs; a manual run waits until it is unpaused", async () => {
  const h = new SchedulerHarness({ now: "2024-01-05T10:00:00Z" });
  await h.addDags(daily("paused", false));
  await h.store.setDagPaused("paused", true, h.clock.now());
  await h.settle();
  assertEquals((await runsOf(h, "paused")).length, 0);
  const manual = await triggerDagRun(h.store, { dagId: "paused" }, h.clock.now());
  await h.settle();
  assertEquals((await h.store.getDagRun(manual))?.state, "queued");
  await h.store.setDagPaused("paused", false, h.clock.now());
  await h.runAll();
  assertEquals((await h.store.getDagRun(manual))?.state, "success");
  assertEquals((await runsOf(h, "paused")).length, 2);
});

Deno.test("a scheduled run whose logical date is taken is skipped, not retried forever", async () => {
  const h = new SchedulerHarness({ now: "2024-01-05T10:00:00Z" });
  await h.addDags(daily("taken", false));
  await h.store.setDagPaused("taken", true, h.clock.now());
  await triggerDagRun(h.store, {
    dagId: "taken",
    runId: "manual_same_day",
    logicalDate: Date.parse("2024-01-04T00:00:00Z"),
  }, h.clock.now());
  await h.store.setDagPaused("taken", false, h.clock.now());
  await h.runAll();
  const runs = await runsOf(h, "taken");
  assertEquals(runs.map((run) => [run.runId, run.state]), [["manual_same_day", "success"]]);
  const dag = await h.store.getDag("taken");
  assertEquals(dag?.dag.nextRun?.logicalDate, Date.parse("2024-01-05T00:00:00Z"));
});
