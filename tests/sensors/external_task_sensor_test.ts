/**
 * The external task sensor end to end: two DAGs' runs at the same logical date, run together;
 * the scheduler hands each attempt the other run's states.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { runDagsTogether, withDags } from "./_dags.ts";

const LOAD = `
import { dag, task } from "updraft";

export default dag({ id: "load" }, () => {
  task({ id: "publish" }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return "published";
  });
  task({ id: "tables.a" }, () => "a");
  task({ id: "tables.b" }, () => "b");
  task({ id: "broken" }, () => {
    throw new Error("the load broke");
  });
});
`;

const REPORT = (mode: string) => `
import { dag, externalTaskSensor } from "updraft";

export default dag({ id: "report_${mode}" }, () => {
  const options = { mode: "${mode}", pokeInterval: "100ms", timeout: "60s" } as const;
  externalTaskSensor({ ...options, id: "wait_task", externalDagId: "load", externalTaskId: "publish" });
  externalTaskSensor({ ...options, id: "wait_group", externalDagId: "load", externalTaskGroupId: "tables" });
  externalTaskSensor({
    ...options,
    id: "wait_run",
    externalDagId: "load",
    allowedStates: ["success", "failed"],
  });
  externalTaskSensor({
    ...options,
    id: "wait_broken",
    externalDagId: "load",
    externalTaskIds: ["broken"],
    failedStates: ["failed", "upstream_failed"],
  });
  externalTaskSensor({
    ...options,
    id: "wait_broken_soft",
    externalDagId: "load",
    externalTaskId: "broken",
    failedStates: ["failed"],
    softFail: true,
  });
  externalTaskSensor({
    ...options,
    id: "wait_yesterday",
    externalDagId: "load",
    executionDelta: "1d",
    timeout: "500ms",
    softFail: true,
  });
  externalTaskSensor({ ...options, id: "wait_unknown", externalDagId: "nope", checkExistence: true });
});
`;

for (const mode of ["poke", "reschedule"]) {
  Deno.test(`externalTaskSensor, ${mode} mode: tasks, a group, a whole run, failed and missing`, async () => {
    await withDags(() => ({ "load.ts": LOAD, "report.ts": REPORT(mode) }), async (world) => {
      const day = Date.UTC(2024, 0, 2);
      const { runs, instances, changes } = await runDagsTogether(
        world,
        ["load", `report_${mode}`],
        day,
      );
      assertEquals(runs.map((run) => [run.dagId, run.state]), [
        ["load", "failed"],
        [`report_${mode}`, "failed"],
      ]);
      const report = Object.fromEntries(
        instances
          .filter((ti) => ti.dagId === `report_${mode}`)
          .map((ti) => [ti.taskId, `${ti.state}/${ti.tryNumber}`]),
      );
      assertEquals(report, {
        wait_task: "success/1",
        wait_group: "success/1",
        wait_run: "success/1",
        wait_broken: "failed/1",
        wait_broken_soft: "skipped/1",
        wait_yesterday: "skipped/1",
        wait_unknown: "failed/1",
      });
      const reasons = (taskId: string) =>
        changes.filter((change) => change.taskId === taskId).map((change) => change.reason);
      assert(
        reasons("wait_broken").some((reason) =>
          reason.includes('Some of the external tasks ["broken"] in DAG "load" failed.')
        ),
        reasons("wait_broken").join("\n"),
      );
      assert(
        reasons("wait_unknown").some((reason) =>
          reason.includes('The external DAG "nope" does not exist.')
        ),
      );
      // No run a day earlier: the sensor waits between pokes as up_for_reschedule, even in poke
      // mode, since each poke needs states the scheduler looks up afresh.
      const waits = changes.filter((change) =>
        change.taskId === "wait_yesterday" && change.to === "up_for_reschedule"
      );
      assert(waits.length > 0, reasons("wait_yesterday").join("\n"));
      assert(reasons("wait_yesterday").some((reason) => reason.includes("Sensor has timed out")));
    });
  });
}
