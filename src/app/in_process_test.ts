import assert from "node:assert/strict";
import { defaultConfig, type UpdraftConfig } from "./config.ts";
import { previewBackfill, runBackfill } from "./backfill_run.ts";
import { testDag } from "./dag_test.ts";
import { testTask } from "./task_test.ts";
import { openStore } from "./open_store.ts";
import { syncDagFolderOnce } from "./dag_sync.ts";
import { ActionError, triggerDagRun } from "../scheduler/mod.ts";
import { systemClock } from "../core/mod.ts";

const DAG = (dagId: string, paused: boolean) =>
  `import { chain, dag, task } from "updraft";

export default dag({
  id: "${dagId}",
  schedule: "@daily",
  startDate: "2024-01-01",
  isPausedUponCreation: ${paused},
}, () => {
  const first = task({ id: "first" }, (ctx) => ctx.ds);
  const second = task({ id: "second" }, (ctx, day: string) => {
    ctx.log(\`\${day} seen by \${ctx.taskId}\`);
  });
  second(first);
  chain(first, second);
});
`;

async function withConfig(body: (config: UpdraftConfig) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-in-process-test-" });
  try {
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder);
    await Deno.writeTextFile(`${config.dagsFolder}/daily.ts`, DAG("daily", false));
    await Deno.writeTextFile(`${config.dagsFolder}/sleepy.ts`, DAG("sleepy", true));
    await body(config);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("testDag runs a run dated in the future at once, passes XComs downstream, reports in order", async () => {
  await withConfig(async (config) => {
    const reported: string[] = [];
    const logs: string[] = [];
    const future = Date.UTC(2100, 0, 1);
    const result = await testDag(config, { dagId: "sleepy", logicalDate: future }, {
      onTask: (report) => {
        reported.push(`${report.instance.taskId}:${report.instance.state}`);
        logs.push(report.log ?? "");
      },
    });
    assert.match(logs[1], /2100-01-01 seen by second/);
    assert.equal(result.run.state, "success");
    assert.equal(result.run.logicalDate, future);
    assert.deepEqual(reported, ["first:success", "second:success"]);
    await assert.rejects(Deno.stat(config.home), Deno.errors.NotFound);
  });
});

Deno.test("testTask: a run id in a reserved form gives the run its date; unknown tasks are not found", async () => {
  await withConfig(async (config) => {
    const result = await testTask(config, {
      dagId: "daily",
      taskId: "first",
      runId: "scheduled__2024-01-02T00:00:00+00:00",
    });
    assert.equal(result.outcome.status, "success");
    assert.deepEqual(result.xcoms, [{ key: "return_value", value: "2024-01-02" }]);
    assert.match(result.log, /Starting try 1 of task first/);
    await assert.rejects(
      testTask(config, { dagId: "daily", taskId: "third" }),
      (error: unknown) => error instanceof ActionError && error.kind === "not_found",
    );
  });
});

Deno.test("previewBackfill lists the dates with the runs already there; a paused DAG is backfilled", async () => {
  await withConfig(async (config) => {
    const store = await openStore(config);
    try {
      await syncDagFolderOnce(store, config, { clock: systemClock, log: () => {} });
      await triggerDagRun(store, { dagId: "daily", logicalDate: Date.UTC(2024, 0, 2) }, Date.now());
      const dates = await previewBackfill(store, {
        dagId: "daily",
        start: Date.UTC(2024, 0, 1),
        end: Date.UTC(2024, 0, 3),
      });
      assert.deepEqual(dates.map((date) => [date.logicalDate, date.existing?.runType ?? null]), [
        [Date.UTC(2024, 0, 1), null],
        [Date.UTC(2024, 0, 2), "manual"],
        [Date.UTC(2024, 0, 3), null],
      ]);
      const progress: string[] = [];
      const done = await runBackfill(store, config, {
        dagId: "daily",
        start: Date.UTC(2024, 0, 1),
        end: Date.UTC(2024, 0, 3),
      }, { onProgress: (step) => progress.push(`${step.runsDone}/${step.runsTotal}`) });
      assert.deepEqual(done.runs.map((run) => [run.runId, run.state]), [
        ["backfill__2024-01-01T00:00:00+00:00", "success"],
        ["backfill__2024-01-03T00:00:00+00:00", "success"],
      ]);
      assert.deepEqual(done.plan.existing.map((run) => run.runType), ["manual"]);
      assert.equal(progress[0], "0/2");
      assert.equal(progress.at(-1), "2/2");

      // Fact 166: a backfill ignores the paused flag.
      const sleepy = await runBackfill(store, config, {
        dagId: "sleepy",
        start: Date.UTC(2024, 0, 1),
        end: Date.UTC(2024, 0, 2),
      });
      assert.deepEqual(sleepy.runs.map((run) => run.state), ["success", "success"]);
      assert.equal((await store.getDag("sleepy"))?.dag.isPaused, true, "the DAG stays paused");
    } finally {
      await store.close();
    }
  });
});
