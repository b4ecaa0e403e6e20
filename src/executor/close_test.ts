import assert from "node:assert/strict";
import { readTaskLog } from "./task_log.ts";
import { startTestExecutor, taskBundle, testJob } from "./_testing.ts";

Deno.test("close() lets a callback already running finish (a run's last failure alert)", async () => {
  const harness = await startTestExecutor();
  try {
    const code = taskBundle(`throw new Error("task broke");`, {
      taskOptions: `onFailure: async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        ctx.log("alert sent");
      }`,
    });
    const job = testJob({ code });
    const finished = await harness.run(job);
    assert.equal(finished.outcome.status, "failed");
    harness.executor.runCallback({ kind: "onFailure", job, error: "task broke" });
    await harness.executor.close();
    const log = (await readTaskLog(harness.logsFolder, job.key, 1))?.content ?? "";
    assert.match(log, /\{task\} INFO - alert sent\n/);
    assert.match(log, /The onFailure callback finished/);
  } finally {
    await Deno.remove(harness.logsFolder, { recursive: true });
  }
});
