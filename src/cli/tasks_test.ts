import assert from "node:assert/strict";
import { CliFixture, passingDag } from "./_testing.ts";

async function withBackfilledDag(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag("greet.ts", passingDag("greet"));
    const backfill = await fixture.run([
      "dags",
      "backfill",
      "greet",
      "-s",
      "2024-01-01",
      "-e",
      "2024-01-02",
    ]);
    assert.equal(backfill.code, 0, backfill.stderr + backfill.stdout);
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

Deno.test("tasks list prints sorted task ids, a tree, or JSON", async () => {
  const fixture = await CliFixture.create();
  try {
    await fixture.writeDag("greet.ts", passingDag("greet"));
    const plain = await fixture.run(["tasks", "list", "greet"]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, "hello\nshout\n");
    const tree = await fixture.run(["tasks", "list", "greet", "--tree"]);
    assert.equal(tree.stdout, "hello [task]\n└── shout [bash]\n");
    const json = JSON.parse((await fixture.run(["tasks", "list", "greet", "-o", "json"])).stdout);
    assert.deepEqual(json[1], {
      task_id: "shout",
      operator: "bash",
      upstream_task_ids: ["hello"],
      trigger_rule: "all_success",
    });
  } finally {
    await fixture.dispose();
  }
});

Deno.test("tasks clear: refuses without a terminal, asks on one, clears with -y; state then None", async () => {
  await withBackfilledDag(async (fixture) => {
    const date = "2024-01-02";
    assert.equal(
      (await fixture.run(["tasks", "state", "greet", "shout", date])).stdout,
      "success\n",
    );

    const refused = await fixture.run([
      "tasks",
      "clear",
      "greet",
      "-t",
      "^sh",
      "-s",
      date,
      "-e",
      date,
    ]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to clear 1 task instance\(s\) without confirmation/);
    assert.match(refused.stderr, /greet\.shout backfill__2024-01-02T00:00:00\+00:00 \(success\)/);

    const questions: string[] = [];
    const declined = await fixture.run([
      "tasks",
      "clear",
      "greet",
      "-t",
      "^sh",
      "-s",
      date,
      "-e",
      date,
    ], {
      stdinIsTerminal: true,
      confirm: (question) => {
        questions.push(question);
        return false;
      },
    });
    assert.equal(declined.code, 0);
    assert.deepEqual(questions, ["Clear them?"]);
    assert.match(declined.stderr, /Nothing was cleared/);
    assert.equal(
      (await fixture.run(["tasks", "state", "greet", "shout", date])).stdout,
      "success\n",
    );

    const cleared = await fixture.run([
      "tasks",
      "clear",
      "greet",
      "-t",
      "^sh",
      "-s",
      date,
      "-e",
      date,
      "-y",
      "-o",
      "json",
    ]);
    assert.equal(cleared.code, 0, cleared.stderr);
    const rows = JSON.parse(cleared.stdout);
    assert.deepEqual(
      rows.map((row: { task_id: string; run_id: string }) => [row.task_id, row.run_id]),
      [
        ["shout", "backfill__2024-01-02T00:00:00+00:00"],
      ],
    );
    assert.equal((await fixture.run(["tasks", "state", "greet", "shout", date])).stdout, "None\n");
    assert.equal(
      (await fixture.run(["tasks", "state", "greet", "hello", date])).stdout,
      "success\n",
    );
    assert.equal(
      (await fixture.run(["tasks", "state", "greet", "shout", "2024-01-01"])).stdout,
      "success\n",
    );
    assert.equal(
      (await fixture.run(["dags", "state", "greet", date])).stdout,
      "queued\n",
      "the run goes back to queued",
    );

    const upstream = await fixture.run([
      "tasks",
      "clear",
      "greet",
      "-t",
      "^shout$",
      "-u",
      "-s",
      "2024-01-01",
      "-e",
      "2024-01-01",
      "-y",
    ]);
    assert.equal(upstream.code, 0);
    assert.match(upstream.stdout, /Cleared 2 task instance\(s\)/);
    const nothing = await fixture.run(["tasks", "clear", "greet", "-f", "-y"]);
    assert.equal(nothing.code, 0);
    assert.match(nothing.stderr, /No task instances to clear/);
    const badRegex = await fixture.run(["tasks", "clear", "greet", "-t", "(", "-y"]);
    assert.equal(badRegex.code, 2);
  });
});

Deno.test("tasks state: unknown runs and tasks exit 3", async () => {
  await withBackfilledDag(async (fixture) => {
    const noRun = await fixture.run(["tasks", "state", "greet", "shout", "2023-01-01"]);
    assert.equal(noRun.code, 3);
    assert.match(noRun.stderr, /no run with run id or logical date '2023-01-01'/);
    const noTask = await fixture.run(["tasks", "state", "greet", "nope", "2024-01-01"]);
    assert.equal(noTask.code, 3);
    const noDag = await fixture.run(["tasks", "state", "nope", "shout", "2024-01-01"]);
    assert.equal(noDag.code, 3);
  });
});
