/**
 * Crash safety: kill the server with SIGKILL in the middle of a run, start it again on the same
 * home, and nothing is lost: finished tasks keep their states, the try whose sandbox died is
 * retried (or failed when it has no retries left), and the run completes.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { startServer, taskStates, trigger, waitFor, waitForRun } from "./server_process.ts";

const CRASHY = `
import { chain, dag, task } from "updraft";

export default dag({ id: "crashy" }, () => {
  const first = task({ id: "first" }, () => "done before the crash");
  const slow = task({ id: "slow", retries: 1, retryDelay: "1s" }, async (ctx) => {
    if (ctx.tryNumber === 1) await new Promise((resolve) => setTimeout(resolve, 60_000));
    return ctx.tryNumber;
  });
  const lastOnly = task({ id: "no_retries" }, async (ctx) => {
    if (ctx.tryNumber === 1) await new Promise((resolve) => setTimeout(resolve, 60_000));
    return ctx.tryNumber;
  });
  const after = task({ id: "after", triggerRule: "all_done" }, () => "after");
  chain(first, [slow, lastOnly], after);
});
`;

Deno.test("killing the server mid-run loses nothing", async () => {
  const server = await startServer({ dags: { "crashy.ts": CRASHY } });
  const home = server.home;
  let restarted;
  try {
    const runId = await trigger(server, "crashy");
    await waitFor("both slow tasks to run", async () => {
      const states = await taskStates(server, "crashy", runId);
      return states.slow === "running" && states.no_retries === "running" ? true : undefined;
    }, 30_000);
    const status = await server.kill("SIGKILL");
    assertEquals(status.signal, "SIGKILL");

    restarted = await startServer({ home });
    assertEquals(await waitForRun(restarted, "crashy", runId), "success");
    const states = await taskStates(restarted, "crashy", runId);
    assertEquals(states, {
      first: "success",
      slow: "success",
      no_retries: "failed",
      after: "success",
    });
    const run = encodeURIComponent(runId);
    const slow = await restarted.get<{ try_number: number }>(
      `/dags/crashy/dagRuns/${run}/taskInstances/slow`,
    );
    assertEquals(slow.try_number, 2);
    const first = await restarted.get<{ try_number: number }>(
      `/dags/crashy/dagRuns/${run}/taskInstances/first`,
    );
    assertEquals(first.try_number, 1);
    const xcom = await restarted.get<{ value: unknown }>(
      `/dags/crashy/dagRuns/${run}/taskInstances/first/xcomEntries/return_value?stringify=false`,
    );
    assertEquals(xcom.value, "done before the crash");
  } finally {
    await restarted?.stop();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
});
