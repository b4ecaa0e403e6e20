import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { Connection, Role } from "../../core/mod.ts";
import { redactExtraText } from "../../core/mod.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

const PASSWORD = "pa55-w0rd-that-must-never-leave";

/** Send a request and read its body, asserting the password is nowhere in it. */
async function call(
  h: ApiHarness,
  method: string,
  path: string,
  options: { as?: Role | null; body?: unknown } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const response = await h.request(method, path, options);
  const text = await response.text();
  assert(!text.includes(PASSWORD), `${method} ${path} answered the password: ${text}`);
  return { status: response.status, body: text === "" ? null : JSON.parse(text) };
}

const WAREHOUSE = {
  connection_id: "warehouse_db",
  conn_type: "postgres",
  description: "the warehouse",
  host: "db.example.com",
  login: "etl",
  schema: "analytics",
  port: 5432,
  password: PASSWORD,
  extra: '{"sslmode": "require", "api_token": "' + PASSWORD + '"}',
};

Deno.test("connections: create, read, list, delete; the password never leaves", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    let answer = await call(h, "POST", "/connections", { as: "Op", body: WAREHOUSE });
    assertEquals(answer.status, 200);
    airflow.assert("Connection", answer.body);
    const shown = {
      connection_id: "warehouse_db",
      conn_type: "postgres",
      description: "the warehouse",
      host: "db.example.com",
      login: "etl",
      schema: "analytics",
      port: 5432,
      extra: '{"sslmode":"require","api_token":"***"}',
    };
    assertEquals(answer.body, shown);
    const stored = await h.store.getConnection("warehouse_db");
    assertEquals([stored?.password, stored?.extra], [PASSWORD, WAREHOUSE.extra]);
    answer = await call(h, "POST", "/connections", {
      body: { connection_id: "http.api-1", conn_type: "http" },
    });
    assertEquals(answer.body, {
      connection_id: "http.api-1",
      conn_type: "http",
      description: null,
      host: null,
      login: null,
      schema: null,
      port: null,
      extra: null,
    });
    answer = await call(h, "GET", "/connections/warehouse_db", { as: "Op" });
    airflow.assert("Connection", answer.body);
    assertEquals(answer.body, shown);
    answer = await call(h, "GET", "/connections?order_by=-port");
    airflow.assert("ConnectionCollection", answer.body);
    const { extra: _extra, ...item } = shown;
    assertEquals(answer.body, {
      connections: [item, { ...answer.body.connections[1], connection_id: "http.api-1" }],
      total_entries: 2,
    });
    assertEquals(Object.keys(answer.body.connections[1]).sort(), Object.keys(item).sort());
    answer = await call(h, "GET", "/connections?limit=1&offset=1");
    assertEquals([answer.body.connections[0].connection_id, answer.body.total_entries], [
      "warehouse_db",
      2,
    ]);
    answer = await call(h, "DELETE", "/connections/warehouse_db", { as: "Op" });
    assertEquals([answer.status, answer.body], [204, null]);
    assertEquals(await h.store.getConnection("warehouse_db"), null);
    for (const method of ["GET", "DELETE"]) {
      answer = await call(h, method, "/connections/warehouse_db");
      assertEquals(answer.status, 404, method);
      airflow.assert("Error", answer.body);
      assertEquals([answer.body.title, answer.body.detail], [
        "Connection not found",
        "The Connection with connection_id: `warehouse_db` was not found",
      ]);
    }
  } finally {
    await h.close();
  }
});

Deno.test("PATCH connections: no password keeps it; update_mask limits what changes", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    await call(h, "POST", "/connections", { body: WAREHOUSE });
    let answer = await call(h, "PATCH", "/connections/warehouse_db", {
      as: "Op",
      body: { connection_id: "warehouse_db", conn_type: "mysql", host: "new.example.com" },
    });
    assertEquals(answer.status, 200);
    airflow.assert("Connection", answer.body);
    assertEquals([answer.body.conn_type, answer.body.host, answer.body.login], [
      "mysql",
      "new.example.com",
      "etl",
    ]);
    assertEquals((await h.store.getConnection("warehouse_db"))?.password, PASSWORD);
    answer = await call(h, "PATCH", "/connections/warehouse_db?update_mask=login,port", {
      body: { connection_id: "warehouse_db", conn_type: "ignored", login: null, port: 6543 },
    });
    assertEquals([answer.body.conn_type, answer.body.login, answer.body.port], [
      "mysql",
      null,
      6543,
    ]);
    answer = await call(h, "PATCH", "/connections/warehouse_db?update_mask=password", {
      body: { connection_id: "warehouse_db", conn_type: "mysql", password: "rotated" },
    });
    assertEquals(answer.status, 200);
    assert(!JSON.stringify(answer.body).includes("rotated"));
    const stored = await h.store.getConnection("warehouse_db");
    assertEquals([stored?.password, stored?.host, stored?.extra], [
      "rotated",
      "new.example.com",
      WAREHOUSE.extra,
    ]);
    for (
      const [path, body, words] of [
        [
          "/connections/warehouse_db",
          { connection_id: "other", conn_type: "x" },
          "The connection_id cannot be updated.",
        ],
        [
          "/connections/warehouse_db?update_mask=connection_id",
          { connection_id: "warehouse_db", conn_type: "x" },
          "'connection_id' is unknown or cannot be updated",
        ],
        [
          "/connections/warehouse_db?update_mask=host",
          { connection_id: "warehouse_db", conn_type: "x" },
          "'host' is unknown or cannot be updated",
        ],
        ["/connections/warehouse_db", { connection_id: "warehouse_db" }, "body 'conn_type'"],
        [
          "/connections/warehouse_db",
          { connection_id: "warehouse_db", conn_type: "x", extra: "[1]" },
          "body 'extra': must be the text of a JSON object",
        ],
      ] as const
    ) {
      answer = await call(h, "PATCH", path, { body });
      assertEquals(answer.status, 400, path);
      airflow.assert("Error", answer.body);
      assert(answer.body.detail.includes(words), answer.body.detail);
    }
    answer = await call(h, "PATCH", "/connections/missing", {
      body: { connection_id: "missing", conn_type: "x" },
    });
    assertEquals(answer.status, 404);
    assertEquals(await h.store.getConnection("missing"), null);
  } finally {
    await h.close();
  }
});

Deno.test("POST connections: 400 names the field; a duplicate is 409 and keeps the first", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    for (
      const [body, words] of [
        [{ conn_type: "http" }, "body 'connection_id'"],
        [{ connection_id: "a b", conn_type: "http" }, "body 'connection_id': must be made of"],
        [{ connection_id: "x".repeat(201), conn_type: "http" }, "body 'connection_id'"],
        [{ connection_id: "c" }, "body 'conn_type'"],
        [{ connection_id: "c", conn_type: "http", port: "80" }, "body 'port'"],
        [{ connection_id: "c", conn_type: "http", port: 8.5 }, "body 'port'"],
        [{ connection_id: "c", conn_type: "http", extra: "{oops" }, "body 'extra'"],
        [{ connection_id: "c", conn_type: "http", extra: '"text"' }, "body 'extra'"],
        [{ connection_id: "c", conn_type: "http", extra: { a: 1 } }, "body 'extra'"],
        [{ connection_id: "c", conn_type: "http", uri: "x" }, "unknown field(s) 'uri'"],
      ] as const
    ) {
      const answer = await call(h, "POST", "/connections", { body });
      assertEquals(answer.status, 400, JSON.stringify(body));
      assert(answer.body.detail.includes(words), answer.body.detail);
    }
    assertEquals((await h.store.listConnections({})).total, 0);
    await call(h, "POST", "/connections", { body: WAREHOUSE });
    const again = await call(h, "POST", "/connections", {
      body: { ...WAREHOUSE, host: "elsewhere", password: "other" },
    });
    assertEquals(again.status, 409);
    assertEquals(again.body.detail, "Connection already exist. ID: warehouse_db");
    const stored = await h.store.getConnection("warehouse_db");
    assertEquals([stored?.host, stored?.password], ["db.example.com", PASSWORD]);
    const tested = await call(h, "POST", "/connections/test", { body: WAREHOUSE });
    assertEquals(tested.status, 403);
    assert(tested.body.detail.includes("disabled"), tested.body.detail);
  } finally {
    await h.close();
  }
});

Deno.test("connections: Op and Admin read and edit; Viewer and User get 403", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    await call(h, "POST", "/connections", { body: WAREHOUSE });
    const requests = [
      ["GET", "/connections", undefined],
      ["GET", "/connections/warehouse_db", undefined],
      ["POST", "/connections", { connection_id: "new", conn_type: "http" }],
      ["PATCH", "/connections/warehouse_db", { connection_id: "warehouse_db", conn_type: "x" }],
      ["DELETE", "/connections/warehouse_db", undefined],
    ] as const;
    for (const role of ["Viewer", "User"] as const) {
      for (const [method, path, body] of requests) {
        const answer = await call(h, method, path, { as: role, body });
        assertEquals(answer.status, 403, `${role} ${method} ${path}`);
      }
    }
    assertEquals((await h.store.getConnection("warehouse_db"))?.connType, "postgres");
    assertEquals(await h.store.getConnection("new"), null);
    for (const role of ["Op", "Admin"] as const) {
      const statuses = [];
      for (const [method, path, body] of requests) {
        const target = method === "POST" ? { ...body, connection_id: `new_${role}` } : body;
        statuses.push((await call(h, method, path, { as: role, body: target })).status);
      }
      assertEquals(statuses, [200, 200, 200, 200, 204], role);
      await call(h, "POST", "/connections", { body: WAREHOUSE });
    }
    assertEquals((await call(h, "GET", "/connections", { as: null })).status, 401);
  } finally {
    await h.close();
  }
});

Deno.test("redactExtraText hides the values of sensitive keys at any depth, as Airflow does", () => {
  assertEquals(redactExtraText(null), null);
  assertEquals(redactExtraText("not json"), "not json");
  assertEquals(
    redactExtraText('{"region": "eu",  "timeout": 3}'),
    '{"region": "eu",  "timeout": 3}',
  );
  assertEquals(
    JSON.parse(
      redactExtraText(JSON.stringify({
        region: "eu",
        Secret_Access_Key: "s",
        nested: { private_key: { pem: "k", bits: 2048 }, list: [{ API_KEY: "a" }] },
        tokens: ["t1", "t2"],
      }))!,
    ),
    {
      region: "eu",
      Secret_Access_Key: "***",
      nested: { private_key: { pem: "***", bits: 2048 }, list: [{ API_KEY: "***" }] },
      tokens: ["***", "***"],
    },
  );
});

Deno.test("POST connections/test answers Airflow's ConnectionTest, for Op and Admin only", async () => {
  const tested: Connection[] = [];
  const h = await ApiHarness.open({
    testConnection: (connection) => {
      tested.push(connection);
      const works = connection.password === PASSWORD;
      return Promise.resolve({
        status: works,
        message: works ? "Connection successfully tested" : `login to ${connection.host} refused`,
      });
    },
  });
  const airflow = await airflowSchemas();
  try {
    let answer = await call(h, "POST", "/connections/test", { as: "Op", body: WAREHOUSE });
    assertEquals(answer.status, 200);
    airflow.assert("ConnectionTest", answer.body);
    assertEquals(answer.body, { status: true, message: "Connection successfully tested" });
    assertEquals(tested[0], {
      connId: "warehouse_db",
      connType: "postgres",
      description: "the warehouse",
      host: "db.example.com",
      schema: "analytics",
      login: "etl",
      password: PASSWORD,
      port: 5432,
      extra: WAREHOUSE.extra,
    });
    assertEquals(await h.store.getConnection("warehouse_db"), null, "testing stores nothing");

    const { password: _password, ...withoutPassword } = WAREHOUSE;
    answer = await call(h, "POST", "/connections/test", { body: withoutPassword });
    assertEquals(answer.body, { status: false, message: "login to db.example.com refused" });
    // The dashboard never holds a stored password: a body without one uses the stored one.
    await call(h, "POST", "/connections", { body: WAREHOUSE });
    answer = await call(h, "POST", "/connections/test", { body: withoutPassword });
    assertEquals(answer.body.status, true);
    answer = await call(h, "POST", "/connections/test", {
      body: { ...WAREHOUSE, password: "wrong" },
    });
    assertEquals(answer.body.status, false, "a password given is the one tested");
    // The stored password is not sent anywhere but where the stored connection points.
    answer = await call(h, "POST", "/connections/test", {
      body: { ...withoutPassword, host: "attacker.example" },
    });
    assertEquals(answer.status, 400);
    assert(answer.body.detail.includes("stored password is refused"), answer.body.detail);

    for (const role of ["Viewer", "User"] as const) {
      answer = await call(h, "POST", "/connections/test", { as: role, body: WAREHOUSE });
      assertEquals(answer.status, 403, role);
    }
    answer = await call(h, "POST", "/connections/test", { body: { conn_type: "postgres" } });
    assertEquals(answer.status, 400);
    assert(answer.body.detail.includes("body 'connection_id'"), answer.body.detail);
    assertEquals(tested.length, 4, "refused requests test nothing");
  } finally {
    await h.close();
  }
});
