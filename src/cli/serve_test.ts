import assert from "node:assert/strict";
import { CliFixture, passingDag } from "./_testing.ts";

/** Start a long-running command; resolves once `ready` matches its output. */
function startCommand(
  fixture: CliFixture,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
) {
  const controller = new AbortController();
  let seen = "";
  const started = Promise.withResolvers<RegExpMatchArray>();
  const done = fixture.run(args, {
    signal: controller.signal,
    env,
    onOutput: (text) => {
      seen += text;
      const match = seen.match(ready);
      if (match) started.resolve(match);
    },
  });
  done.then((result) =>
    started.reject(new Error(`the command ended early: ${result.stderr}${result.stdout}`))
  );
  return { started: started.promise, done, stop: () => controller.abort() };
}

Deno.test("serve: listens, serves the API with DAGs unpaused by --unpause-new-dags, stops on a signal with exit 0", async () => {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag(
      "greet.ts",
      passingDag("greet").replace("isPausedUponCreation: false,", ""),
    );
    const server = startCommand(
      fixture,
      ["serve", "--port", "0", "--host", "127.0.0.1", "--unpause-new-dags"],
      // Serving starts before the first read of the DAG folder ends: wait for both.
      /is serving (http:\/\/\S+) [\s\S]*DAG folder read in/,
      { UPDRAFT_ADMIN_PASSWORD: "a-long-password" },
    );
    const [, url] = await server.started;
    const response = await fetch(`${url}/api/v1/dags/greet`, {
      headers: { authorization: `Basic ${btoa("admin:a-long-password")}` },
    });
    assert.equal(response.status, 200);
    const dag = await response.json();
    assert.equal(dag.is_paused, false);
    server.stop();
    const result = await server.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Stopped\.\n$/);
  } finally {
    await fixture.dispose();
  }
});

Deno.test("dags backfill runs while a scheduler works on the same database", async () => {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag("greet.ts", passingDag("greet"));
    const scheduler = startCommand(fixture, ["scheduler"], /Press Ctrl\+C to stop/);
    await scheduler.started;
    try {
      const backfill = await fixture.run([
        "dags",
        "backfill",
        "greet",
        "-s",
        "2024-01-01",
        "-e",
        "2024-01-03",
      ]);
      assert.equal(backfill.code, 0, backfill.stderr + backfill.stdout);
      const runs = JSON.parse(
        (await fixture.run(["dags", "list-runs", "-d", "greet", "-o", "json"])).stdout,
      );
      const backfills = runs.filter((run: { run_id: string }) =>
        run.run_id.startsWith("backfill__")
      );
      assert.deepEqual(backfills.map((run: { state: string }) => run.state), [
        "success",
        "success",
        "success",
      ]);
    } finally {
      scheduler.stop();
      const result = await scheduler.done;
      assert.equal(result.code, 0, result.stderr);
    }
  } finally {
    await fixture.dispose();
  }
});
