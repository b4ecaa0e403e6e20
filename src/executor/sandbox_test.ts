import assert from "node:assert/strict";
import { readTaskLog } from "./task_log.ts";
import { startTestExecutor, taskBundle, testJob } from "./_testing.ts";

Deno.test("TypeScript tasks run in permission-restricted Worker sandboxes", async (t) => {
  Deno.env.set("UPDRAFT_TEST_SECRET", "s3cret");
  const folder = await Deno.makeTempDir({ prefix: "updraft-sandbox-test-" });
  const secretFile = `${folder}/secret.txt`;
  await Deno.writeTextFile(secretFile, "classified");
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("pong"),
  );
  const address = `127.0.0.1:${server.addr.port}`;
  const harness = await startTestExecutor();
  try {
    await t.step("success: XComs, ctx.log and console.log in the try's log", async () => {
      const job = testJob({
        code: taskBundle(`
          ctx.log("hello from", ctx.ds);
          console.log("console says", { n: 1 });
          console.error("console complains");
          ctx.xcom.push("extra", [1, 2]);
          return { answer: 42 };`),
      });
      const started = harness.started(job);
      const finished = await harness.run(job);
      assert.deepEqual(finished.outcome, { status: "success" });
      assert.deepEqual(finished.xcoms, [
        { key: "extra", value: [1, 2] },
        { key: "return_value", value: { answer: 42 } },
      ]);
      const startedEvent = await started;
      assert.equal(typeof startedEvent.pid, "number");
      assert.notEqual(startedEvent.pid, Deno.pid);
      const log = await harness.log(job);
      assert.match(log, /\{task\} INFO - hello from 2024-01-03\n/);
      assert.match(log, /\{task\} INFO - console says \{ n: 1 \}\n/);
      assert.match(log, /\{task\} ERROR - console complains\n/);
      assert.match(
        log,
        /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] \{executor\} INFO - Starting try 1/,
      );
      assert.match(log, /permissions granted: none/);
    });

    const denials: [string, string, string, string, Record<string, string[]>][] = [
      [
        "read",
        `return await Deno.readTextFile(${JSON.stringify(secretFile)});`,
        secretFile,
        "classified",
        { read: [secretFile] },
      ],
      [
        "write",
        `await Deno.writeTextFile(${JSON.stringify(`${folder}/out.txt`)}, "x"); return "wrote";`,
        `${folder}/out.txt`,
        "wrote",
        { write: [folder] },
      ],
      ["net", `return await (await fetch("http://${address}/")).text();`, address, "pong", {
        net: [address],
      }],
      ["env", `return Deno.env.get("UPDRAFT_TEST_SECRET");`, "UPDRAFT_TEST_SECRET", "s3cret", {
        env: ["UPDRAFT_TEST_SECRET"],
      }],
      [
        "run",
        `const out = await new Deno.Command("echo", { args: ["ran"] }).output(); return new TextDecoder().decode(out.stdout).trim();`,
        "echo",
        "ran",
        { run: ["echo"] },
      ],
    ];
    for (const [kind, body, target, expected, declared] of denials) {
      await t.step(`${kind} access is denied unless declared`, async () => {
        const denied = await harness.run(testJob({ code: taskBundle(body) }));
        assert.equal(denied.outcome.status, "failed");
        const message = denied.outcome.status === "failed" ? denied.outcome.error : "";
        assert.equal(
          message,
          `Permission denied: ${kind} access to "${target}". Declare it in the task's permissions, ` +
            `e.g. permissions: { ${kind}: ${JSON.stringify([target])} }`,
        );
        const allowed = await harness.run(
          testJob({ code: taskBundle(body), permissions: declared }),
        );
        assert.deepEqual(allowed.outcome, { status: "success" });
        assert.deepEqual(allowed.xcoms, [{ key: "return_value", value: expected }]);
      });
    }

    await t.step("a task cannot read or write the host's protocol channel", async () => {
      const job = testJob({
        code: taskBundle(`
          const buffer = new Uint8Array(64);
          const read = await Deno.stdin.read(buffer);
          await Deno.stdout.write(new TextEncoder().encode("written to stdout\\n"));
          Deno.stderr.writeSync(new TextEncoder().encode("written to stderr"));
          return read === null ? "end of input" : "read " + read;`),
      });
      const finished = await harness.run(job);
      assert.deepEqual(finished.xcoms, [{ key: "return_value", value: "end of input" }]);
      const log = await harness.log(job);
      assert.match(log, /\{task\} INFO - written to stdout\n/);
      assert.match(log, /\{task\} ERROR - written to stderr\n/);
    });

    await t.step("a DAG file that throws at import time fails the try", async () => {
      const job = testJob({ code: `throw new Error("broken at import");\nexport default 1;` });
      const finished = await harness.run(job);
      assert.equal(finished.outcome.status, "failed");
      assert.match(
        finished.outcome.status === "failed" ? finished.outcome.error : "",
        /^Importing the DAG file failed: broken at import/,
      );
    });

    await t.step("FailTask fails without retry; SkipTask skips", async () => {
      const failed = await harness.run(
        testJob({ code: taskBundle(`throw new FailTask("no use");`) }),
      );
      assert.equal(failed.outcome.status, "failed");
      assert.equal(failed.outcome.status === "failed" && failed.outcome.noRetry, true);
      const skipped = await harness.run(
        testJob({ code: taskBundle(`throw new SkipTask("not today");`) }),
      );
      assert.deepEqual(skipped.outcome, { status: "skipped", reason: "not today" });
    });

    await t.step("an uncaught error after the task returned control fails the try", async () => {
      const job = testJob({
        code: taskBundle(`setTimeout(() => { throw new Error("late boom"); }, 0);
          await new Promise(() => {});`),
      });
      const finished = await harness.run(job);
      assert.equal(finished.outcome.status, "failed");
      assert.match(finished.outcome.status === "failed" ? finished.outcome.error : "", /late boom/);
    });

    await t.step("a task that calls Deno.exit fails with what happened", async () => {
      const finished = await harness.run(testJob({ code: taskBundle(`Deno.exit(3);`) }));
      assert.equal(finished.outcome.status, "failed");
      assert.match(
        finished.outcome.status === "failed" ? finished.outcome.error : "",
        /The sandbox ended before the task finished: the task called Deno.exit\(3\)/,
      );
    });

    await t.step("a busy-looping task is stopped at its execution timeout", async () => {
      const job = testJob({ code: taskBundle(`while (true) {}`), timeoutMs: 1000 });
      const finished = await harness.run(job);
      assert.deepEqual(finished.outcome, {
        status: "failed",
        error: "Task exceeded its execution timeout of 1s",
        noRetry: false,
      });
      const next = await harness.run(testJob({ code: taskBundle(`return "still fine";`) }));
      assert.deepEqual(next.xcoms, [{ key: "return_value", value: "still fine" }]);
    });

    await t.step("cancel stops a running task; its log is readable while it runs", async () => {
      const job = testJob({
        code: taskBundle(`ctx.log("first line");
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
          ctx.log("aborted:", String(ctx.signal.reason?.message ?? ctx.signal.reason));`),
      });
      const finished = harness.run(job);
      await harness.started(job);
      const running = await harness.waitForLog(job, "first line");
      assert.ok(
        !harness.events.some((event) =>
          event.type === "finished" && event.key.runId === job.key.runId
        ),
      );
      const firstRead = await readTaskLog(harness.logsFolder, job.key, 1);
      assert.ok(firstRead && firstRead.content === running);
      harness.executor.cancel(job.key, 1, "cleared by the user");
      assert.deepEqual((await finished).outcome, {
        status: "failed",
        error: "cleared by the user",
        noRetry: false,
      });
      const rest = await readTaskLog(harness.logsFolder, job.key, 1, {
        offset: firstRead.nextOffset,
      });
      assert.ok(rest && !rest.content.includes("first line"));
      assert.match(rest.content, /Task failed after .*: cleared by the user/);
    });

    await t.step("an XCom above the limit fails the try", async () => {
      const finished = await harness.run(
        testJob({ code: taskBundle(`return "x".repeat(2_400_000);`) }),
      );
      assert.deepEqual(finished.outcome, {
        status: "failed",
        error:
          "XCom 'return_value' of task work is 2.3 MB, above the 1 MB limit (UPDRAFT_XCOM_MAX_BYTES)",
        noRetry: false,
      });
      assert.deepEqual(finished.xcoms, []);
    });

    await t.step("templated fields are rendered and reach the task as ctx.fields", async () => {
      const job = testJob({
        code: taskBundle(`return ctx.fields.query;`),
        templateFields: { query: "select * from {{ params.table }} where day = '{{ ds }}'" },
      });
      const finished = await harness.run(job);
      const rendered = "select * from users where day = '2024-01-03'";
      assert.deepEqual(finished.renderedFields, { query: rendered });
      assert.deepEqual(finished.xcoms, [{ key: "return_value", value: rendered }]);
    });

    await t.step(
      "callbacks run in a fresh sandbox; their output and failure go to the log",
      async () => {
        const code = taskBundle(`throw new Error("task broke");`, {
          taskOptions:
            `onFailure: (ctx, error) => { ctx.log("on failure saw:", error.split("\\n")[0]); },
          onRetry: () => { throw new Error("retry callback broke"); }`,
        });
        const job = testJob({ code });
        const finished = await harness.run(job);
        assert.equal(finished.outcome.status, "failed");
        const error = finished.outcome.status === "failed" ? finished.outcome.error : "";
        harness.executor.runCallback({ kind: "onFailure", job, error });
        await harness.waitForLog(job, "The onFailure callback finished");
        harness.executor.runCallback({ kind: "onRetry", job, error });
        const log = await harness.waitForLog(job, "The onRetry callback failed");
        assert.match(log, /\{task\} INFO - on failure saw: Error: task broke\n/);
        assert.match(log, /The onRetry callback failed: Error: retry callback broke/);
        const events = harness.events.filter((event) => event.key.runId === job.key.runId);
        assert.deepEqual(events.map((event) => event.type), ["started", "finished"]);
      },
    );

    await t.step("an empty task with callbacks runs nothing and succeeds", async () => {
      const finished = await harness.run(testJob({ kind: "empty" }));
      assert.deepEqual(finished.outcome, { status: "success" });
    });

    await t.step("appendLog adds the scheduler's lines to the try's log", async () => {
      const job = testJob();
      await harness.executor.appendLog(job.key, 1, "sandbox lost");
      assert.match(await harness.log(job), /\{scheduler\} INFO - sandbox lost\n$/);
    });
  } finally {
    await harness.close();
    await server.shutdown();
    await Deno.remove(folder, { recursive: true });
    Deno.env.delete("UPDRAFT_TEST_SECRET");
  }
});
