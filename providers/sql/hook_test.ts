import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { startPostgres } from "../../tests/servers/postgres.ts";
import { startMariadb } from "../../tests/servers/mariadb.ts";
import { SqlError, type SqlHook, sqlHook, testConnection } from "./mod.ts";

/** The same checks against each database; `mark(n)` is its n-th positional placeholder. */
interface Backend {
  connection: TaskConnection;
  mark(position: number): string;
  secret: string;
}

function connection(fields: Partial<TaskConnection> & { connType: string }): TaskConnection {
  return {
    connId: "warehouse",
    host: null,
    schema: null,
    login: null,
    password: null,
    port: null,
    extra: {},
    ...fields,
  };
}

async function withHook(backend: Backend, body: (hook: SqlHook) => Promise<void>): Promise<void> {
  const hook = sqlHook(backend.connection);
  try {
    await body(hook);
  } finally {
    await hook.close();
  }
}

async function hookSuite(t: Deno.TestContext, backend: Backend): Promise<void> {
  const mark = backend.mark;
  await t.step(
    "run splits a script (semicolons inside strings stay) and returns each result",
    async () => {
      await withHook(backend, async (hook) => {
        const results = await hook.run(`
        DROP TABLE IF EXISTS people;
        CREATE TABLE people (id integer PRIMARY KEY, name varchar(50), note varchar(50));
        -- a comment; with a semicolon
        INSERT INTO people (id, name, note) VALUES (1, 'Ada', 'a;b'), (2, 'Grace', NULL);
        SELECT id, name, note FROM people ORDER BY id;
      `);
        assert.equal(results.length, 4);
        assert.equal(results[2].rowCount, 2);
        assert.deepEqual(results[3].columns, ["id", "name", "note"]);
        assert.deepEqual(results[3].rows, [[1, "Ada", "a;b"], [2, "Grace", null]]);
        assert.equal(results[3].returnsRows, true);
      });
    },
  );

  await t.step("getRecords and getFirst bind positional parameters", async () => {
    await withHook(backend, async (hook) => {
      const sql = `SELECT name FROM people WHERE id >= ${mark(1)} AND name <> ${
        mark(2)
      } ORDER BY id`;
      assert.deepEqual(await hook.getRecords(sql, [1, "Grace"]), [["Ada"]]);
      assert.deepEqual(await hook.getFirst(sql, [2, "x"]), ["Grace"]);
      assert.equal(await hook.getFirst(sql, [3, "x"]), null);
    });
  });

  await t.step("several statements share a transaction unless autocommit", async () => {
    await withHook(backend, async (hook) => {
      const failing = [
        "INSERT INTO people (id, name) VALUES (3, 'Edsger')",
        "SELECT * FROM nowhere",
      ];
      await assert.rejects(hook.run(failing), (error: Error) => {
        assert.ok(error instanceof SqlError);
        assert.match(error.message, /^connection "warehouse" \(/);
        assert.match(error.message, /statement 2 of 2 failed: .*nowhere/);
        assert.match(error.message, /\[SELECT \* FROM nowhere\]/);
        return true;
      });
      assert.equal(await hook.getFirst("SELECT name FROM people WHERE id = 3"), null);
      await assert.rejects(hook.run(failing, { autocommit: true }), SqlError);
      assert.deepEqual(await hook.getFirst("SELECT name FROM people WHERE id = 3"), ["Edsger"]);
    });
  });

  await t.step("insertRows inserts in batches, then upserts and replaces on the key", async () => {
    await withHook(backend, async (hook) => {
      await hook.run("DELETE FROM people");
      const rows = [1, 2, 3, 4, 5].map((id) => ({ id, name: `person ${id}`, note: "first" }));
      assert.equal(await hook.insertRows("people", rows, { batchSize: 2 }), 5);
      assert.equal(
        await hook.insertRows("people", [[5, "five", "second"], [6, "six", "second"]], {
          columns: ["id", "name", "note"],
          keyColumns: ["id"],
        }),
        2,
      );
      assert.deepEqual(
        await hook.getRecords("SELECT id, name, note FROM people WHERE id >= 4 ORDER BY id"),
        [
          [4, "person 4", "first"],
          [5, "five", "second"],
          [6, "six", "second"],
        ],
      );
      await assert.rejects(
        hook.insertRows("people", [{ id: 6, name: "again" }]),
        /connection "warehouse" .*insert into people failed/,
      );
      if (backend.connection.connType !== "postgres") {
        await hook.insertRows("people", [{ id: 6, name: "replaced" }], { replace: true });
        assert.deepEqual(await hook.getFirst("SELECT name, note FROM people WHERE id = 6"), [
          "replaced",
          null,
        ]);
      } else {
        await assert.rejects(
          hook.insertRows("people", [{ id: 6, name: "replaced" }], { replace: true }),
          /replace on PostgreSQL needs keyColumns/,
        );
      }
    });
  });

  await t.step("values come back exact: big integers, decimals, nulls", async () => {
    await withHook(backend, async (hook) => {
      const row = await hook.getFirst(
        "SELECT 9007199254740993 AS big, 42 AS small, CAST(NULL AS integer) AS missing",
      );
      assert.deepEqual(row, ["9007199254740993", 42, null]);
      const [count] = (await hook.getFirst("SELECT count(*) FROM people"))!;
      assert.equal(count, 6);
    });
  });

  await t.step("testConnection answers Airflow's {status, message}", async () => {
    const good = await testConnection(backend.connection);
    const target = sqlHook(backend.connection).target;
    assert.deepEqual(good, { status: true, message: `Connection successfully tested (${target})` });
    if (backend.connection.connType === "sqlite") return;
    const bad = await testConnection({ ...backend.connection, password: "not-the-password" });
    assert.equal(bad.status, false);
    assert.match(bad.message, /^connection "warehouse" \(.*\): cannot connect: /);
    assert.ok(!bad.message.includes("not-the-password"));
  });

  await t.step(
    "a wrong password names the connection and address, never the password",
    async () => {
      const hook = sqlHook({ ...backend.connection, password: "not-the-password" });
      const error = await hook.getFirst("SELECT 1").catch((error) => error as Error);
      await hook.close();
      if (backend.connection.connType === "sqlite") return; // files have no password
      assert.ok(error instanceof SqlError, String(error));
      const { host, port } = backend.connection;
      assert.ok(error.message.startsWith(`connection "warehouse" (`), error.message);
      assert.ok(error.message.includes(`at ${host}:${port}): cannot connect: `), error.message);
      assert.match(error.message, /password|denied/i);
      assert.ok(!error.message.includes("not-the-password"));
      assert.ok(!error.message.includes(backend.secret));
    },
  );
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

Deno.test("SqliteHook on a temporary file", async (t) => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-sqlite-hook-" });
  try {
    await hookSuite(t, {
      connection: connection({ connType: "sqlite", host: `${folder}/app.db` }),
      mark: () => "?",
      secret: "-",
    });
    await t.step("named parameters; a missing folder fails naming the file", async () => {
      const hook = sqlHook(connection({ connType: "sqlite", host: `${folder}/app.db` }));
      assert.deepEqual(await hook.getFirst("SELECT :a + :b", { a: 2, b: 3 }), [5]);
      await hook.close();
      const missing = sqlHook(connection({ connType: "sqlite", host: `${folder}/no/such.db` }));
      await assert.rejects(
        missing.getFirst("SELECT 1"),
        (error: Error) =>
          error.message.startsWith(
            `connection "warehouse" (sqlite at ${folder}/no/such.db): cannot open the database file: `,
          ),
      );
    });
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("PostgresHook on a real PostgreSQL server", async (t) => {
  const server = await startPostgres();
  try {
    const pg = connection({
      connType: "postgres",
      host: server.host,
      port: server.port,
      login: server.user,
      password: server.password,
      schema: server.database,
    });
    await hookSuite(t, {
      connection: pg,
      mark: (position) => `$${position}`,
      secret: server.password,
    });
    await t.step(
      "dates stay as written, JSON is parsed, object parameters are refused",
      async () => {
        const hook = sqlHook(pg);
        try {
          assert.deepEqual(
            await hook.getFirst(
              "SELECT DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', '{\"a\":[1]}'::jsonb, 1.50::numeric, true",
            ),
            ["2024-01-02", "2024-01-02 03:04:05", { a: [1] }, "1.50", true],
          );
          await assert.rejects(hook.getFirst("SELECT $1", { a: 1 }), /positional parameters/);
        } finally {
          await hook.close();
        }
      },
    );
    await t.step("an unreachable port and a missing host fail naming the address", async () => {
      const port = freePort();
      const closed = sqlHook({ ...pg, port });
      await assert.rejects(
        closed.getFirst("SELECT 1"),
        (error: Error) =>
          error.message.startsWith(
            `connection "warehouse" (postgres at 127.0.0.1:${port}): cannot connect: `,
          ) && /ECONNREFUSED|refused/i.test(error.message),
      );
      await closed.close();
      await assert.rejects(
        sqlHook({ ...pg, host: null }).getFirst("SELECT 1"),
        /connection "warehouse" \(postgres at \(no host\):\d+\): cannot connect: the connection has no host/,
      );
    });
  } finally {
    await server.stop();
  }
});

Deno.test("MySqlHook on a real MariaDB server", async (t) => {
  const server = await startMariadb();
  try {
    const my = connection({
      connType: "mysql",
      host: server.host,
      port: server.port,
      login: server.user,
      password: server.password,
      schema: server.database,
    });
    await hookSuite(t, { connection: my, mark: () => "?", secret: server.password });
    await t.step("named parameters, dates as written, decimals exact", async () => {
      const hook = sqlHook(my);
      try {
        assert.deepEqual(
          await hook.getFirst("SELECT :a + :b, DATE '2024-01-02', CAST(1.5 AS DECIMAL(5,2))", {
            a: 2,
            b: 3,
          }),
          [5, "2024-01-02", "1.50"],
        );
      } finally {
        await hook.close();
      }
    });
  } finally {
    await server.stop();
  }
});

Deno.test("sqlHook refuses a connection that is not a SQL database", () => {
  assert.throws(
    () => sqlHook(connection({ connId: "api", connType: "http", host: "example.com" })),
    /connection "api" \(http\): connection type "http" is not a SQL database; use sqlite, postgres or mysql/,
  );
});
