import assert from "node:assert/strict";
import { verifyPassword } from "../http/mod.ts";
import { SqliteStore } from "../store/mod.ts";
import { CliFixture } from "./_testing.ts";

async function withFixture(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

Deno.test("db migrate prints the schema version; db reset needs --yes", async () => {
  await withFixture(async (fixture) => {
    const migrated = await fixture.run(["db", "migrate", "-o", "json"]);
    assert.equal(migrated.code, 0, migrated.stderr);
    const { schema_version } = JSON.parse(migrated.stdout);
    assert.ok(Number.isInteger(schema_version) && schema_version >= 1);
    const table = await fixture.run(["db", "migrate"]);
    assert.match(table.stdout, new RegExp(`is at schema version ${schema_version}\\.`));

    await fixture.run(["variables", "set", "kept", "no"]);
    const refused = await fixture.run(["db", "reset"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to reset the database without --yes/);
    assert.equal((await fixture.run(["variables", "get", "kept"])).stdout, "no\n");
    const reset = await fixture.run(["db", "reset", "-y"]);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal((await fixture.run(["variables", "get", "kept"])).code, 3);
    assert.equal((await fixture.run(["db", "check"])).code, 0);
  });
});

Deno.test("variables: set, get, get -j, default, list, delete, and exit 3 when missing", async () => {
  await withFixture(async (fixture) => {
    assert.equal(
      (await fixture.run(["variables", "set", "bucket", "s3://data", "--description", "where"]))
        .code,
      0,
    );
    assert.equal((await fixture.run(["variables", "get", "bucket"])).stdout, "s3://data\n");
    const json = await fixture.run(["variables", "set", "limits", '{ "rows": 10 }', "-j"]);
    assert.equal(json.code, 0);
    assert.equal((await fixture.run(["variables", "get", "limits"])).stdout, '{"rows":10}\n');
    assert.equal(
      (await fixture.run(["variables", "get", "limits", "-j"])).stdout,
      '{\n  "rows": 10\n}\n',
    );
    const badJson = await fixture.run(["variables", "set", "broken", "{", "-j"]);
    assert.equal(badJson.code, 2);
    assert.match(badJson.stderr, /VALUE is not valid JSON/);

    const list = JSON.parse((await fixture.run(["variables", "list", "-o", "json"])).stdout);
    assert.deepEqual(list, [{ key: "bucket", description: "where" }, {
      key: "limits",
      description: null,
    }]);

    const missing = await fixture.run(["variables", "get", "nope"]);
    assert.equal(missing.code, 3);
    assert.equal(missing.stderr, "updraft: cannot get variable 'nope': no such variable\n");
    assert.equal(
      (await fixture.run(["variables", "get", "nope", "-d", "fallback"])).stdout,
      "fallback\n",
    );
    const fromEnv = await fixture.run(["variables", "get", "region"], {
      env: { UPDRAFT_VAR_REGION: "eu" },
    });
    assert.equal(fromEnv.stdout, "eu\n");
    // The environment wins over the database, as AIRFLOW_VAR_<KEY> does in Airflow.
    const overridden = await fixture.run(["variables", "get", "bucket"], {
      env: { UPDRAFT_VAR_BUCKET: "from-env" },
    });
    assert.equal(overridden.stdout, "from-env\n");

    assert.equal((await fixture.run(["variables", "delete", "bucket"])).code, 0);
    assert.equal((await fixture.run(["variables", "get", "bucket"])).code, 3);
    assert.equal((await fixture.run(["variables", "delete", "bucket"])).code, 3);
  });
});

Deno.test("users create then users list; a taken name exits 4; a random password is printed", async () => {
  await withFixture(async (fixture) => {
    const created = await fixture.run([
      "users",
      "create",
      "-r",
      "admin",
      "-u",
      "ada",
      "-e",
      "ada@example.com",
      "-f",
      "Ada",
      "-l",
      "Lovelace",
      "-p",
      "correct horse",
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, "User ada created with role Admin\n");
    const random = await fixture.run([
      "users",
      "create",
      "-r",
      "Viewer",
      "-u",
      "bob",
      "-e",
      "bob@example.com",
      "-f",
      "Bob",
      "-l",
      "Smith",
      "--use-random-password",
    ]);
    assert.equal(random.code, 0, random.stderr);
    assert.match(random.stdout, /Password: [A-Za-z0-9_-]{24}\n/);

    const list = JSON.parse((await fixture.run(["users", "list", "-o", "json"])).stdout);
    assert.deepEqual(list, [
      {
        username: "ada",
        email: "ada@example.com",
        first_name: "Ada",
        last_name: "Lovelace",
        role: "Admin",
      },
      {
        username: "bob",
        email: "bob@example.com",
        first_name: "Bob",
        last_name: "Smith",
        role: "Viewer",
      },
    ]);
    const table = await fixture.run(["users", "list"]);
    assert.match(table.stdout, /^username \| email +\| first_name \| last_name \| role/);

    const taken = await fixture.run([
      "users",
      "create",
      "-r",
      "User",
      "-u",
      "ada",
      "-e",
      "x@example.com",
      "-f",
      "A",
      "-l",
      "B",
      "-p",
      "another secret",
    ]);
    assert.equal(taken.code, 4, taken.stderr);
    const badRole = await fixture.run([
      "users",
      "create",
      "-r",
      "Public",
      "-u",
      "eve",
      "-e",
      "e@example.com",
      "-f",
      "E",
      "-l",
      "V",
      "-p",
      "12345678",
    ]);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be one of Viewer, User, Op, Admin/);
    const noPassword = await fixture.run([
      "users",
      "create",
      "-r",
      "User",
      "-u",
      "eve",
      "-e",
      "e@x",
      "-f",
      "E",
      "-l",
      "V",
    ]);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /exactly one of --password and --use-random-password/);
    const reset = await fixture.run([
      "users",
      "reset-password",
      "-u",
      "bob",
      "-p",
      "brand new secret",
    ]);
    assert.equal(reset.code, 0, reset.stderr);
    const store = SqliteStore.open(fixture.database);
    try {
      const bob = await store.getUser("bob");
      assert.equal(await verifyPassword("brand new secret", bob!.passwordHash), true);
      const ada = await store.getUser("ada");
      assert.equal(await verifyPassword("correct horse", ada!.passwordHash), true);
    } finally {
      await store.close();
    }
    assert.equal(
      (await fixture.run(["users", "reset-password", "-u", "zed", "-p", "whatever12"])).code,
      3,
    );
    assert.equal((await fixture.run(["users", "delete", "-u", "bob"])).code, 0);
    assert.equal((await fixture.run(["users", "delete", "-u", "bob"])).code, 3);
  });
});

Deno.test("pools: set, get, list, delete", async () => {
  await withFixture(async (fixture) => {
    const set = await fixture.run([
      "pools",
      "set",
      "warehouse",
      "4",
      "Warehouse connections",
      "-o",
      "json",
    ]);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout), {
      pool: "warehouse",
      slots: 4,
      description: "Warehouse connections",
      include_deferred: false,
    });
    const list = JSON.parse((await fixture.run(["pools", "list", "-o", "json"])).stdout);
    assert.deepEqual(list.map((pool: { pool: string }) => pool.pool).sort(), [
      "default_pool",
      "warehouse",
    ]);
    assert.equal((await fixture.run(["pools", "set", "x", "many", "d"])).code, 2);
    assert.equal((await fixture.run(["pools", "delete", "warehouse"])).code, 0);
    assert.equal((await fixture.run(["pools", "get", "warehouse"])).code, 3);
    assert.equal((await fixture.run(["pools", "delete", "default_pool"])).code, 2);
  });
});
