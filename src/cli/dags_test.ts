import assert from "node:assert/strict";
import { CliFixture, failingDag, passingDag } from "./_testing.ts";

async function withDags(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag("greet.ts", passingDag("greet"));
    await fixture.writeDag("broken_run.ts", failingDag("broken_run"));
    await fixture.writeDag("syntax.ts", "export default dag({ id: ");
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

Deno.test("dags list: a table of the folder's DAGs, JSON on request, import errors on stderr", async () => {
  await withDags(async (fixture) => {
    const table = await fixture.run(["dags", "list"]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split("\n");
    assert.match(
      lines[0],
      /^dag_id +\| fileloc +\| owners +\| is_paused +\| schedule +\| next_run$/,
    );
    assert.match(lines[1], /^=+=\+=/);
    assert.match(table.stdout, /\ngreet +\| greet\.ts +\| ada +\| false +\| @daily/);
    assert.match(table.stderr, /1 DAG file\(s\) failed to load/);
    assert.match(table.stderr, /\n {2}syntax\.ts[:\d]*: /);

    const json = await fixture.run(["dags", "list", "-o", "json"]);
    assert.equal(json.code, 0);
    const dags = JSON.parse(json.stdout);
    assert.deepEqual(dags.map((dag: { dag_id: string }) => dag.dag_id).sort(), [
      "broken_run",
      "greet",
    ]);
    const greet = dags.find((dag: { dag_id: string }) => dag.dag_id === "greet");
    assert.equal(greet.fileloc, "greet.ts");
    assert.equal(greet.is_paused, false);
    assert.equal(greet.schedule, "@daily");

    const errors = await fixture.run(["dags", "list-import-errors", "-o", "json"]);
    assert.equal(errors.code, 0);
    const parsed = JSON.parse(errors.stdout);
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0].filepath, "syntax.ts");
  });
});

Deno.test("dags show: a text tree, or Graphviz DOT; an unknown DAG exits 3", async () => {
  await withDags(async (fixture) => {
    const tree = await fixture.run(["dags", "show", "broken_run"]);
    assert.equal(tree.code, 0, tree.stderr);
    assert.match(tree.stdout, /first \[task\]\n└── broken \[task\]\n {4}└── after \[task\]\n$/);
    const dot = await fixture.run(["dags", "show", "greet", "--dot"]);
    assert.equal(dot.code, 0);
    assert.match(dot.stdout, /^digraph "greet" \{/);
    assert.match(dot.stdout, /"hello" -> "shout";/);
    const missing = await fixture.run(["dags", "show", "nope"]);
    assert.equal(missing.code, 3);
    assert.equal(missing.stderr, "updraft: cannot show DAG 'nope': no such DAG 'nope'\n");
  });
});

Deno.test("dags trigger: prints the queued run; a taken run id exits 4; bad input exits 2", async () => {
  await withDags(async (fixture) => {
    const created = await fixture.run([
      "dags",
      "trigger",
      "greet",
      "-e",
      "2024-03-01T06:00:00.250",
      "-r",
      "my_run",
      "-c",
      '{"x": 1}',
      "-o",
      "json",
    ]);
    assert.equal(created.code, 0, created.stderr);
    const run = JSON.parse(created.stdout);
    assert.equal(run.run_id, "my_run");
    assert.equal(run.state, "queued");
    assert.equal(run.execution_date, "2024-03-01T06:00:00+00:00", "fraction of a second dropped");
    assert.deepEqual(run.conf, { x: 1 });

    const again = await fixture.run(["dags", "trigger", "greet", "-r", "my_run"]);
    assert.equal(again.code, 4, again.stderr);
    assert.match(again.stderr, /^updraft: .*my_run/);

    const kept = await fixture.run([
      "dags",
      "trigger",
      "greet",
      "-e",
      "2024-03-02T06:00:00.250+00:00",
      "--no-replace-microseconds",
      "-o",
      "json",
    ]);
    assert.equal(JSON.parse(kept.stdout).execution_date, "2024-03-02T06:00:00.250000+00:00");

    const badDate = await fixture.run(["dags", "trigger", "greet", "-e", "tomorrow"]);
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /--exec-date: invalid date "tomorrow"/);
    const badConf = await fixture.run(["dags", "trigger", "greet", "-c", "[1]"]);
    assert.equal(badConf.code, 2);
    assert.match(badConf.stderr, /--conf: must be a JSON object/);
    const unknown = await fixture.run(["dags", "trigger", "nope"]);
    assert.equal(unknown.code, 3);
    assert.equal(unknown.stderr, "updraft: cannot trigger DAG 'nope': no such DAG 'nope'\n");

    const runs = await fixture.run(["dags", "list-runs", "-d", "greet", "-o", "json"]);
    assert.equal(runs.code, 0, runs.stderr);
    const listed = JSON.parse(runs.stdout);
    assert.deepEqual(listed.map((item: { run_id: string }) => item.run_id), [
      "manual__2024-03-02T06:00:00.250000+00:00",
      "my_run",
    ]);
    assert.deepEqual(Object.keys(listed[0]).slice(0, 6), [
      "dag_id",
      "run_id",
      "state",
      "execution_date",
      "start_date",
      "end_date",
    ]);
    const ranged = await fixture.run([
      "dags",
      "list-runs",
      "-d",
      "greet",
      "-s",
      "2024-03-02",
      "-o",
      "json",
    ]);
    assert.equal(JSON.parse(ranged.stdout).length, 1);
    const byState = await fixture.run(["dags", "list-runs", "-d", "greet", "--state", "failed"]);
    assert.equal(byState.code, 0);
    assert.match(byState.stdout, /No runs of DAG 'greet' match/);
    const badState = await fixture.run(["dags", "list-runs", "-d", "greet", "--state", "done"]);
    assert.equal(badState.code, 2);
    const noDag = await fixture.run(["dags", "list-runs"]);
    assert.equal(noDag.code, 2);
    assert.match(noDag.stderr, /missing flag --dag-id/);

    const state = await fixture.run(["dags", "state", "greet", "2024-03-01T06:00"]);
    assert.equal(state.code, 0);
    assert.equal(state.stdout, "queued\n");
    const none = await fixture.run(["dags", "state", "greet", "2020-01-01"]);
    assert.equal(none.stdout, "None\n");
  });
});

Deno.test("dags pause and unpause; next-execution", async () => {
  await withDags(async (fixture) => {
    const paused = await fixture.run(["dags", "pause", "greet"]);
    assert.equal(paused.code, 0, paused.stderr);
    assert.equal(paused.stdout, "Dag: greet, paused: True\n");
    const listed = JSON.parse((await fixture.run(["dags", "list", "-o", "json"])).stdout);
    assert.equal(listed.find((dag: { dag_id: string }) => dag.dag_id === "greet").is_paused, true);
    const unpaused = await fixture.run(["dags", "unpause", "greet", "-o", "json"]);
    assert.deepEqual(JSON.parse(unpaused.stdout), { dag_id: "greet", is_paused: false });
    const missing = await fixture.run(["dags", "pause", "nope"]);
    assert.equal(missing.code, 3);

    const next = await fixture.run(["dags", "next-execution", "greet", "-n", "2"]);
    assert.equal(next.code, 0, next.stderr);
    const dates = next.stdout.trimEnd().split("\n");
    assert.equal(dates.length, 2);
    for (const date of dates) assert.match(date, /^\d{4}-\d\d-\d\dT00:00:00\+00:00$/);
    assert.equal(Date.parse(dates[1]) - Date.parse(dates[0]), 86_400_000);
    const manual = await fixture.run(["dags", "next-execution", "broken_run"]);
    assert.equal(manual.stdout, "None\n");
  });
});
