import assert from "node:assert/strict";
import { DefinitionError } from "../core/mod.ts";
import { dag, defineOperator } from "./mod.ts";
import { findNonJson } from "./json.ts";

const fetchJson = defineOperator({
  name: "FetchJsonOperator",
  templateFields: ["url", "headers"],
  permissions: (
    fields: { url: string; headers?: Record<string, string>; retriesOnHttp?: number },
  ) => ({
    net: [new URL(fields.url.replace(/\{\{.*?\}\}/g, "x")).host],
  }),
  execute(ctx, fields) {
    ctx.log(`GET ${fields.url}`);
    return { url: fields.url, retries: fields.retriesOnHttp ?? 0 };
  },
});

Deno.test("defineOperator(): fields split into templated and plain, permissions added", () => {
  const built = dag({ id: "ops" }, () => {
    fetchJson({
      id: "fetch",
      url: "https://api.example.com/day/{{ ds }}?key={{ var.value.api_key }}",
      headers: { accept: "application/json" },
      retriesOnHttp: 2,
      permissions: { env: ["PROXY"] },
      retries: 1,
    });
  });
  const [fetch] = built.toDefinition("ops.ts").tasks;
  assert.equal(fetch.operator, "FetchJsonOperator");
  assert.equal(fetch.kind, "function");
  assert.equal(fetch.retries, 1);
  assert.deepEqual(fetch.templateFields, {
    url: "https://api.example.com/day/{{ ds }}?key={{ var.value.api_key }}",
    headers: { accept: "application/json" },
  });
  assert.deepEqual(fetch.fields, { retriesOnHttp: 2 });
  assert.deepEqual(fetch.permissions, { net: ["api.example.com"], env: ["PROXY"] });
  assert.deepEqual(fetch.variablesUsed, ["api_key"]);
  assert.ok(built.getTask("fetch")?.run, "the operator's execute is what the sandbox runs");
});

Deno.test("defineOperator(): fields must be JSON; the definition must be complete", () => {
  assert.throws(
    () =>
      dag({ id: "ops" }, () => void fetchJson({ id: "f", url: new URL("https://x.org") as never })),
    (error: unknown) =>
      error instanceof DefinitionError &&
      error.message ===
        'DAG "ops", task "f", url: operator fields must be JSON: url is a URL, not a plain object',
  );
  assert.throws(
    () => defineOperator({ name: "", execute: () => 1 }),
    /defineOperator\(\) needs a name/,
  );
  assert.throws(
    () => defineOperator({ name: "Broken" } as never),
    /defineOperator\(\) of "Broken" needs an execute\(ctx, fields\) function/,
  );
  assert.throws(
    () => defineOperator({ name: "Clash", templateFields: ["retries"], execute: () => 1 }),
    /operator "Clash": "retries" is a task option, not a field/,
  );
});

Deno.test("findNonJson names the path of what is not JSON", () => {
  assert.equal(findNonJson({ a: [1, "x", null, { b: true }], skipped: undefined }), null);
  assert.equal(
    findNonJson({ a: [1, { at: new Date(0) }] }),
    "$.a[1].at is a Date, not a plain object",
  );
  assert.equal(findNonJson({ "odd key": NaN }), '$["odd key"] is NaN, which JSON cannot hold');
  assert.equal(findNonJson([1, undefined]), "$[1] is undefined");
  assert.equal(findNonJson(() => 1), "$ is a function");
  assert.equal(findNonJson(new Map()), "$ is a Map, not a plain object");
  assert.equal(findNonJson(10n), "$ is a bigint");
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(findNonJson(cyclic), "$.self refers back to itself (a cycle)");
  const shared = { x: 1 };
  assert.equal(findNonJson({ a: shared, b: shared }), null, "a shared object is not a cycle");
});
