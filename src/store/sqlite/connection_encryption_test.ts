import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { type Connection, FernetError, FernetKey, MultiFernet } from "../../core/mod.ts";
import { sql as initial } from "./migrations/0001_initial.ts";
import { sql as connections } from "./migrations/0002_connections.ts";
import { SqliteStore } from "./mod.ts";

const PASSWORD = "s3cr3t-pa55 ✓";
const EXTRA = '{"token": "extra-s3cr3t"}';

function warehouse(overrides: Partial<Connection> = {}): Connection {
  return {
    connId: "warehouse",
    connType: "postgres",
    description: null,
    host: "db.internal",
    schema: "sales",
    login: "ada",
    password: PASSWORD,
    port: 5432,
    extra: EXTRA,
    ...overrides,
  };
}

interface RawRow {
  conn_id: string;
  password: string | null;
  extra: string | null;
  is_encrypted: number;
  is_extra_encrypted: number;
}

/** The rows as a second, plain connection reads them from the file. */
function rawRows(path: string): RawRow[] {
  const database = new DatabaseSync(path);
  try {
    return database.prepare(
      "SELECT conn_id, password, extra, is_encrypted, is_extra_encrypted FROM connections " +
        "ORDER BY conn_id",
    ).all().map((row) => ({ ...row })) as unknown as RawRow[];
  } finally {
    database.close();
  }
}

async function withPath(body: (path: string) => Promise<void>): Promise<void> {
  const directory = await Deno.makeTempDir({ prefix: "updraft_encryption_" });
  try {
    await body(`${directory}/updraft.db`);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
}

async function withStore<T>(
  path: string,
  cipher: MultiFernet | undefined,
  body: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const store = SqliteStore.open(path, { cipher });
  try {
    await store.migrate();
    return await body(store);
  } finally {
    await store.close();
  }
}

function assertNoSecret(text: string): void {
  for (const secret of [PASSWORD, "extra-s3cr3t"]) assert.ok(!text.includes(secret), text);
}

Deno.test("SqliteStore with a Fernet key stores the password and extra as tokens, returns plaintext", async () => {
  await withPath(async (path) => {
    const key = new MultiFernet([FernetKey.generate()]);
    await withStore(path, key, async (store) => {
      await store.createConnection(warehouse());
      await store.createConnection(warehouse({ connId: "bare", password: null, extra: null }));
      assert.deepEqual(await store.getConnection("warehouse"), warehouse());
      const page = await store.listConnections({});
      assert.deepEqual(page.items, [
        warehouse({ connId: "bare", password: null, extra: null }),
        warehouse(),
      ]);
      await store.updateConnection(warehouse({ password: "new-s3cr3t", extra: "{}" }));
      assert.equal((await store.getConnection("warehouse"))?.password, "new-s3cr3t");
    });
    const [bare, stored] = rawRows(path);
    assert.deepEqual(bare, {
      conn_id: "bare",
      password: null,
      extra: null,
      is_encrypted: 0,
      is_extra_encrypted: 0,
    });
    assert.deepEqual([stored.is_encrypted, stored.is_extra_encrypted], [1, 1]);
    assert.ok(!stored.password!.includes("new-s3cr3t"));
    assert.notEqual(stored.extra, "{}");
    assert.equal(await key.decrypt(stored.password!), "new-s3cr3t");
    assert.equal(await key.decrypt(stored.extra!), "{}");
  });
});

Deno.test("SqliteStore: a version-2 database's plaintext secrets are encrypted once on migrate", async () => {
  await withPath(async (path) => {
    const old = new DatabaseSync(path);
    old.exec(initial);
    old.exec(connections);
    old.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);" +
        "INSERT INTO schema_version VALUES (1, 0), (2, 0);",
    );
    old.prepare(
      "INSERT INTO connections (conn_id, conn_type, host, schema, login, password, port, extra) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run("warehouse", "postgres", "db.internal", "sales", "ada", PASSWORD, 5432, EXTRA);
    old.close();

    const key = new MultiFernet([FernetKey.generate()]);
    await withStore(path, key, async (store) => {
      assert.deepEqual(await store.getConnection("warehouse"), warehouse());
    });
    const [first] = rawRows(path);
    assert.deepEqual([first.is_encrypted, first.is_extra_encrypted], [1, 1]);
    assertNoSecret(JSON.stringify(first));

    await withStore(path, key, async (store) => {
      assert.deepEqual(await store.getConnection("warehouse"), warehouse());
    });
    assert.deepEqual(rawRows(path), [first], "a second migrate changes nothing");
  });
});

Deno.test("SqliteStore: a wrong or missing key names the connection and never shows the secret", async () => {
  await withPath(async (path) => {
    await withStore(path, new MultiFernet([FernetKey.generate()]), async (store) => {
      await store.createConnection(warehouse());
    });
    const [row] = rawRows(path);
    const wrongKey = new MultiFernet([FernetKey.generate()]);
    for (
      const read of [
        (store: SqliteStore) => store.getConnection("warehouse"),
        (store: SqliteStore) => store.listConnections({}),
      ]
    ) {
      await withStore(path, wrongKey, async (store) => {
        await assert.rejects(read(store), (error: unknown) => {
          assert.ok(error instanceof FernetError);
          assert.match(error.message, /connection warehouse/);
          assert.match(error.message, /could not decrypt the password with this Fernet key/);
          assert.match(error.message, /list the old key after the new one/);
          assertNoSecret(error.message);
          assert.ok(!error.message.includes(row.password!));
          return true;
        });
      });
    }
    await withStore(path, undefined, async (store) => {
      await assert.rejects(store.getConnection("warehouse"), (error: unknown) => {
        assert.ok(error instanceof FernetError);
        assert.match(error.message, /connection warehouse/);
        assert.match(error.message, /a Fernet key is needed/);
        assert.ok(!error.message.includes(row.password!));
        return true;
      });
    });
  });
});

Deno.test("SqliteStore: rotation re-encrypts with the new key, readable with only the new key", async () => {
  await withPath(async (path) => {
    const oldKey = FernetKey.generate();
    const newKey = FernetKey.generate();
    await withStore(path, new MultiFernet([oldKey]), async (store) => {
      await store.createConnection(warehouse());
      await store.createConnection(warehouse({ connId: "api", extra: null }));
    });
    const rotated = await withStore(
      path,
      new MultiFernet([newKey, oldKey]),
      (store) => store.rotateSecrets(),
    );
    assert.deepEqual(rotated, { connections: 3, variables: 0 }, "two passwords and one extra");
    await withStore(path, new MultiFernet([newKey]), async (store) => {
      assert.deepEqual(await store.getConnection("warehouse"), warehouse());
      assert.deepEqual(await store.getConnection("api"), warehouse({ connId: "api", extra: null }));
    });
    await withStore(path, new MultiFernet([oldKey]), async (store) => {
      await assert.rejects(store.getConnection("warehouse"), FernetError);
    });
  });
});
