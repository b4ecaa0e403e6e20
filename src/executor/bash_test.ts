import assert from "node:assert/strict";
import { startTestExecutor, testJob } from "./_testing.ts";
import type { TaskJob } from "./executor.ts";

function bashJob(command: string, options: Parameters<typeof testJob>[0] = {}): TaskJob {
  return testJob({
    kind: "bash",
    ...options,
    templateFields: { command, ...options.templateFields },
  });
}

function processGone(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

Deno.test("bash tasks run as subprocesses with a clean environment", async (t) => {
  Deno.env.set("UPDRAFT_TEST_DECLARED", "declared-value");
  Deno.env.set("UPDRAFT_TEST_UNDECLARED", "leaked");
  const workRoot = await Deno.makeTempDir({ prefix: "updraft-bash-work-" });
  const harness = await startTestExecutor({ workRoot });
  try {
    await t.step("stdout and stderr stream into the log; the last line is the XCom", async () => {
      const job = bashJob("echo one; echo oops >&2; echo '{{ ds }} {{ params.table }}'");
      const finished = await harness.run(job);
      assert.deepEqual(finished.outcome, { status: "success" });
      assert.deepEqual(finished.xcoms, [{ key: "return_value", value: "2024-01-03 users" }]);
      assert.deepEqual(finished.renderedFields, {
        command: "echo one; echo oops >&2; echo '2024-01-03 users'",
      });
      const log = await harness.log(job);
      assert.match(log, /\{stdout\} INFO - one\n/);
      assert.match(log, /\{stderr\} INFO - oops\n/);
      assert.match(
        log,
        /\{executor\} INFO - Running command: echo one; echo oops >&2; echo '2024-01-03 users'\n/,
      );
      assert.match(log, /Bash command ended with exit code 0/);
    });

    await t.step("only declared and context variables reach the command", async () => {
      const job = bashJob(
        'echo "$UPDRAFT_TEST_UNDECLARED|$UPDRAFT_TEST_DECLARED|$GREETING|$PATH|$UPDRAFT_CTX_TASK_ID|$UPDRAFT_CTX_TRY_NUMBER|$UPDRAFT_CTX_LOGICAL_DATE"',
        {
          templateFields: { env: { GREETING: "hi {{ ds_nodash }}" } },
          permissions: { env: ["UPDRAFT_TEST_DECLARED"] },
        },
      );
      const finished = await harness.run(job);
      assert.deepEqual(finished.xcoms, [{
        key: "return_value",
        value:
          "|declared-value|hi 20240103|/usr/local/bin:/usr/bin:/bin|work|1|2024-01-03T00:00:00+00:00",
      }]);
    });

    await t.step("each try gets a fresh working directory, removed afterwards", async () => {
      const first = await harness.run(bashJob('touch marker; ls -A; echo "$PWD|$HOME"'));
      const secondJob = bashJob('ls -A | wc -l; echo "$PWD"');
      const second = await harness.run(secondJob);
      const [firstDirectory, home] = String(first.xcoms[0].value).split("|");
      assert.equal(firstDirectory, home);
      assert.ok(firstDirectory.startsWith(`${workRoot}/`));
      assert.notEqual(second.xcoms[0].value, firstDirectory);
      assert.match(await harness.log(secondJob), /\{stdout\} INFO - 0\n/);
      await assert.rejects(Deno.stat(firstDirectory), Deno.errors.NotFound);
    });

    await t.step("exit code 99 skips; other non-zero codes fail", async () => {
      const skipped = await harness.run(bashJob("exit 99"));
      assert.deepEqual(skipped.outcome, {
        status: "skipped",
        reason: "Bash command returned exit code 99",
      });
      const failed = await harness.run(bashJob("echo partial; exit 3"));
      assert.deepEqual(failed.outcome, {
        status: "failed",
        error: "Bash command failed with exit code 3",
        noRetry: false,
      });
      assert.deepEqual(failed.xcoms, []);
    });

    await t.step("a timeout kills the whole process group", async () => {
      const job = bashJob("sleep 100 & echo $!; wait", { timeoutMs: 1000 });
      const finished = await harness.run(job);
      assert.deepEqual(finished.outcome, {
        status: "failed",
        error: "Task exceeded its execution timeout of 1s",
        noRetry: false,
      });
      const pid = Number(/\{stdout\} INFO - (\d+)\n/.exec(await harness.log(job))?.[1]);
      assert.ok(pid > 0);
      assert.ok(processGone(pid), `the background sleep (pid ${pid}) outlived its try`);
    });

    await t.step("cancel stops a bash command with the given reason", async () => {
      const job = bashJob("echo waiting; sleep 100");
      const finished = harness.run(job);
      await harness.waitForLog(job, "waiting");
      harness.executor.cancel(job.key, 1, "the run timed out");
      assert.deepEqual((await finished).outcome, {
        status: "failed",
        error: "the run timed out",
        noRetry: false,
      });
    });

    await t.step("a template error fails the try naming the field and line", async () => {
      const finished = await harness.run(bashJob("echo {{ ds }}\necho {{ foo }}"));
      assert.deepEqual(finished.outcome, {
        status: "failed",
        error: "Template error in field 'command' (line 2): unknown variable 'foo'",
        noRetry: false,
      });
    });
  } finally {
    await harness.close();
    await Deno.remove(workRoot, { recursive: true });
    Deno.env.delete("UPDRAFT_TEST_DECLARED");
    Deno.env.delete("UPDRAFT_TEST_UNDECLARED");
  }
});
