import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { JsonObject } from "../core/mod.ts";
import { triggerDagRun } from "./trigger_run.ts";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";

const NOW = "2024-03-10T12:00:00Z";
const DAY = Date.UTC(2024, 2, 9);

function externalSensor(fields: JsonObject) {
  return taskDefinition("wait", {
    operator: "ExternalTaskSensor",
    fields: {
      externalTaskIds: null,
      externalTaskGroupId: null,
      allowedStates: ["success"],
      failedStates: [],
      skippedStates: [],
      executionDeltaMs: 0,
      checkExistence: false,
      ...fields,
      sensor: {
        mode: "poke",
        pokeIntervalMs: 1000,
        timeoutMs: 60_000,
        softFail: false,
        neverFail: false,
        silentFail: false,
        exponentialBackoff: false,
        maxWaitMs: null,
        reschedulesBetweenPokes: true,
      },
    },
  });
}

Deno.test("the job of an external task sensor carries the watched run's states, fresh each attempt", async () => {
  const h = new SchedulerHarness({ now: NOW });
  await h.addDags(
    dagDefinition("load", [
      taskDefinition("publish"),
      taskDefinition("tables.a"),
      taskDefinition("tables.b"),
    ]),
    dagDefinition("report", [
      externalSensor({ externalDagId: "load", externalTaskIds: ["publish"] }),
    ]),
    dagDefinition("report_group", [
      externalSensor({ externalDagId: "load", externalTaskGroupId: "tables" }),
    ]),
    dagDefinition("report_yesterday", [
      externalSensor({ externalDagId: "load", executionDeltaMs: 86_400_000 }),
    ]),
    dagDefinition("report_missing", [externalSensor({ externalDagId: "nope" })]),
  );
  for (const dagId of ["report", "report_group", "report_yesterday", "report_missing"]) {
    await triggerDagRun(h.store, { dagId, logicalDate: DAY }, h.clock.now());
  }
  await h.settle();
  const externalOf = (dagId: string) =>
    h.executor.open.find((job) => job.key.dagId === dagId)?.context.sensor?.external;
  assertEquals(externalOf("report"), {
    dagId: "load",
    logicalDate: DAY,
    dagExists: true,
    taskIds: ["publish", "tables.a", "tables.b"],
    run: null,
    tasks: [],
  });
  assertEquals(externalOf("report_missing")?.dagExists, false);
  assertEquals(externalOf("report_yesterday")?.logicalDate, DAY - 86_400_000);

  // The watched run appears and its task succeeds: the next attempt sees it.
  const load = await triggerDagRun(h.store, { dagId: "load", logicalDate: DAY }, h.clock.now());
  for (const job of [...h.executor.open]) {
    if (job.key.dagId.startsWith("report")) {
      h.executor.finish(job.key.taskId, { status: "reschedule", at: h.clock.now() + 1000 }, {
        at: h.clock.now(),
        runId: job.key.runId,
      });
    }
  }
  await h.settle();
  h.executor.finish("publish", "success", { at: h.clock.now(), runId: load.runId });
  await h.settle();
  h.clock.advance(1000);
  await h.settle();
  const seen = externalOf("report");
  assertEquals(seen?.run, { runId: load.runId, state: "running" });
  assertEquals(seen?.tasks, [{ taskId: "publish", mapIndex: -1, state: "success" }]);
  const group = externalOf("report_group");
  assertEquals(group?.tasks.map((ti) => ti.taskId).sort(), ["tables.a", "tables.b"]);
  assertEquals(externalOf("report_yesterday")?.run, null);
});
