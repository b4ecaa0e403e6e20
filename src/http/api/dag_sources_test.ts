import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { fileTokenFor } from "./_dag_dto.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

const SOURCE = 'import { dag } from "updraft";\n\nexport default dag("etl", () => {});\n';

async function seeded() {
  const h = await ApiHarness.open({ store: "memory" });
  await h.store.recordParsedFile({
    fileloc: "team/etl.ts",
    ok: true,
    bundle: { bundleHash: "bundle-1", fileloc: "team/etl.ts", source: SOURCE, code: "// code" },
    dags: [dagDefinition("etl", [taskDefinition("t")], { fileloc: "team/etl.ts" })],
  }, { now: h.clock.now(), pausedAtCreation: true });
  const dag = await (await h.request("GET", "/dags/etl")).json();
  return { h, token: dag.file_token as string };
}

Deno.test("GET /dagSources/{file_token}: the DAG's file token gives its source as JSON", async () => {
  const { h, token } = await seeded();
  try {
    const response = await h.request("GET", `/dagSources/${token}`, { as: "Viewer" });
    assertEquals(response.status, 200);
    assert(response.headers.get("content-type")?.startsWith("application/json"));
    assertEquals(await response.json(), { content: SOURCE });
    assertEquals(token, fileTokenFor("team/etl.ts"));
  } finally {
    await h.close();
  }
});

Deno.test("GET /dagSources/{file_token}: plain text when Accept asks, 406 for neither", async () => {
  const { h, token } = await seeded();
  try {
    const text = await h.request("GET", `/dagSources/${token}`, {
      headers: { accept: "text/plain" },
    });
    assertEquals(text.status, 200);
    assertEquals(text.headers.get("content-type"), "text/plain; charset=utf-8");
    assertEquals(await text.text(), SOURCE);
    const preferred = await h.request("GET", `/dagSources/${token}`, {
      headers: { accept: "application/json;q=0.4, text/*" },
    });
    assertEquals(await preferred.text(), SOURCE);
    const refused = await h.request("GET", `/dagSources/${token}`, {
      headers: { accept: "text/html" },
    });
    assertEquals(refused.status, 406);
    (await airflowSchemas()).assert("Error", await refused.json());
  } finally {
    await h.close();
  }
});

Deno.test("GET /dagSources/{file_token}: the last good parse's source follows the file", async () => {
  const { h, token } = await seeded();
  const content = async () =>
    (await (await h.request("GET", `/dagSources/${token}`)).json()).content;
  try {
    await h.store.recordParsedFile({
      fileloc: "team/etl.ts",
      ok: true,
      bundle: { bundleHash: "bundle-2", fileloc: "team/etl.ts", source: "// v2\n", code: "// 2" },
      dags: [dagDefinition("etl", [taskDefinition("t")], { fileloc: "team/etl.ts" })],
    }, { now: h.clock.now(), pausedAtCreation: true });
    assertEquals(await content(), "// v2\n");
    // A broken edit keeps the last good version running, and its source shown.
    await h.addImportError("team/etl.ts", "SyntaxError");
    assertEquals(await content(), "// v2\n");
    await h.store.forgetFile("team/etl.ts", h.clock.now());
    const gone = await h.request("GET", `/dagSources/${token}`);
    assertEquals(gone.status, 404);
    assertEquals((await gone.json()).title, "Dag source not found");
  } finally {
    await h.close();
  }
});

Deno.test("GET /dagSources/{file_token}: a malformed or unknown token is a 404 saying so", async () => {
  const { h } = await seeded();
  const airflow = await airflowSchemas();
  try {
    for (
      const [token, words] of [
        ["%E2%9C%93!", "is not a file token"],
        ["_w", "is not a file token"],
        [fileTokenFor("team/other.ts"), 'no DAG file "team/other.ts"'],
      ]
    ) {
      const response = await h.request("GET", `/dagSources/${token}`);
      assertEquals(response.status, 404, token);
      const problem = await response.json();
      airflow.assert("Error", problem);
      assertEquals(problem.title, "Dag source not found");
      assert(problem.detail.includes(words), problem.detail);
    }
  } finally {
    await h.close();
  }
});

Deno.test("GET /dagSources/{file_token}: every role reads; no login 401", async () => {
  const { h, token } = await seeded();
  try {
    await assertMinimumRole(h, { method: "GET", path: `/dagSources/${token}` }, "Viewer");
  } finally {
    await h.close();
  }
});
