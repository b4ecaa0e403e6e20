import assert from "node:assert/strict";
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

const SECRET = "p@ss:w/rd%?#";

Deno.test("connections add by URI is stored whole; get and list show the password as ***", async () => {
  await withFixture(async (fixture) => {
    const uri = `postgresql://ada:${
      encodeURIComponent(SECRET)
    }@db.internal:5432/sales?sslmode=disable`;
    const added = await fixture.run(["connections", "add", "warehouse", "--conn-uri", uri]);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, "Connection warehouse added\n");

    const store = await fixture.openStore();
    try {
      assert.deepEqual(await store.getConnection("warehouse"), {
        connId: "warehouse",
        connType: "postgres",
        description: null,
        host: "db.internal",
        schema: "sales",
        login: "ada",
        password: SECRET,
        port: 5432,
        extra: '{"sslmode":"disable"}',
      });
    } finally {
      await store.close();
    }

    const got = await fixture.run(["connections", "get", "warehouse", "-o", "json"]);
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(JSON.parse(got.stdout), {
      conn_id: "warehouse",
      conn_type: "postgres",
      description: null,
      host: "db.internal",
      schema: "sales",
      login: "ada",
      password: "***",
      port: 5432,
      extra: '{"sslmode":"disable"}',
    });
    const table = await fixture.run(["connections", "get", "warehouse"]);
    assert.match(table.stdout, /warehouse \| postgres/);
    const list = await fixture.run(["connections", "list"]);
    assert.match(list.stdout, /^conn_id +\| conn_type/);
    for (const output of [got.stdout, table.stdout, list.stdout]) {
      assert.ok(!output.includes("w/rd"), output);
    }
  });
});

Deno.test("connections add by JSON and by separate flags; sensitive extra is masked", async () => {
  await withFixture(async (fixture) => {
    const json = JSON.stringify({
      conn_type: "http",
      host: "https://api.example.com",
      extra: { api_key: "k3y", timeout: "5" },
    });
    assert.equal((await fixture.run(["connections", "add", "api", "--conn-json", json])).code, 0);
    const flags = await fixture.run([
      "connections",
      "add",
      "files",
      "--conn-type",
      "google-cloud-platform",
      "--conn-host",
      "h",
      "--conn-port",
      "8080",
      "--conn-login",
      "me",
      "--conn-schema",
      "s",
      "--conn-extra",
      '{"project": "x"}',
      "--conn-description",
      "the files",
    ]);
    assert.equal(flags.code, 0, flags.stderr);
    const listed = JSON.parse((await fixture.run(["connections", "list", "-o", "json"])).stdout);
    assert.deepEqual(listed.map((row: { conn_id: string }) => row.conn_id), ["api", "files"]);
    assert.equal(listed[0].extra, '{"api_key":"***","timeout":"5"}');
    assert.equal(listed[0].password, null);
    assert.deepEqual(listed[1], {
      conn_id: "files",
      conn_type: "google_cloud_platform",
      description: "the files",
      host: "h",
      schema: "s",
      login: "me",
      password: null,
      port: 8080,
      extra: '{"project": "x"}',
    });
    const one = JSON.parse(
      (await fixture.run(["connections", "list", "--conn-id", "files", "-o", "json"])).stdout,
    );
    assert.deepEqual(one.map((row: { conn_id: string }) => row.conn_id), ["files"]);
    const withDescription = await fixture.run([
      "connections",
      "add",
      "uri_plus",
      "--conn-uri",
      "http://h",
      "--conn-description",
      "described",
    ]);
    assert.equal(withDescription.code, 0, withDescription.stderr);
    const shown = JSON.parse(
      (await fixture.run(["connections", "get", "uri_plus", "-o", "json"])).stdout,
    );
    assert.equal(shown.description, "described");
  });
});

Deno.test("connections: bad input exits 2 without the secret, a taken id 4, a missing one 3", async () => {
  await withFixture(async (fixture) => {
    const bad: [string[], RegExp][] = [
      [["--conn-uri", "postgres://u:hunter2@db:99999"], /'c'.*out of range/],
      [["--conn-uri", "no scheme hunter2"], /no scheme/],
      [["--conn-json", '{"conn_type": "x", "password": "hunter2"'], /not valid JSON/],
      [["--conn-uri", "http://h", "--conn-json", "{}"], /not both/],
      [
        ["--conn-json", "{}", "--conn-password", "hunter2"],
        /cannot be combined with --conn-password/,
      ],
      [["--conn-uri", "http://h", "--conn-password", "hunter2"], /cannot be combined/],
      [["--conn-host", "h", "--conn-password", "hunter2"], /--conn-type is required/],
      [["--conn-type", "http", "--conn-port", "80a", "--conn-password", "hunter2"], /--conn-port/],
      [["--conn-type", "http", "--conn-extra", "[1]"], /--conn-extra.*JSON object/],
    ];
    for (const [flags, reason] of bad) {
      const result = await fixture.run(["connections", "add", "c", ...flags]);
      assert.equal(result.code, 2, `${flags.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, reason);
      assert.ok(!result.stderr.includes("hunter2"), result.stderr);
    }
    const badId = await fixture.run(["connections", "add", "a b", "--conn-type", "http"]);
    assert.equal(badId.code, 2);
    assert.equal((await fixture.run(["connections", "list", "-o", "json"])).stdout, "[]\n");

    assert.equal((await fixture.run(["connections", "add", "c", "--conn-type", "http"])).code, 0);
    const taken = await fixture.run(["connections", "add", "c", "--conn-type", "ftp"]);
    assert.equal(taken.code, 4);
    assert.match(
      taken.stderr,
      /cannot add connection 'c': a connection with this id already exists/,
    );

    assert.equal(
      (await fixture.run(["connections", "delete", "c"])).stdout,
      "Connection c deleted\n",
    );
    const gone = await fixture.run(["connections", "get", "c"]);
    assert.equal(gone.code, 3);
    assert.equal(gone.stderr, "updraft: cannot get connection 'c': no such connection\n");
    assert.equal((await fixture.run(["connections", "delete", "c"])).code, 3);
    assert.equal((await fixture.run(["connections", "list"])).stdout, "No connections\n");
  });
});

Deno.test("connections get reads UPDRAFT_CONN_<ID> first, as Airflow reads AIRFLOW_CONN_*", async () => {
  await withFixture(async (fixture) => {
    const env = { UPDRAFT_CONN_FROM_ENV: "mysql://root:hunter2@maria:3306/app" };
    const got = await fixture.run(["connections", "get", "from_env", "-o", "json"], { env });
    assert.equal(got.code, 0, got.stderr);
    const shown = JSON.parse(got.stdout);
    assert.equal(shown.host, "maria");
    assert.equal(shown.password, "***");
    const broken = await fixture.run(["connections", "get", "from_env"], {
      env: { UPDRAFT_CONN_FROM_ENV: '{"conn_type": "x", "password": "hunter2"' },
    });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /UPDRAFT_CONN_FROM_ENV/);
    assert.ok(!broken.stderr.includes("hunter2"));
  });
});

Deno.test("connections test runs the provider's test on the stored connection; exit 1 when it fails", async () => {
  await withFixture(async (fixture) => {
    const uri = `postgres://ada:${encodeURIComponent(SECRET)}@db.internal:5432/sales`;
    await fixture.run(["connections", "add", "warehouse", "--conn-uri", uri]);
    const seen: Connection[] = [];
    const testConnection = (connection: Connection) => {
      seen.push(connection);
      const works = connection.host === "db.internal";
      return Promise.resolve({
        status: works,
        message: works ? "Connection successfully tested" : `could not reach ${connection.host}`,
      });
    };
    const passed = await fixture.run(["connections", "test", "warehouse"], { testConnection });
    assert.equal(passed.code, 0, passed.stderr);
    assert.equal(passed.stdout, "Connection warehouse works: Connection successfully tested\n");
    assert.equal(seen[0].password, SECRET, "the stored connection, decrypted");

    // UPDRAFT_CONN_<ID> wins over the database, as for `connections get`.
    const env = { UPDRAFT_CONN_WAREHOUSE: "postgres://ada:x@elsewhere:5432/sales" };
    const failed = await fixture.run(["connections", "test", "warehouse", "-o", "json"], {
      env,
      testConnection,
    });
    assert.equal(failed.code, 1);
    assert.deepEqual(JSON.parse(failed.stdout), {
      conn_id: "warehouse",
      status: false,
      message: "could not reach elsewhere",
    });

    const missing = await fixture.run(["connections", "test", "nope"], { testConnection });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot test connection 'nope': no such connection/);
    assert.equal(seen.length, 2);
  });
});

Deno.test("connections test with the installed providers: SQLite files through @updraft/sql; untestable types say so", async () => {
  await withFixture(async (fixture) => {
    const add = (connId: string, type: string, host: string) =>
      fixture.run(["connections", "add", connId, "--conn-type", type, "--conn-host", host]);
    await add("lite", "sqlite", `${fixture.root}/data.db`);
    await add("missing", "sqlite", `${fixture.root}/no/such/folder/data.db`);
    await add("cluster", "spark", "yarn");
    const works = await fixture.run(["connections", "test", "lite"]);
    assert.equal(works.code, 0, works.stdout + works.stderr);
    assert.match(works.stdout, /^Connection lite works: /);
    const fails = await fixture.run(["connections", "test", "missing"]);
    assert.equal(fails.code, 1);
    assert.match(
      fails.stdout,
      /^Connection missing failed: connection "missing" \(sqlite at .*data\.db\)/,
    );
    const untestable = await fixture.run(["connections", "test", "cluster"]);
    assert.equal(untestable.code, 1);
    assert.match(
      untestable.stdout,
      /^Connection cluster failed: connection "cluster" is not testable: no provider tests conn type "spark"/,
    );
  });
});
