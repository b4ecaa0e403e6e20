import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { FernetError, FernetKey, MultiFernet, type Variable } from "../../core/mod.ts";
import { sql as initial } from "./migrations/0001_initial.ts";
import { sql as connections } from "./migrations/0002_connections.ts";
import { sql as connectionEncryption } from "./migrations/0003_connection_encryption.ts";
import { SqliteStore } from "./mod.ts";

const SECRET = "variable-s3cr3t ✓";

function variable(key: string, value: string, description: string | null = null): Variable {
  return { key, value, description };
}

interface RawRow {
  key: string;
  value: string;
  is_encrypted: number;
}

/** The rows as a second, plain connection reads them from the file. */
function rawRows(path: string): RawRow[] {
  const database = new DatabaseSync(path);
  try {
    return database.prepare("SELECT key, value, is_encrypted FROM variables ORDER BY key").all()
      .map((row) => ({ ...row })) as unknown as RawRow[];
  } finally {
    database.close();
  }
}

async function withPath(body: (path: string) => Promise<void>): Promise<void> {
  const directory = await Deno.makeTempDir({ prefix: "updraft_variable_encryption_" });
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

Deno.test("SqliteStore with a Fernet key stores variable values as tokens, returns plaintext", async () => {
  await withPath(async (path) => {
    const key = new MultiFernet([FernetKey.generate()]);
    await withStore(path, key, async (store) => {
      await store.setVariable(variable("api_key", SECRET, "the partner's key"));
      await store.setVariable(variable("region", "eu-west-1"));
      assert.deepEqual(
        await store.getVariable("api_key"),
        variable("api_key", SECRET, "the partner's key"),
      );
      assert.deepEqual(await store.getVariables(["region", "api_key"]), [
        variable("region", "eu-west-1"),
        variable("api_key", SECRET, "the partner's key"),
      ]);
      assert.deepEqual((await store.listVariables({})).items.map((item) => item.value), [
        SECRET,
        "eu-west-1",
      ]);
      await store.setVariable(variable("region", "us-east-1"));
    });
    const rows = rawRows(path);
    assert.deepEqual(rows.map((row) => [row.key, row.is_encrypted]), [["api_key", 1], [
      "region",
      1,
    ]]);
    for (const row of rows) assert.ok(!row.value.includes(SECRET) && !row.value.includes("-1"));
    assert.equal(await key.decrypt(rows[1].value), "us-east-1");
  });
});

Deno.test("SqliteStore: ordering variables by value orders the plaintext, not the tokens", async () => {
  await withPath(async (path) => {
    await withStore(path, new MultiFernet([FernetKey.generate()]), async (store) => {
      const values = ["b", "a", "\ud83d\ude80", "\ufffd", "c", "a"];
      for (const [index, value] of values.entries()) {
        await store.setVariable(variable(`k${index}`, value));
      }
      const keys = async (orderBy: string, offset = 0, limit = 100) =>
        (await store.listVariables({ orderBy, offset, limit })).items.map((item) => item.key);
      // Ties go by key; text by code point (U+FFFD before U+1F680), as for plaintext columns.
      assert.deepEqual(await keys("value"), ["k1", "k5", "k0", "k4", "k3", "k2"]);
      assert.deepEqual(await keys("-value"), ["k2", "k3", "k4", "k0", "k1", "k5"]);
      assert.deepEqual(await keys("value", 1, 2), ["k5", "k0"]);
      assert.equal((await store.listVariables({ orderBy: "value", limit: 1 })).total, 6);
    });
  });
});

Deno.test("SqliteStore: a version-3 database's plaintext variables are encrypted once on migrate", async () => {
  await withPath(async (path) => {
    const old = new DatabaseSync(path);
    old.exec(initial);
    old.exec(connections);
    old.exec(connectionEncryption);
    old.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);" +
        "INSERT INTO schema_version VALUES (1, 0), (2, 0), (3, 0);",
    );
    old.prepare("INSERT INTO variables (key, value, description) VALUES (?, ?, ?)")
      .run("api_key", SECRET, "kept");
    old.close();

    const key = new MultiFernet([FernetKey.generate()]);
    await withStore(path, key, async (store) => {
      assert.deepEqual(await store.getVariable("api_key"), variable("api_key", SECRET, "kept"));
    });
    const [first] = rawRows(path);
    assert.equal(first.is_encrypted, 1);
    assert.ok(!first.value.includes(SECRET));
    await withStore(path, key, async (store) => {
      assert.equal((await store.getVariable("api_key"))?.value, SECRET);
    });
    assert.deepEqual(rawRows(path), [first], "a second migrate changes nothing");
  });
});

Deno.test("SqliteStore: a wrong or missing key names the variable and never shows its value", async () => {
  await withPath(async (path) => {
    await withStore(path, new MultiFernet([FernetKey.generate()]), async (store) => {
      await store.setVariable(variable("api_key", SECRET));
    });
    const [row] = rawRows(path);
    const reads = [
      (store: SqliteStore) => store.getVariable("api_key"),
      (store: SqliteStore) => store.getVariables(["api_key"]),
      (store: SqliteStore) => store.listVariables({}),
      (store: SqliteStore) => store.listVariables({ orderBy: "-value" }),
    ];
    for (const read of reads) {
      await withStore(path, new MultiFernet([FernetKey.generate()]), async (store) => {
        await assert.rejects(read(store), (error: unknown) => {
          assert.ok(error instanceof FernetError);
          assert.match(error.message, /reading variable api_key failed/);
          assert.match(error.message, /could not decrypt the value with this Fernet key/);
          assert.ok(!error.message.includes(SECRET) && !error.message.includes(row.value));
          return true;
        });
      });
    }
    await withStore(path, undefined, async (store) => {
      await assert.rejects(
        store.getVariable("api_key"),
        /variable api_key.*a Fernet key is needed/,
      );
    });
  });
});

Deno.test("SqliteStore: rotation re-encrypts connections and variables with the first key", async () => {
  await withPath(async (path) => {
    const oldKey = FernetKey.generate();
    const newKey = FernetKey.generate();
    await withStore(path, new MultiFernet([oldKey]), async (store) => {
      await store.setVariable(variable("api_key", SECRET));
      await store.setVariable(variable("region", "eu"));
      await store.createConnection({
        connId: "db",
        connType: "postgres",
        description: null,
        host: "db.internal",
        schema: null,
        login: "ada",
        password: "pw-s3cr3t",
        port: 5432,
        extra: null,
      });
    });
    const rotated = await withStore(
      path,
      new MultiFernet([newKey, oldKey]),
      (store) => store.rotateSecrets(),
    );
    assert.deepEqual(rotated, { connections: 1, variables: 2 });
    await withStore(path, new MultiFernet([newKey]), async (store) => {
      assert.equal((await store.getVariable("api_key"))?.value, SECRET);
      assert.equal((await store.getConnection("db"))?.password, "pw-s3cr3t");
    });
    await withStore(path, new MultiFernet([oldKey]), async (store) => {
      await assert.rejects(store.getVariable("region"), /reading variable region failed/);
    });
    // A key that never encrypted them cannot rotate them: the error names the first one.
    await withStore(path, new MultiFernet([FernetKey.generate()]), async (store) => {
      await assert.rejects(
        store.rotateSecrets(),
        /rotating the Fernet key of (connection db|variable api_key|variable region) failed/,
      );
      assert.equal(
        await withStore(
          path,
          new MultiFernet([newKey]),
          async (again) => (await again.getVariable("region"))?.value,
        ),
        "eu",
        "a failed rotation changes nothing",
      );
    });
  });
});
