import { deepEqual as assertEquals, match as assertMatch } from "node:assert/strict";
import { dagDefinition, SchedulerHarness, taskDefinition } from "./_testing.ts";
import { triggerDagRun } from "./trigger_run.ts";

const WAREHOUSE = {
  connId: "warehouse",
  connType: "postgres",
  description: null,
  host: "db.internal",
  schema: "sales",
  login: "etl",
  password: "stored-secret",
  port: 6543,
  extra: null,
};

Deno.test("job: declared connections are resolved, environment first, and their hosts granted", async () => {
  const environment: Record<string, string> = {
    UPDRAFT_CONN_API: "https://bot:env-token@api.example.com",
    UPDRAFT_VAR_REGION: "eu-west-1",
  };
  const h = new SchedulerHarness({
    now: "2024-03-10T00:00:00Z",
    loop: { environment: () => environment },
  });
  await h.addDags(dagDefinition("etl", [
    taskDefinition("load", {
      connections: ["warehouse", "api"],
      connectionsUsed: ["reports"],
      variablesUsed: ["region", "limit"],
      permissions: { net: ["cdn.example.com"] },
    }),
  ]));
  await h.store.createConnection(WAREHOUSE);
  await h.store.createConnection({ ...WAREHOUSE, connId: "reports", host: "reports.internal" });
  await h.store.setVariable({ key: "region", value: "stored", description: null });
  await h.store.setVariable({ key: "limit", value: "10", description: null });
  await triggerDagRun(h.store, { dagId: "etl" }, h.clock.now());
  await h.settle();
  const [job] = h.executor.open;
  assertEquals(job.connections.map((c) => [c.connId, c.host, c.password]).sort(), [
    ["api", "api.example.com", "env-token"],
    ["reports", "reports.internal", "stored-secret"],
    ["warehouse", "db.internal", "stored-secret"],
  ]);
  assertEquals(job.variables, { region: "eu-west-1", limit: "10" });
  // Only declared connections are granted: not "reports", which a template merely reads.
  assertEquals(job.task.permissions, {
    net: ["cdn.example.com", "db.internal:6543", "api.example.com:443"],
  });
});

Deno.test("job: an unknown connection fails the try, naming it and how to create it", async () => {
  const h = new SchedulerHarness({ now: "2024-03-10T00:00:00Z" });
  await h.addDags(dagDefinition("etl", [taskDefinition("load", { connections: ["nowhere"] })]));
  await triggerDagRun(h.store, { dagId: "etl" }, h.clock.now());
  await h.settle();
  const [instance] = (await h.store.listTaskInstances({ dagIds: ["etl"] })).items;
  assertEquals(instance.state, "failed");
  assertEquals(h.executor.open.length, 0);
  const line = h.executor.logLines.find((text) => text.includes("nowhere")) ?? "";
  assertMatch(line, /could not start the try: task "load" uses the connection "nowhere", which/);
  assertMatch(line, /UPDRAFT_CONN_NOWHERE/);
});
