import assert from "node:assert/strict";
import {
  connectionFromEnvironment,
  connectionFromJson,
  variableFromEnvironment,
} from "./connection_environment.ts";
import { ConnectionFormatError } from "./connection_uri.ts";

Deno.test("UPDRAFT_CONN_<ID> holds a URI; the id is upper-cased for the name", () => {
  const env = { UPDRAFT_CONN_MY_DB: "postgresql://ada:s%2Fcret@db:5432/sales" };
  assert.deepEqual(connectionFromEnvironment("my_db", env), {
    connId: "my_db",
    connType: "postgres",
    description: null,
    host: "db",
    schema: "sales",
    login: "ada",
    password: "s/cret",
    port: 5432,
    extra: null,
  });
  assert.equal(connectionFromEnvironment("other", env), null);
});

Deno.test("UPDRAFT_CONN_<ID> holds Airflow's JSON form; extra as an object or text", () => {
  const json = JSON.stringify({
    conn_type: "google-cloud-platform",
    host: "h",
    login: "l",
    password: "p",
    schema: "s",
    port: "8080",
    extra: { project: "x" },
    description: "d",
  });
  assert.deepEqual(connectionFromEnvironment("gcp", { UPDRAFT_CONN_GCP: `  ${json}` }), {
    connId: "gcp",
    connType: "google_cloud_platform",
    description: "d",
    host: "h",
    schema: "s",
    login: "l",
    password: "p",
    port: 8080,
    extra: '{"project":"x"}',
  });
  const minimal = connectionFromJson("m", '{"conn_type": "http", "port": 443, "extra": "{}"}');
  assert.equal(minimal.port, 443);
  assert.equal(minimal.extra, "{}");
  assert.equal(minimal.host, null);
});

Deno.test("a bad UPDRAFT_CONN_<ID> names the variable and the problem, never the secret", () => {
  const cases: [string, RegExp][] = [
    ['{"conn_type": "http", "password": "hunter2"', /JSON in UPDRAFT_CONN_API.*not valid JSON/],
    ['{"password": "hunter2"}', /'conn_type' is missing/],
    ['{"conn_type": "http", "pasword": "hunter2"}', /unknown key\(s\) pasword/],
    ['{"conn_type": "http", "password": 7, "x": "hunter2"}', /unknown key\(s\) x/],
    ['{"conn_type": "http", "password": ["hunter2"]}', /'password' must be a string/],
    ['{"conn_type": "http", "port": "hunter2"}', /'port' must be an integer/],
    ['{"conn_type": "http", "extra": ["hunter2"]}', /'extra' must be a JSON object/],
    ["http://u:hunter2@h:99999", /URI in UPDRAFT_CONN_API.*out of range/],
  ];
  for (const [value, reason] of cases) {
    assert.throws(() => connectionFromEnvironment("api", { UPDRAFT_CONN_API: value }), (error) => {
      assert.ok(error instanceof ConnectionFormatError, value);
      assert.match(error.message, /^invalid connection (JSON|URI) in UPDRAFT_CONN_API for 'api': /);
      assert.match(error.message, reason);
      assert.ok(!error.message.includes("hunter2"), error.message);
      return true;
    });
  }
});

Deno.test("UPDRAFT_VAR_<KEY> holds a variable's value", () => {
  assert.equal(variableFromEnvironment("region", { UPDRAFT_VAR_REGION: "eu" }), "eu");
  assert.equal(variableFromEnvironment("region", {}), null);
});
