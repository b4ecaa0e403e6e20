import assert from "node:assert/strict";
import { startTestExecutor, testJob } from "./_testing.ts";

/** A bundle whose top-level code records its name in a global the task then reports. */
function markingBundle(name: string): string {
  return `const { dag, task } = globalThis[Symbol.for("updraft.modules")]["updraft"];
globalThis.bundlesSeen = [...(globalThis.bundlesSeen ?? []), ${JSON.stringify(name)}];
export default dag({ id: "example" }, () => {
  task({ id: "work" }, () => globalThis.bundlesSeen);
});
`;
}

Deno.test("each task's sandbox has run only its own DAG file's code", async () => {
  const executor = await startTestExecutor({ prebootedSandboxes: 4, hostProcesses: 1 });
  try {
    const bundles = { a: markingBundle("a"), b: markingBundle("b") };
    for (const name of ["a", "a", "b", "a", "b", "b", "a"] as const) {
      const finished = await executor.run(testJob({ code: bundles[name] }));
      assert.deepEqual(finished.outcome, { status: "success" });
      assert.deepEqual(finished.xcoms, [{ key: "return_value", value: [name] }]);
      // Let the pool refill: the ready sandboxes are now prepared for this bundle, so the next
      // bundle is offered sandboxes that already ran another file's code, and must refuse them.
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  } finally {
    await executor.close();
  }
});

Deno.test("many tasks in a row each get a fresh sandbox and finish", async () => {
  const executor = await startTestExecutor({ prebootedSandboxes: 2, hostProcesses: 1 });
  try {
    const code = `const { dag, task } = globalThis[Symbol.for("updraft.modules")]["updraft"];
globalThis.runs = (globalThis.runs ?? 0) + 1;
export default dag({ id: "example" }, () => { task({ id: "work" }, () => globalThis.runs); });
`;
    for (let i = 0; i < 12; i++) {
      const finished = await executor.run(testJob({ code }));
      // A prepared sandbox imported the bundle once, before its task: the count is always 1.
      assert.deepEqual(finished.xcoms, [{ key: "return_value", value: 1 }]);
    }
  } finally {
    await executor.close();
  }
});

Deno.test("a host without work exits after the idle time; the next try starts one again", async () => {
  const executor = await startTestExecutor({ hostProcesses: 1, idleHostMs: 200 });
  try {
    const code = `const { dag, task } = globalThis[Symbol.for("updraft.modules")]["updraft"];
export default dag({ id: "example" }, () => { task({ id: "work" }, () => Deno.pid); });
`;
    const first = await executor.run(testJob({ code }));
    const firstPid = (await executor.started(testJob({ code, runId: first.key.runId }))).pid;
    const alive = (pid: number) => Deno.stat(`/proc/${pid}`).then(() => true, () => false);
    const deadline = Date.now() + 15_000;
    while (await alive(firstPid)) {
      if (Date.now() > deadline) throw new Error(`host ${firstPid} did not exit when idle`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = await executor.run(testJob({ code }));
    assert.deepEqual(second.outcome, { status: "success" });
    const secondPid = (await executor.started(testJob({ code, runId: second.key.runId }))).pid;
    assert.notEqual(secondPid, firstPid);
  } finally {
    await executor.close();
  }
});
