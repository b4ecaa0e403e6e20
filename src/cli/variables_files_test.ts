import assert from "node:assert/strict";
import { CliFixture } from "./_testing.ts";

async function withFixture(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

async function storedVariables(fixture: CliFixture) {
  const store = await fixture.openStore();
  try {
    return (await store.listVariables({})).items;
  } finally {
    await store.close();
  }
}

Deno.test("variables import: strings as is, other JSON as JSON text; counts created and updated", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["variables", "set", "region", "eu", "--description", "where we run"]);
    const file = `${fixture.root}/variables.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        region: "us-east-1",
        limits: { rows: 1000, tables: ["a", "b"] },
        retries: 3,
        enabled: true,
        nothing: null,
      }),
    );
    const imported = await fixture.run(["variables", "import", file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(
      imported.stdout,
      `5 of 5 variables imported from ${file} (4 created, 1 updated, 0 skipped, 0 failed).\n`,
    );
    assert.deepEqual(await storedVariables(fixture), [
      { key: "enabled", value: "true", description: null },
      { key: "limits", value: '{"rows":1000,"tables":["a","b"]}', description: null },
      { key: "nothing", value: "null", description: null },
      { key: "region", value: "us-east-1", description: "where we run" },
      { key: "retries", value: "3", description: null },
    ]);
    const json = await fixture.run(["variables", "get", "limits", "-j"]);
    assert.deepEqual(JSON.parse(json.stdout), { rows: 1000, tables: ["a", "b"] });
  });
});

Deno.test("variables import --action-on-existing-key skip and fail; bad keys fail, naming them", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["variables", "set", "region", "eu"]);
    const file = `${fixture.root}/variables.json`;
    await Deno.writeTextFile(file, JSON.stringify({ region: "us", bucket: "raw", "": "blank" }));

    const skipped = await fixture.run(["variables", "import", file, "-a", "skip"]);
    assert.equal(skipped.code, 1, "a failed key fails the command");
    assert.equal(
      skipped.stdout,
      `1 of 3 variables imported from ${file} (1 created, 0 updated, 1 skipped, 1 failed).\n` +
        "Skipped because they already exist: region\n",
    );
    assert.match(skipped.stderr, /^Variable '' failed to import: the key must be 1 to 250/);
    assert.deepEqual((await storedVariables(fixture)).map((v) => [v.key, v.value]), [
      ["bucket", "raw"],
      ["region", "eu"],
    ]);

    await Deno.writeTextFile(file, JSON.stringify({ region: "us", bucket: "new", fresh: "x" }));
    const refused = await fixture.run([
      "variables",
      "import",
      file,
      "--action-on-existing-key",
      "fail",
    ]);
    assert.equal(refused.code, 4);
    assert.match(
      refused.stderr,
      /these keys already exist: bucket, region \(nothing was imported\)/,
    );
    assert.equal((await storedVariables(fixture)).length, 2, "nothing written");

    const bad = await fixture.run(["variables", "import", file, "-a", "merge"]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--action-on-existing-key must be overwrite, skip or fail, not 'merge'/,
    );
  });
});

Deno.test("variables import: a missing file is exit 3, a file that is not an object exit 2", async () => {
  await withFixture(async (fixture) => {
    const missing = await fixture.run(["variables", "import", `${fixture.root}/nope.json`]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot import variables: no such file .*nope\.json/);
    const file = `${fixture.root}/bad.json`;
    for (
      const [text, words] of [["{oops", /not valid JSON/], ["[1, 2]", /one JSON object/]] as const
    ) {
      await Deno.writeTextFile(file, text);
      const result = await fixture.run(["variables", "import", file]);
      assert.equal(result.code, 2, text);
      assert.match(result.stderr, words);
    }
  });
});

Deno.test("variables export writes {key: value} with JSON values as JSON, and round-trips", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["variables", "set", "limits", '{"rows": 1000}', "-j"]);
    await fixture.run(["variables", "set", "region", "eu-west-1"]);
    await fixture.run(["variables", "set", "retries", "3"]);
    const file = `${fixture.root}/out.json`;
    const exported = await fixture.run(["variables", "export", file]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout, `3 variables exported to ${file}\n`);
    const text = await Deno.readTextFile(file);
    assert.deepEqual(JSON.parse(text), { limits: { rows: 1000 }, region: "eu-west-1", retries: 3 });
    assert.match(text, /^\{\n {4}"limits": \{\n {8}"rows": 1000/);
    if (Deno.build.os !== "windows") assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);

    const stdout = await fixture.run(["variables", "export", "-"]);
    assert.equal(stdout.stdout, text);

    const before = await storedVariables(fixture);
    for (const variable of before) await fixture.run(["variables", "delete", variable.key]);
    const again = await fixture.run(["variables", "import", file]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await storedVariables(fixture), before);
  });
});
