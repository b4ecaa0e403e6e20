import assert from "node:assert/strict";
import { COMMAND_TABLE } from "./_commands.ts";
import { CliFixture } from "./_testing.ts";

async function withFixture(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

Deno.test("updraft --help lists every command, the global flags and the exit codes", async () => {
  await withFixture(async (fixture) => {
    const result = await fixture.run(["--help"]);
    assert.equal(result.code, 0);
    for (const command of COMMAND_TABLE.commands) {
      assert.match(
        result.stdout,
        new RegExp(`\\n  ${command.words.join(" ")} `),
        command.words.join(" "),
      );
    }
    assert.match(result.stdout, /--dags-folder PATH/);
    assert.match(result.stdout, /3 not found; 4 conflict/);
    assert.match(result.stdout, /UPDRAFT_DATABASE_URL/);
    assert.doesNotMatch(result.stdout, /__executor-host/);
  });
});

Deno.test("every command has a help with usage, flags with defaults and an example", async () => {
  await withFixture(async (fixture) => {
    for (const command of COMMAND_TABLE.commands) {
      const result = await fixture.run([...command.words, "--help"]);
      const name = command.words.join(" ");
      assert.equal(result.code, 0, name);
      assert.match(result.stdout, new RegExp(`^Usage: updraft ${name}`), name);
      assert.match(result.stdout, /\nExamples?:\n {2}updraft /, name);
      assert.match(result.stdout, /Exit codes: 0 success/, name);
    }
    const trigger = await fixture.run(["dags", "trigger", "-h"]);
    assert.match(trigger.stdout, /-c, --conf JSON/);
    assert.match(trigger.stdout, /-e, --exec-date DATE .*\(default: now\)/);
    assert.match(trigger.stdout, /-o, --output FORMAT .*\(default: table\)/);
    const serve = await fixture.run(["help", "serve"]);
    assert.match(serve.stdout, /--unpause-new-dags/);
    assert.match(serve.stdout, /--port PORT .*\(default: 8080\)/);
  });
});

Deno.test("a group's help lists its commands; a group without a command is a usage error", async () => {
  await withFixture(async (fixture) => {
    const help = await fixture.run(["dags", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /dags backfill/);
    assert.doesNotMatch(help.stdout, /tasks clear/);
    const bare = await fixture.run(["dags"]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^updraft: missing a command after 'dags'/);
  });
});

Deno.test("unknown commands, unknown flags and missing arguments exit 2 naming them", async () => {
  await withFixture(async (fixture) => {
    const unknownCommand = await fixture.run(["frobnicate"]);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /^updraft: unknown command 'frobnicate'/);
    const unknownSub = await fixture.run(["dags", "explode"]);
    assert.equal(unknownSub.code, 2);
    assert.match(unknownSub.stderr, /unknown command 'dags explode'/);
    const unknownFlag = await fixture.run(["dags", "list", "--colour"]);
    assert.equal(unknownFlag.code, 2);
    assert.match(
      unknownFlag.stderr,
      /^updraft: unknown flag '--colour' \(see 'updraft dags list --help'\)\n$/,
    );
    const missing = await fixture.run(["dags", "trigger"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing argument DAG_ID/);
    const surplus = await fixture.run(["dags", "show", "a", "b"]);
    assert.equal(surplus.code, 2);
    assert.match(surplus.stderr, /unexpected argument 'b'/);
    const noValue = await fixture.run(["dags", "trigger", "x", "--conf"]);
    assert.equal(noValue.code, 2);
    assert.match(noValue.stderr, /flag '--conf' needs a value/);
    const badOutput = await fixture.run(["dags", "list", "-o", "yaml"]);
    assert.equal(badOutput.code, 2);
    assert.match(badOutput.stderr, /--output must be table or json, got 'yaml'/);
    assert.doesNotMatch(badOutput.stderr, /at .*\.ts/, "no stack trace");
  });
});

Deno.test("global flags may come before the command; version prints the version", async () => {
  await withFixture(async (fixture) => {
    const result = await fixture.run(["--home", fixture.home, "version"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

Deno.test("errors are one line on stderr; UPDRAFT_DEBUG=1 adds the stack", async () => {
  await withFixture(async (fixture) => {
    const plain = await fixture.run(["variables", "get", "nope"]);
    assert.equal(plain.code, 3);
    assert.equal(plain.stderr, "updraft: cannot get variable 'nope': no such variable\n");
    const debug = await fixture.run(["variables", "get", "nope"], { env: { UPDRAFT_DEBUG: "1" } });
    assert.equal(debug.code, 3);
    assert.match(
      debug.stderr,
      /^updraft: cannot get variable 'nope': no such variable\nCliError: .*\n\s+at /,
    );
  });
});
