import assert from "node:assert/strict";
import { startTestExecutor, taskBundle, testJob } from "./_testing.ts";

Deno.test("a task that exhausts memory fails alone; a task sharing its host finishes", async () => {
  const harness = await startTestExecutor({ hostMemoryMb: 128, hostProcesses: 1 });
  const folder = await Deno.makeTempDir({ prefix: "updraft-crash-test-" });
  const release = `${folder}/release`;
  try {
    // The calm task runs until the test releases it, which happens only after the hog's try
    // ended: both are running in the host when it dies.
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
    const hog = testJob({
      taskId: "hog",
      code: taskBundle(
        `const hoard = [];
        while (true) hoard.push(new Array(1_000_000).fill(hoard.length));`,
        { taskId: "hog" },
      ),
    });
    const calmFinished = harness.run(calm);
    await harness.started(calm);
    const hogEvent = await harness.run(hog);
    assert.equal(hogEvent.outcome.status, "failed");
    assert.match(
      hogEvent.outcome.status === "failed" ? hogEvent.outcome.error : "",
      /^the sandbox host process died \(signal \w+\) while running this task — most likely it ran out of memory \(limit 128 MB\)$/,
    );
    await Deno.writeTextFile(release, "");
    const calmEvent = await calmFinished;
    assert.deepEqual(calmEvent.outcome, { status: "success" });
    assert.deepEqual(calmEvent.xcoms, [{ key: "return_value", value: "calm done" }]);

    const calmLog = await harness.log(calm);
    assert.match(calmLog, /running it again alone in a fresh sandbox host process \(same try\)/);
    const started = harness.events.filter((event) =>
      event.type === "started" && event.key.taskId === "calm"
    );
    assert.equal(started.length, 1, "a re-run does not report a second start");

    const after = await harness.run(testJob({ code: taskBundle(`return "host restarted";`) }));
    assert.deepEqual(after.xcoms, [{ key: "return_value", value: "host restarted" }]);
  } finally {
    await harness.close();
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a host that cannot start fails its tries with what it said", async () => {
  const harness = await startTestExecutor({
    hostCommand: ["bash", "-c", "echo 'no such host' >&2; exit 7"],
  });
  try {
    const finished = await harness.run(testJob({ code: taskBundle(`return 1;`) }));
    assert.equal(finished.outcome.status, "failed");
    assert.match(
      finished.outcome.status === "failed" ? finished.outcome.error : "",
      /could not start the sandbox host process \(exit code 7\): no such host/,
    );
  } finally {
    await harness.close();
  }
});

Deno.test("tries spread over hosts; close() stops them, reports them failed, stops the hosts", async () => {
  const harness = await startTestExecutor({ hostProcesses: 2 });
  const waiting = testJob({
    code: taskBundle(`await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      await new Promise(() => {});`),
  });
  const sleeping = testJob({ kind: "bash", templateFields: { command: "sleep 100" } });
  const finished = [harness.run(waiting), harness.run(sleeping)];
  const started = await Promise.all([harness.started(waiting), harness.started(sleeping)]);
  assert.notEqual(started[0].pid, started[1].pid, "the two tries went to the two hosts");
  await harness.close();
  for (const event of await Promise.all(finished)) {
    assert.deepEqual(event.outcome, {
      status: "failed",
      error: "the executor is shutting down",
      noRetry: false,
    });
  }
  assert.throws(() => harness.executor.dispatch(testJob()), /the executor was closed/);
});
