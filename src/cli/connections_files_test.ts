import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import type { Connection } from "../core/mod.ts";
import { CliFixture } from "./_testing.ts";

async function withFixture(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

async function storedConnections(fixture: CliFixture): Promise<Connection[]> {
  const store = await fixture.openStore();
  try {
    return (await store.listConnections({})).items;
  } finally {
    await store.close();
  }
}

const SECRET = "p@ss:w/rd";
const WAREHOUSE_URI = `postgres://ada:${encodeURIComponent(SECRET)}@db.internal:5432/sales`;

Deno.test("connections export writes Airflow's JSON, YAML and .env forms with the passwords", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["connections", "add", "warehouse", "--conn-uri", WAREHOUSE_URI]);
    await fixture.run([
      "connections",
      "add",
      "api",
      "--conn-type",
      "http",
      "--conn-host",
      "https://api.example.com",
      "--conn-extra",
      '{"timeout": 5}',
    ]);
    const fields = {
      api: {
        conn_type: "http",
        description: null,
        login: null,
        password: null,
        host: "https://api.example.com",
        port: null,
        schema: null,
        extra: '{"timeout": 5}',
      },
      warehouse: {
        conn_type: "postgres",
        description: null,
        login: "ada",
        password: SECRET,
        host: "db.internal",
        port: 5432,
        schema: "sales",
        extra: null,
      },
    };
    const json = `${fixture.root}/connections.json`;
    const exported = await fixture.run(["connections", "export", json]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout, `2 connections exported to ${json}\n`);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(json)), fields);
    if (Deno.build.os !== "windows") assert.equal((await Deno.stat(json)).mode! & 0o777, 0o600);

    const yaml = `${fixture.root}/connections.yaml`;
    assert.equal((await fixture.run(["connections", "export", yaml])).code, 0);
    assert.deepEqual(parseYaml(await Deno.readTextFile(yaml)), fields);

    const env = await fixture.run(["connections", "export", "-", "--file-format", "env"]);
    assert.equal(
      env.stdout,
      // Airflow's URI form: a host with a protocol, a non-string extra value as __extra__.
      "api=http://https://api.example.com/?__extra__=%7B%22timeout%22%3A+5%7D\n" +
        `warehouse=${WAREHOUSE_URI}\n`,
    );
    const envJson = await fixture.run([
      "connections",
      "export",
      "-",
      "--file-format",
      "env",
      "--serialization-format",
      "json",
    ]);
    assert.equal(
      JSON.parse(envJson.stdout.split("\n")[1].slice("warehouse=".length)).password,
      SECRET,
    );

    const unknown = await fixture.run(["connections", "export", "-"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot tell the format of -: .* or --file-format/);
  });
});

Deno.test("connections import reads what export wrote; existing ids are skipped unless --overwrite", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["connections", "add", "warehouse", "--conn-uri", WAREHOUSE_URI]);
    await fixture.run(["connections", "add", "api", "--conn-type", "http", "--conn-host", "h"]);
    const json = `${fixture.root}/connections.json`;
    await fixture.run(["connections", "export", json]);
    const before = await storedConnections(fixture);
    await fixture.run(["connections", "delete", "warehouse"]);

    const first = await fixture.run(["connections", "import", json]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(
      first.stdout,
      `1 of 2 connections imported from ${json} (1 skipped, 0 failed).\n` +
        "Skipped because they already exist (use --overwrite): api\n",
    );
    assert.deepEqual(await storedConnections(fixture), before);

    const env = `${fixture.root}/more.env`;
    await Deno.writeTextFile(
      env,
      "# comment\n\napi=http://new-host:8080\n" +
        'files={"conn_type": "fs", "extra": {"path": "/data"}}\n',
    );
    const overwritten = await fixture.run(["connections", "import", env, "--overwrite"]);
    assert.equal(overwritten.code, 0, overwritten.stderr);
    const stored = await storedConnections(fixture);
    assert.deepEqual(stored.map((c) => [c.connId, c.connType, c.host, c.port, c.extra]), [
      ["api", "http", "new-host", 8080, null],
      ["files", "fs", null, null, '{"path":"/data"}'],
      ["warehouse", "postgres", "db.internal", 5432, null],
    ]);
  });
});

Deno.test("connections import: bad entries fail naming the id and never the password", async () => {
  await withFixture(async (fixture) => {
    const yaml = `${fixture.root}/connections.yml`;
    await Deno.writeTextFile(
      yaml,
      [
        "good: postgres://ada:pw@db:5432/sales",
        "no_type: {host: db, password: hunter2-secret}",
        "bad port: {conn_type: http, port: 99999}",
        "wrong_port: {conn_type: http, port: 99999, password: hunter2-secret}",
        "listed: [1, 2]",
      ].join("\n"),
    );
    const result = await fixture.run(["connections", "import", yaml]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^1 of 5 connections imported .*\(0 skipped, 4 failed\)/);
    assert.match(result.stderr, /Connection 'no_type' failed to import: 'conn_type' is missing/);
    assert.match(result.stderr, /Connection 'bad port' failed to import: its id may hold only/);
    assert.match(result.stderr, /Connection 'wrong_port' failed to import: 'port' must be/);
    assert.match(result.stderr, /Connection 'listed' failed to import: it must be a URI or an/);
    assert.ok(!result.stderr.includes("hunter2"), result.stderr);
    assert.deepEqual((await storedConnections(fixture)).map((c) => c.connId), ["good"]);

    const broken = `${fixture.root}/broken.json`;
    await Deno.writeTextFile(broken, '{"x": "postgres://a:hunter2-secret@h", oops}');
    const invalid = await fixture.run(["connections", "import", broken]);
    assert.equal(invalid.code, 2);
    assert.match(
      invalid.stderr,
      /cannot import connections from .*broken\.json: it is not valid JSON/,
    );
    assert.ok(!invalid.stderr.includes("hunter2"));
    const env = `${fixture.root}/bad.env`;
    await Deno.writeTextFile(env, "just text\n");
    const line = await fixture.run(["connections", "import", env]);
    assert.equal(line.code, 2);
    assert.match(line.stderr, /line 1 is not conn_id=<URI or JSON>/);
  });
});
