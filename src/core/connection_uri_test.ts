import assert from "node:assert/strict";
import { ConnectionFormatError, connectionFromUri, connectionToUri } from "./connection_uri.ts";
import type { Connection } from "./records.ts";

function connection(overrides: Partial<Connection>): Connection {
  return {
    connId: "c",
    connType: "postgres",
    description: null,
    host: null,
    schema: null,
    login: null,
    password: null,
    port: null,
    extra: null,
    ...overrides,
  };
}

Deno.test("connectionFromUri reads every part, as Airflow's _parse_from_uri", () => {
  assert.deepEqual(
    connectionFromUri(
      "warehouse",
      "postgresql://ada:s%40cret@DB.example.com:5432/sales?sslmode=disable&x=a+b",
    ),
    connection({
      connId: "warehouse",
      connType: "postgres",
      host: "db.example.com",
      schema: "sales",
      login: "ada",
      password: "s@cret",
      port: 5432,
      extra: JSON.stringify({ sslmode: "disable", x: "a b" }),
    }),
  );
  assert.equal(
    connectionFromUri("g", "google-cloud-platform://").connType,
    "google_cloud_platform",
  );
  assert.deepEqual(
    connectionFromUri("s", "sqlite://"),
    connection({ connId: "s", connType: "sqlite" }),
  );
  const empty = connectionFromUri("e", "mysql://:@db");
  assert.equal(empty.login, "");
  assert.equal(empty.password, "");
  assert.equal(connectionFromUri("p", "mysql://db:3306").schema, null);
});

Deno.test("connectionFromUri: __extra__ JSON, protocol hosts, encoded hosts", () => {
  const extra = JSON.stringify({ timeout: 30, nested: { a: [1] } });
  assert.equal(
    connectionFromUri("h", `http://host/?__extra__=${encodeURIComponent(extra)}`).extra,
    extra,
  );
  assert.equal(
    connectionFromUri("h", "http://https://Example.com:8443/v1").host,
    "https://example.com",
  );
  assert.equal(connectionFromUri("h", "http://https://Example.com:8443/v1").port, 8443);
  // A host that decodes to a path keeps its case (Airflow's _parse_netloc_to_hostname).
  assert.equal(
    connectionFromUri("h", "http://https%3A%2F%2FExample.com").host,
    "https://Example.com",
  );
  assert.equal(connectionFromUri("f", "file://%2Ftmp%2FData").host, "/tmp/Data");
  assert.equal(connectionFromUri("i", "postgres://[::1]:5432").host, "::1");
});

Deno.test("connectionFromUri: malformed URIs name the connection and the problem, never the password", () => {
  const cases: [string, RegExp][] = [
    ["no-scheme-here", /no scheme/],
    ["postgres://u:hunter2@db:port/x", /port is not an integer/],
    ["postgres://u:pa/hunter2@db/x", /port is not an integer .*percent-encoded/],
    ["postgres://u:hunter2@db:70000", /out of range/],
    ["http://u:hunter2@https://a://b", /3 ':\/\/' separators/],
    ["http://u:hunter2@https://host", /protocol/],
    ["postgres://u:hunter2@[::1:5432", /unmatched/],
    ["http://u:hunter2@h/?__extra__=%7Bhunter2", /__extra__' parameter is not valid JSON/],
    ["http://u:hunter2@h/?__extra__=%5B%5D", /not a JSON object/],
  ];
  for (const [uri, reason] of cases) {
    assert.throws(() => connectionFromUri("my_db", uri), (error) => {
      assert.ok(error instanceof ConnectionFormatError, uri);
      assert.match(error.message, /^invalid connection URI for 'my_db': /);
      assert.match(error.message, reason);
      assert.ok(!error.message.includes("hunter2"), error.message);
      return true;
    });
  }
});

Deno.test("connectionToUri writes Airflow's get_uri form", () => {
  assert.equal(
    connectionToUri(connection({
      connType: "google_cloud_platform",
      host: "h",
      login: "a b",
      password: "p@ss",
      port: 1,
      schema: "s/t",
      extra: JSON.stringify({ key: "v w" }),
    })),
    "google-cloud-platform://a%20b:p%40ss@h:1/s%2Ft?key=v+w",
  );
  assert.equal(connectionToUri(connection({ port: 5432 })), "postgres://@:5432");
  assert.equal(connectionToUri(connection({ host: "https://x.org" })), "postgres://https://x.org");
  assert.equal(
    connectionToUri(connection({ host: "h", extra: '{"n":1}' })),
    "postgres://h/?__extra__=%7B%22n%22%3A1%7D",
  );
});

Deno.test("connectionFromUri(connectionToUri(c)) gives c back, secrets with any character", () => {
  const passwords = ["@:/%?#", "p@ss:w/rd%20?x#y", "ünïcødé ☃", "a+b=c&d", "!'()*~", ""];
  const connections = [
    ...passwords.map((password) =>
      connection({ login: "ad@:m/n", password, host: "db.internal", port: 5432, schema: "sales" })
    ),
    connection({ connType: "http", host: "https://api.example.com", login: "u", password: "#?" }),
    connection({
      connType: "aws",
      login: "key",
      password: "s/cr+t",
      extra: JSON.stringify({ region_name: "eu-west-1", "end point": "http://minio:9000/?a=b&c" }),
    }),
    connection({
      connType: "generic",
      host: "h",
      extra: JSON.stringify({ retries: 3, tls: true }),
    }),
    connection({ connType: "generic", host: "h", extra: JSON.stringify({ __extra__: "x" }) }),
    connection({ connType: "generic", host: "h", schema: "db", extra: "{}" }),
  ];
  for (const original of connections) {
    const uri = connectionToUri(original);
    assert.deepEqual(connectionFromUri(original.connId, uri), original, uri);
  }
});
