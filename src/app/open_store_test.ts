import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { loadConfig } from "./config.ts";
import { loadFernetKey } from "./fernet_key.ts";
import { openStore } from "./open_store.ts";

Deno.test("openStore encrypts connection secrets with the home folder's Fernet key", async () => {
  const home = await Deno.makeTempDir({ prefix: "updraft-open-store-" });
  try {
    const config = await loadConfig({
      env: { UPDRAFT_HOME: home, UPDRAFT_DATABASE_URL: `sqlite:${home}/updraft.db` },
    });
    const connection = {
      connId: "warehouse",
      connType: "postgres",
      description: null,
      host: "db.internal",
      schema: null,
      login: "ada",
      password: "open-store-s3cr3t",
      port: null,
      extra: null,
    };
    const store = await openStore(config);
    try {
      await store.createConnection(connection);
      assert.deepEqual(await store.getConnection("warehouse"), connection);
    } finally {
      await store.close();
    }
    const database = new DatabaseSync(`${home}/updraft.db`);
    const row = database.prepare("SELECT password, is_encrypted FROM connections").get()!;
    database.close();
    assert.equal(row.is_encrypted, 1);
    assert.ok(!String(row.password).includes("open-store-s3cr3t"));
    const key = await loadFernetKey(config);
    assert.equal(await key.decrypt(String(row.password)), "open-store-s3cr3t");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
