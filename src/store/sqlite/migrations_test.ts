import assert from "node:assert/strict";
import { Database } from "./_database.ts";
import { LATEST_VERSION } from "./_migrations.ts";
import { sql as initial } from "./migrations/0001_initial.ts";
import { SqliteStore } from "./mod.ts";

Deno.test("SqliteStore: a database at schema version 1 gains connections and keeps its data", async () => {
  const directory = await Deno.makeTempDir({ prefix: "updraft_migrations_" });
  const path = `${directory}/updraft.db`;
  try {
    const old = new Database(path);
    old.exec(initial);
    old.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);" +
        "INSERT INTO schema_version VALUES (1, 0);" +
        "INSERT INTO variables (key, value, description) VALUES ('kept', 'yes', NULL);",
    );
    old.close();
    const store = SqliteStore.open(path);
    try {
      assert.equal(LATEST_VERSION, 4);
      assert.equal(await store.migrate(), 4);
      assert.equal((await store.getVariable("kept"))?.value, "yes");
      const connection = {
        connId: "db",
        connType: "sqlite",
        description: null,
        host: null,
        schema: null,
        login: null,
        password: "pw",
        port: null,
        extra: null,
      };
      await store.createConnection(connection);
      assert.deepEqual(await store.getConnection("db"), connection);
    } finally {
      await store.close();
    }
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
