import assert from "node:assert/strict";
import type { Connection } from "../core/mod.ts";
import { PROVIDER_MODULES } from "../../providers/installed.ts";
import {
  connectionTest,
  type ConnectionTester,
  installedConnectionTesters,
  PROVIDER_OF_CONN_TYPE,
} from "./connection_testers.ts";

const PASSWORD = "pa55-w0rd-never-shown";

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    connId: "warehouse",
    connType: "postgres",
    description: null,
    host: "127.0.0.1",
    schema: "sales",
    login: "ada",
    password: PASSWORD,
    port: 5432,
    extra: '{"sslmode": "disable", "api_token": "t0k3n-secret"}',
    ...overrides,
  };
}

/** A tester that opens a real TCP connection to the connection's host and port. */
const tcpTester: ConnectionTester = async (given) => {
  try {
    const socket = await Deno.connect({ hostname: given.host!, port: given.port! });
    socket.close();
  } catch (error) {
    // Providers name the connection and host; this one echoes the password to prove masking.
    throw new Error(
      `connection "${given.connId}" (${given.host}:${given.port}) as ${given.login}:` +
        `${given.password}: ${(error as Error).name}`,
    );
  }
  return { status: true, message: `reached ${given.host}:${given.port}` };
};

Deno.test("connectionTest: a listening port passes, a closed one fails with the password masked", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const accepted = (async () => {
    for await (const socket of listener) socket.close();
  })();
  const test = connectionTest(new Map([["postgres", tcpTester]]));
  assert.deepEqual(await test(connection({ port })), {
    status: true,
    message: `reached 127.0.0.1:${port}`,
  });
  listener.close();
  await accepted;
  const failed = await test(connection({ port, connType: "Postgres" }));
  assert.equal(failed.status, false);
  assert.match(
    failed.message,
    new RegExp(`connection "warehouse" \\(127.0.0.1:${port}\\) as ada:\\*\\*\\*`),
  );
  assert.ok(!failed.message.includes(PASSWORD), failed.message);
});

Deno.test("connectionTest: the tester sees the connection as a task does, extra parsed", async () => {
  let seen: unknown = null;
  const test = connectionTest(
    new Map([["http", (given) => {
      seen = given;
      return Promise.resolve({ status: true, message: `token ${given.extra.api_token}` });
    }]]),
  );
  const result = await test(connection({ connType: "http", port: null }));
  assert.deepEqual(seen, {
    connId: "warehouse",
    connType: "http",
    host: "127.0.0.1",
    schema: "sales",
    login: "ada",
    password: PASSWORD,
    port: null,
    extra: { sslmode: "disable", api_token: "t0k3n-secret" },
  });
  assert.deepEqual(result, { status: true, message: "token ***" }, "secret extras are masked");
  const bad = await test(connection({ connType: "http", extra: "[1]" }));
  assert.deepEqual(bad, {
    status: false,
    message: 'connection "warehouse" cannot be tested: its extra is not a JSON object',
  });
});

Deno.test("connectionTest: a type no provider tests is not testable; a slow test times out", async () => {
  const never = new Promise<never>(() => {});
  const test = connectionTest(new Map([["mysql", () => never]]), { timeoutMs: 20 });
  assert.deepEqual(await test(connection({ connType: "spark" })), {
    status: false,
    message: 'connection "warehouse" is not testable: no provider tests conn type "spark" ' +
      "(testable: mysql)",
  });
  assert.deepEqual(await test(connection({ connType: "mysql" })), {
    status: false,
    message: 'testing connection "warehouse" (mysql at 127.0.0.1) timed out after 0.02 s',
  });
  const none = connectionTest(new Map());
  assert.match((await none(connection())).message, /no type is testable yet/);
});

Deno.test("installedConnectionTesters: each type whose provider exports testConnection", async () => {
  const testers = await installedConnectionTesters();
  for (const [connType, packageName] of Object.entries(PROVIDER_OF_CONN_TYPE)) {
    assert.ok(PROVIDER_MODULES[packageName], `${packageName} is installed`);
    const exported = PROVIDER_MODULES[packageName].testConnection;
    assert.equal(testers.has(connType), typeof exported === "function", connType);
  }
  // Until every provider exports one, the default test still answers, never throws.
  const result = await connectionTest()(connection({ connType: "no-such-type" }));
  assert.equal(result.status, false);
  assert.match(result.message, /no provider tests conn type "no-such-type"/);
});

Deno.test("connectionTest with the installed providers tests a SQLite file through @updraft/sql", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-connection-test-" });
  try {
    const test = connectionTest();
    const sqlite = connection({
      connType: "sqlite",
      host: `${folder}/data.db`,
      port: null,
      login: null,
      password: null,
      extra: null,
    });
    const works = await test(sqlite);
    assert.equal(works.status, true, works.message);
    const missing = await test({ ...sqlite, host: `${folder}/no/such/folder/data.db` });
    assert.equal(missing.status, false);
    assert.match(missing.message, /connection "warehouse" \(sqlite at .*data\.db\)/);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
