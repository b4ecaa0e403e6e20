import assert from "node:assert/strict";
import type { DagDefinition } from "../core/mod.ts";
import { dag, empty, task } from "../sdk/mod.ts";
import { validateDefinitions } from "./mod.ts";

function definition(): DagDefinition {
  return dag({ id: "valid", schedule: "@daily", startDate: "2024-01-01" }, () => {
    const a = task({ id: "a" }, () => 1);
    const b = task({ id: "b" }, (_ctx, value: number) => value);
    b(a);
    empty({ id: "c" }).after(b);
  }).toDefinition("valid.ts");
}

function problem(change: (dag: DagDefinition) => unknown): string {
  const changed = definition();
  change(changed);
  const result = validateDefinitions([changed], "valid.ts");
  assert.ok(!result.ok, "the changed definition should be refused");
  return result.message;
}

Deno.test("validateDefinitions accepts what the SDK produces", () => {
  const result = validateDefinitions([definition()], "valid.ts");
  assert.ok(result.ok);
  assert.deepEqual(result.dags, [definition()]);
});

Deno.test("validateDefinitions refuses malformed definitions, naming where", () => {
  assert.match(
    problem((d) => ((d.tasks[0] as { retries: unknown }).retries = "3")),
    /^invalid DAG definition at \["valid"\]\.tasks\["a"\]\.retries: /,
  );
  assert.match(
    problem((d) => ((d.tasks[1] as { triggerRule: string }).triggerRule = "sometimes")),
    /^invalid DAG definition at \["valid"\]\.tasks\["b"\]\.triggerRule: /,
  );
  assert.match(
    problem((d) => ((d as unknown as Record<string, unknown>).extra = true)),
    /^invalid DAG definition at \["valid"\]: .*extra/,
  );
  assert.match(
    problem((d) => (d.dagId = "bad id")),
    /^invalid DAG definition at \["bad id"\]\.dagId: Invalid string/,
  );
  assert.match(
    problem((d) => (d.schedule = { kind: "interval", everyMs: 0 })),
    /^invalid DAG definition at \["valid"\]\.schedule\.everyMs: /,
  );
});

Deno.test("validateDefinitions checks the graph", () => {
  assert.equal(
    problem((d) => d.tasks[2].upstream.push("ghost")),
    'DAG "valid", task "c", upstream: unknown task "ghost"',
  );
  assert.equal(
    problem((d) => d.tasks.push({ ...d.tasks[0] })),
    'DAG "valid", task "a": duplicate task id',
  );
  assert.equal(
    problem((d) => d.tasks[0].upstream.push("c")),
    'DAG "valid", the dependencies form a cycle: a → b → c → a',
  );
  assert.equal(
    problem((d) => (d.tasks[1].upstream = [])),
    'DAG "valid", task "b", inputs: task "a" is not upstream',
  );
  assert.equal(
    problem((d) => (d.fileloc = "other.ts")),
    'DAG "valid": fileloc is "other.ts", expected "valid.ts"',
  );
  const twice = validateDefinitions([definition(), definition()], "valid.ts");
  assert.ok(!twice.ok && twice.message === 'DAG "valid": duplicate DAG id');
});
