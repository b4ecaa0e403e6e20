/**
 * Contract tests: connections are kept exactly as given (the password too), ids are unique,
 * malformed records are refused before anything is written.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Connection } from "../core/mod.ts";
import { RecordExistsError, RecordNotFoundError } from "./store.ts";
import { contractTest, type OpenStore } from "./_contract_fixtures.ts";

function connection(connId: string, overrides: Partial<Connection> = {}): Connection {
  return {
    connId,
    connType: "postgres",
    description: null,
    host: "db.example.com",
    schema: "warehouse",
    login: "etl",
    password: "s3cr3t ✓ \ud83d\ude80 'quoted' \"double\"",
    port: 5432,
    extra: '{"sslmode": "require"}',
    ...overrides,
  };
}

/** Register the connection tests. */
export function connectionTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("connections: create, read back unchanged, list, order, delete", async (store) => {
    const versionBefore = await store.schedulingVersion();
    const warehouse = connection("warehouse_db");
    await store.createConnection(warehouse);
    await store.createConnection(connection("api", {
      connType: "http",
      description: "the partner API",
      host: null,
      schema: null,
      login: null,
      password: null,
      port: null,
      extra: null,
    }));
    assert.deepEqual(await store.getConnection("warehouse_db"), warehouse);
    assert.equal((await store.getConnection("warehouse_db"))!.password, warehouse.password);
    assert.equal(await store.getConnection("missing"), null);
    const page = await store.listConnections({});
    assert.deepEqual([page.items.map((item) => item.connId), page.total], [
      ["api", "warehouse_db"],
      2,
    ]);
    assert.deepEqual(page.items[1], warehouse, "listed connections carry every field");
    const byPort = await store.listConnections({ orderBy: "-port" });
    assert.deepEqual(byPort.items.map((item) => item.connId), ["warehouse_db", "api"]);
    const second = await store.listConnections({ orderBy: "conn_type", offset: 1, limit: 1 });
    assert.deepEqual([second.items.map((item) => item.connId), second.total], [
      ["warehouse_db"],
      2,
    ]);
    await assert.rejects(() => store.listConnections({ orderBy: "password" }), /password/);
    assert.equal(await store.schedulingVersion(), versionBefore, "scheduling does not read them");
    assert.equal(await store.deleteConnection("api"), true);
    assert.equal(await store.deleteConnection("api"), false);
    assert.equal(await store.getConnection("api"), null);
    assert.equal((await store.listConnections({})).total, 1);
  });

  test("connections: a second create with a taken id is refused, the first kept", async (store) => {
    const first = connection("db");
    await store.createConnection(first);
    await assert.rejects(
      () => store.createConnection(connection("db", { host: "other", password: "other" })),
      (error: unknown) => error instanceof RecordExistsError && /connection db/.test(error.message),
    );
    assert.deepEqual(await store.getConnection("db"), first);
    assert.equal((await store.listConnections({})).total, 1);
  });

  test("connections: update replaces every field; a missing one is refused", async (store) => {
    await store.createConnection(connection("db"));
    const changed = connection("db", {
      connType: "mysql",
      host: null,
      password: "new password",
      port: 3306,
      extra: "{}",
      description: "moved",
    });
    await store.updateConnection(changed);
    assert.deepEqual(await store.getConnection("db"), changed);
    await assert.rejects(() => store.updateConnection(connection("nope")), RecordNotFoundError);
    assert.equal(await store.getConnection("nope"), null);
  });

  test("connections: malformed records are refused and nothing is written", async (store) => {
    const bad: [Partial<Connection>, RegExp][] = [
      [{ connId: "" }, /connId must not be empty/],
      [{ connType: null as never }, /connType must be text/],
      [{ password: "a\u0000b" }, /password contains a NUL/],
      [{ port: 54.5 }, /port must be an integer/],
      [{ port: "5432" as never }, /port must be a number/],
      [{ extra: "{not json" }, /extra must be JSON object text/],
      [{ extra: "[1, 2]" }, /extra must be JSON object text, not an array/],
      [{ extra: "null" }, /extra must be JSON object text, not null/],
    ];
    for (const [overrides, message] of bad) {
      await assert.rejects(() => store.createConnection(connection("bad", overrides)), message);
    }
    assert.equal((await store.listConnections({})).total, 0);
    await store.createConnection(connection("good"));
    await assert.rejects(
      () => store.updateConnection(connection("good", { extra: "3" })),
      /updating connection good: field extra/,
    );
    assert.equal((await store.getConnection("good"))!.extra, '{"sslmode": "require"}');
  });

  test("connections: given and returned objects are copies; reset drops them", async (store) => {
    const given = connection("db");
    await store.createConnection(given);
    given.password = "changed by the caller";
    const fetched = (await store.getConnection("db"))!;
    fetched.host = "changed too";
    assert.deepEqual(await store.getConnection("db"), connection("db"));
    await store.reset();
    assert.equal(await store.getConnection("db"), null);
    await store.createConnection(connection("db"));
    assert.equal((await store.listConnections({})).total, 1);
  });
}
