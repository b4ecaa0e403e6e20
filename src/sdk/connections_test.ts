import assert from "node:assert/strict";
import { DefinitionError } from "../core/mod.ts";
import { dag, defineOperator, task } from "./mod.ts";

const query = defineOperator({
  name: "QueryOperator",
  templateFields: ["sql"],
  connections: (fields: { connId?: string; sql: string }) => [fields.connId ?? "db_default"],
  execute: (_ctx, fields) => fields.sql,
});

Deno.test("connections: the task's own, its operator's, and those its templates read", () => {
  const built = dag({ id: "c", defaultArgs: { connections: ["alerts"] } }, () => {
    query({ id: "q", sql: "select '{{ conn.reports.host }}', {{ conn.get('audit').port }}" });
    query({ id: "named", connId: "warehouse", sql: "select 1", connections: ["api"] });
    task({ id: "plain", connections: ["api", "api"] }, () => {});
  });
  const [q, named, plain] = built.toDefinition("c.ts").tasks;
  assert.deepEqual(q.connections, ["db_default", "alerts"]);
  assert.deepEqual(q.connectionsUsed, ["audit", "reports"]);
  // defaultArgs' connections add up with the task's own (an alert connection stays reachable).
  assert.deepEqual(named.connections, ["warehouse", "alerts", "api"]);
  assert.deepEqual(named.connectionsUsed, []);
  assert.deepEqual(plain.connections, ["alerts", "api"]);
});

Deno.test("connections: a malformed list is a definition error naming the field", () => {
  assert.throws(
    () =>
      dag({ id: "bad" }, () => void task({ id: "t", connections: ["ok", "no spaces"] }, () => {})),
    (error: unknown) =>
      error instanceof DefinitionError &&
      /task "t", connections: must be a list of connection ids/.test(error.message),
  );
  assert.throws(
    () =>
      dag(
        { id: "bad" },
        () => void task({ id: "t", connections: "db" as unknown as string[] }, () => {}),
      ),
    DefinitionError,
  );
});
