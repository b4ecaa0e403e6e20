import assert from "node:assert/strict";
import type { TaskJob } from "./executor.ts";
import { startTestExecutor, taskBundle, type TestExecutor, testJob } from "./_testing.ts";

// `Worker.terminate()` does not stop a Worker stuck in a busy loop: a host whose Worker was
// stopped mid-task must go away, and its slot must get a fresh host.

const STOPPED_NOTE = "The sandbox was stopped; its host process will be replaced so a task that " +
  "ignores the stop cannot keep using CPU.";

async function processExists(pid: number): Promise<boolean> {
  try {
    await Deno.stat(`/proc/${pid}`);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Polls `/proc/<pid>` until the process is gone; fails after a generous deadline. */
async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (await processExists(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`The sandbox host process ${pid} is still running 15 s after its try ended`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a small task and returns the pid of the host that ran it. */
async function probeHost(harness: TestExecutor, label: string): Promise<number> {
  const job = testJob({ taskId: label, code: taskBundle(`return "${label}";`, { taskId: label }) });
  const finished = await harness.run(job);
  assert.deepEqual(finished.outcome, { status: "success" });
  assert.deepEqual(finished.xcoms, [{ key: "return_value", value: label }]);
  return (await harness.started(job)).pid;
}

async function assertStoppedNoteBeforeFailure(harness: TestExecutor, job: TaskJob): Promise<void> {
  const log = await harness.log(job);
  const note = log.indexOf(`{executor} WARNING - ${STOPPED_NOTE}\n`);
  assert.ok(note >= 0, `the log says the sandbox was stopped:\n${log}`);
  assert.ok(note < log.indexOf("Task failed after"), `the note comes first:\n${log}`);
}

Deno.test("a task busy-looping past its timeout fails at once; its host is replaced", async () => {
  const harness = await startTestExecutor({ hostProcesses: 1 });
  try {
    const job = testJob({ code: taskBundle(`while (true) {}`), timeoutMs: 500 });
    const finished = await harness.run(job);
    assert.deepEqual(finished.outcome, {
      status: "failed",
      error: "Task exceeded its execution timeout of 500ms",
      noRetry: false,
    });
    const { pid } = await harness.started(job);
    await assertStoppedNoteBeforeFailure(harness, job);
    await waitUntilGone(pid);
    assert.notEqual(await probeHost(harness, "after"), pid, "the next task ran on a new host");
  } finally {
    await harness.close();
  }
});

Deno.test("a busy task stopped by cancel() fails with the reason; its host is replaced", async () => {
  const harness = await startTestExecutor({ hostProcesses: 1 });
  try {
    const job = testJob({ code: taskBundle(`ctx.log("spinning now"); while (true) {}`) });
    const finished = harness.run(job);
    const { pid } = await harness.started(job);
    await harness.waitForLog(job, "spinning now");
    harness.executor.cancel(job.key, 1, "marked failed by the user");
    assert.deepEqual((await finished).outcome, {
      status: "failed",
      error: "marked failed by the user",
      noRetry: false,
    });
    await assertStoppedNoteBeforeFailure(harness, job);
    await waitUntilGone(pid);
    assert.notEqual(await probeHost(harness, "after"), pid, "the next task ran on a new host");
  } finally {
    await harness.close();
  }
});

Deno.test("a tainted host finishes its other tries while new ones go to its replacement", async () => {
  const harness = await startTestExecutor({ hostProcesses: 1 });
  const folder = await Deno.makeTempDir({ prefix: "updraft-runaway-test-" });
  const release = `${folder}/release`;
  try {
    // With one host slot, all three land on the same host before anything is stopped.
    const calm = testJob({
      taskId: "calm",
      permissions: { read: [folder] },
      code: taskBundle(
        `while (!(await Deno.stat(${JSON.stringify(release)}).then(() => true, () => false))) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return "calm done";`,
        { taskId: "calm" },
      ),
    });
    const busy = (taskId: string, timeoutMs: number) =>
      testJob({ taskId, code: taskBundle(`while (true) {}`, { taskId }), timeoutMs });
    const first = busy("first", 500);
    const second = busy("second", 2000);
    const calmFinished = harness.run(calm);
    const firstFinished = harness.run(first);
    const secondFinished = harness.run(second);
    const tainted = (await harness.started(calm)).pid;
    assert.equal((await harness.started(first)).pid, tainted);
    assert.equal((await harness.started(second)).pid, tainted);

    assert.equal((await firstFinished).outcome.status, "failed");
    const replacement = await probeHost(harness, "probe_one");
    assert.notEqual(replacement, tainted, "new work goes to the replacement host");

    // A second stop on the tainted host changes nothing: no further replacement.
    assert.deepEqual((await secondFinished).outcome, {
      status: "failed",
      error: "Task exceeded its execution timeout of 2s",
      noRetry: false,
    });
    await assertStoppedNoteBeforeFailure(harness, second);
    assert.equal(await probeHost(harness, "probe_two"), replacement);
    assert.ok(await processExists(tainted), "the tainted host waits for its running try");

    await Deno.writeTextFile(release, "");
    const calmEvent = await calmFinished;
    assert.deepEqual(calmEvent.outcome, { status: "success" });
    assert.deepEqual(calmEvent.xcoms, [{ key: "return_value", value: "calm done" }]);
    const calmEvents = harness.events.filter((event) => event.key.runId === calm.key.runId);
    assert.deepEqual(calmEvents.map((event) => event.type), ["started", "finished"]);
    assert.doesNotMatch(await harness.log(calm), /sandbox host process died|running it again/);
    await waitUntilGone(tainted);
    assert.equal(await probeHost(harness, "probe_three"), replacement);
  } finally {
    await harness.close();
    await Deno.remove(folder, { recursive: true });
  }
});
