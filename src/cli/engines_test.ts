import assert from "node:assert/strict";
import { CliFixture, failingDag, passingDag } from "./_testing.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file under a folder with its bytes. */
async function snapshot(folder: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for await (const entry of Deno.readDir(folder)) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory) {
      for (const [inner, bytes] of await snapshot(path)) files.set(inner, bytes);
    } else files.set(path, await Deno.readFile(path));
  }
  return files;
}

async function withDags(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag("greet.ts", passingDag("greet"));
    await fixture.writeDag("broken_run.ts", failingDag("broken_run"));
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

Deno.test("dags test of a passing DAG: states, tries and logs printed, exit 0, nothing written", async () => {
  await withDags(async (fixture) => {
    const result = await fixture.run([
      "dags",
      "test",
      "greet",
      "2024-02-01",
      "-c",
      '{"who": "cli"}',
    ]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /\[hello\] success \(try 1\)\n/);
    assert.match(result.stdout, /hello from 2024-02-01 with \{"who":"cli"\}/);
    assert.match(result.stdout, /\[shout\] success \(try 1\)\n/);
    assert.match(result.stdout, /shouting on 2024-02-01/);
    assert.ok(
      result.stdout.indexOf("[hello]") < result.stdout.indexOf("[shout]"),
      "tasks are reported as they finish",
    );
    assert.match(
      result.stdout,
      /Run 'manual__2024-02-01T00:00:00\+00:00' of DAG 'greet' ended success/,
    );
    assert.equal(
      await exists(fixture.home),
      false,
      "the home folder (and database) was not created",
    );
  });
});

Deno.test("dags test of a failing DAG exits 1 with the failure and the skipped downstream", async () => {
  await withDags(async (fixture) => {
    await fixture.run(["db", "migrate"]);
    const before = await snapshot(fixture.home);
    assert.ok(before.has(fixture.database));
    const result = await fixture.run(["dags", "test", "broken_run", "-o", "json"]);
    assert.equal(result.code, 1, result.stderr);
    const run = JSON.parse(result.stdout);
    assert.equal(run.state, "failed");
    const states = Object.fromEntries(
      run.task_instances.map((
        instance: { task_id: string; state: string },
      ) => [instance.task_id, instance.state]),
    );
    assert.deepEqual(states, { first: "success", broken: "failed", after: "upstream_failed" });
    const broken = run.task_instances.find((instance: { task_id: string }) =>
      instance.task_id === "broken"
    );
    assert.equal(broken.try_number, 1);
    assert.match(broken.log, /this task always breaks/);
    assert.deepEqual(await snapshot(fixture.home), before, "nothing in the home folder changed");
    const runs = await fixture.run(["dags", "list-runs", "-d", "broken_run", "-o", "json"]);
    assert.equal(runs.code, 0, runs.stderr);
    assert.deepEqual(JSON.parse(runs.stdout), [], "the database has no run of the tested DAG");
  });
});

Deno.test("dags test of an unknown DAG exits 3", async () => {
  await withDags(async (fixture) => {
    const result = await fixture.run(["dags", "test", "nope"]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^updraft: cannot test DAG 'nope': no such DAG 'nope'/);
  });
});

Deno.test("tasks test runs one task with task params, prints its log and XComs, writes nothing", async () => {
  await withDags(async (fixture) => {
    const result = await fixture.run([
      "tasks",
      "test",
      "greet",
      "hello",
      "2024-05-06",
      "-t",
      '{"extra": true}',
    ]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /hello from 2024-05-06 with \{"extra":true\}/);
    assert.match(result.stdout, /Task 'hello' of DAG 'greet' ended success/);
    assert.match(result.stdout, /return_value \| \{"day":"2024-05-06"\}/);

    const json = await fixture.run(["tasks", "test", "broken_run", "broken", "-o", "json"]);
    assert.equal(json.code, 1);
    const outcome = JSON.parse(json.stdout);
    assert.equal(outcome.state, "failed");
    assert.match(outcome.error, /this task always breaks/);

    const missing = await fixture.run(["tasks", "test", "greet", "nope"]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /no such task \(its tasks: hello, shout\)/);
    assert.equal(await exists(fixture.home), false);
  });
});

Deno.test("dags backfill over three days creates backfill runs that end success", async () => {
  await withDags(async (fixture) => {
    const dry = await fixture.run([
      "dags",
      "backfill",
      "greet",
      "-s",
      "2024-01-01",
      "-e",
      "2024-01-03",
      "--dry-run",
      "-o",
      "json",
    ]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(
      JSON.parse(dry.stdout).map((row: { execution_date: string }) => row.execution_date),
      [
        "2024-01-01T00:00:00+00:00",
        "2024-01-02T00:00:00+00:00",
        "2024-01-03T00:00:00+00:00",
      ],
    );
    const none = await fixture.run(["dags", "list-runs", "-d", "greet", "-o", "json"]);
    assert.deepEqual(JSON.parse(none.stdout), [], "a dry run creates nothing");

    const result = await fixture.run([
      "dags",
      "backfill",
      "greet",
      "-s",
      "2024-01-01",
      "-e",
      "2024-01-03",
    ]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stderr, /backfill greet: runs 3\/3 · tasks 6\/6/);
    assert.match(result.stdout, /3 run\(s\) succeeded, 0 failed/);
    const runs = JSON.parse(
      (await fixture.run(["dags", "list-runs", "-d", "greet", "-o", "json"])).stdout,
    );
    assert.deepEqual(
      runs.map((run: { run_id: string; state: string }) => [run.run_id, run.state]),
      [
        ["backfill__2024-01-03T00:00:00+00:00", "success"],
        ["backfill__2024-01-02T00:00:00+00:00", "success"],
        ["backfill__2024-01-01T00:00:00+00:00", "success"],
      ],
    );
    const state = await fixture.run([
      "tasks",
      "state",
      "greet",
      "shout",
      "backfill__2024-01-02T00:00:00+00:00",
    ]);
    assert.equal(state.stdout, "success\n");

    const again = await fixture.run([
      "dags",
      "backfill",
      "greet",
      "-s",
      "2024-01-01",
      "-e",
      "2024-01-03",
      "--reset-dagruns",
    ]);
    assert.equal(again.code, 2, "resetting runs without a terminal needs -y");
    assert.match(again.stderr, /refusing to reset 3 run\(s\)/);

    const noBackfill = await fixture.run([
      "dags",
      "list-runs",
      "-d",
      "greet",
      "--no-backfill",
      "-o",
      "json",
    ]);
    assert.deepEqual(JSON.parse(noBackfill.stdout), []);
    const missing = await fixture.run(["dags", "backfill", "greet", "-s", "2024-01-01"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing flag --end-date/);
  });
});
