import assert from "node:assert/strict";
import { defaultConfig, type UpdraftConfig } from "./config.ts";
import { testDag } from "./dag_test.ts";
import { testTask } from "./task_test.ts";
import { openStore } from "./open_store.ts";

const DAG = `import { bash, dag, task } from "updraft";

export default dag({ id: "secrets", schedule: null }, () => {
  task({ id: "login", connections: ["warehouse"] }, (ctx) => {
    const connection = ctx.connection("warehouse");
    ctx.log("login", connection.login, "password", connection.password);
    return connection.login;
  });
  bash({ id: "echo", command: "echo region={{ var.value.region }} host={{ conn.warehouse.host }}" });
});
`;

async function withConfig(body: (config: UpdraftConfig) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-in-process-secrets-test-" });
  try {
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder);
    await Deno.writeTextFile(`${config.dagsFolder}/secrets.ts`, DAG);
    await body(config);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** Store the connection and the variable the DAG uses in the configured (encrypted) database. */
async function storeSecrets(config: UpdraftConfig): Promise<void> {
  const store = await openStore(config);
  try {
    await store.createConnection({
      connId: "warehouse",
      connType: "postgres",
      description: null,
      host: "db.internal",
      schema: "sales",
      login: "ada",
      password: "pa55-w0rd-stored",
      port: 5432,
      extra: null,
    });
    await store.setVariable({ key: "region", value: "eu-west-1", description: null });
  } finally {
    await store.close();
  }
}

Deno.test("testDag reads connections and variables from the configured database, writing nothing to it", async () => {
  await withConfig(async (config) => {
    await storeSecrets(config);
    const logs = new Map<string, string>();
    const result = await testDag(config, { dagId: "secrets" }, {
      onTask: (report) => logs.set(report.instance.taskId, report.log ?? ""),
    });
    assert.equal(result.run.state, "success", [...logs.values()].join("\n"));
    assert.match(logs.get("echo")!, /region=eu-west-1 host=db\.internal/);
    assert.match(logs.get("login")!, /login ada password \*\*\*/);
    assert.ok(!logs.get("login")!.includes("pa55-w0rd-stored"), "the password is masked");

    const store = await openStore(config);
    try {
      assert.equal((await store.listDagRuns({})).total, 0, "the test run stays in memory");
      assert.equal((await store.listDags({})).total, 0);
    } finally {
      await store.close();
    }
  });
});

Deno.test("testTask reads the database's connections; without a database it fails naming the connection", async () => {
  await withConfig(async (config) => {
    await assert.rejects(
      testTask(config, { dagId: "secrets", taskId: "login" }),
      /uses the connection "warehouse", which does not exist/,
    );
    await assert.rejects(Deno.stat(config.home), Deno.errors.NotFound, "nothing was created");

    await storeSecrets(config);
    const found = await testTask(config, { dagId: "secrets", taskId: "login" });
    assert.equal(found.outcome.status, "success", found.log);
    assert.deepEqual(found.xcoms, [{ key: "return_value", value: "ada" }]);
  });
});
