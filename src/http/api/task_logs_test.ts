import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { decodeLogToken, encodeLogToken, preferredLogType } from "./task_logs.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

const KEY = { dagId: "logs", runId: "r1", taskId: "t", mapIndex: -1 };
const PATH = "/dags/logs/dagRuns/r1/taskInstances/t/logs";

async function seeded() {
  const h = await ApiHarness.open({ store: "memory" });
  await h.addDags(dagDefinition("logs", [taskDefinition("t", { retries: 1 })]));
  await h.trigger("logs", { runId: "r1" });
  await h.moveTask(KEY, ["scheduled", "queued", "running"]);
  h.writeLog(KEY, 1, "line one\nline two\npartial");
  return h;
}

Deno.test("logs: JSON with a continuation token that resumes where the last read stopped", async () => {
  const h = await seeded();
  try {
    let response = await h.request("GET", `${PATH}/1`, {
      as: "Viewer",
      headers: { accept: "application/json" },
    });
    assertEquals(response.status, 200);
    let body = await response.json();
    assertEquals(Object.keys(body).sort(), ["content", "continuation_token"]);
    assertEquals(body.content, "line one\nline two\n");
    assertEquals(decodeLogToken(body.continuation_token), { log_pos: 18, end_of_log: false });
    h.writeLog(KEY, 1, "line one\nline two\npartial no more\nline four\n");
    response = await h.request("GET", `${PATH}/1?token=${body.continuation_token}`);
    body = await response.json();
    assertEquals(body.content, "partial no more\nline four\n");
    response = await h.request("GET", `${PATH}/1?token=${body.continuation_token}`);
    body = await response.json();
    assertEquals(body.content, "");
    response = await h.request(
      "GET",
      `${PATH}/1?full_content=true&token=${body.continuation_token}`,
    );
    assertEquals(
      (await response.json()).content,
      "line one\nline two\npartial no more\nline four\n",
    );
  } finally {
    await h.close();
  }
});

Deno.test("logs: text/plain gives the raw text; no Accept gives JSON; others 406", async () => {
  const h = await seeded();
  try {
    let response = await h.request("GET", `${PATH}/1`, { headers: { accept: "text/plain" } });
    assertEquals(response.status, 200);
    assert(response.headers.get("content-type")?.startsWith("text/plain"));
    assertEquals(await response.text(), "line one\nline two\n");
    response = await h.request("GET", `${PATH}/1`);
    assertEquals((await response.json()).content, "line one\nline two\n");
    response = await h.request("GET", `${PATH}/1`, { headers: { accept: "image/png" } });
    assertEquals(response.status, 406);
    (await airflowSchemas()).assert("Error", await response.json());
  } finally {
    await h.close();
  }
});

Deno.test("logs: a finished try's token says end of log", async () => {
  const h = await seeded();
  try {
    await h.moveTask(KEY, ["up_for_retry"]);
    const body = await (await h.request("GET", `${PATH}/1`)).json();
    assertEquals(decodeLogToken(body.continuation_token).end_of_log, true);
  } finally {
    await h.close();
  }
});

Deno.test("logs: 404 for a try without log or an unknown instance; 400 for bad input", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    for (
      const path of [
        `${PATH}/2`,
        `${PATH}/1?map_index=3`,
        "/dags/logs/dagRuns/r1/taskInstances/zzz/logs/1",
        "/dags/logs/dagRuns/nope/taskInstances/t/logs/1",
      ]
    ) {
      const response = await h.request("GET", path);
      assertEquals(response.status, 404, path);
      airflow.assert("Error", await response.json());
    }
    for (const path of [`${PATH}/0`, `${PATH}/one`, `${PATH}/1?token=forged`]) {
      const response = await h.request("GET", path);
      assertEquals(response.status, 400, path);
      airflow.assert("Error", await response.json());
    }
    const forged = await (await h.request("GET", `${PATH}/1?token=forged`)).json();
    assertEquals(forged.detail, "Bad Signature. Please use only the tokens provided by the API.");
    const unauthenticated = await h.request("GET", `${PATH}/1`, { as: null });
    assertEquals(unauthenticated.status, 401);
    await unauthenticated.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("log tokens and Accept negotiation", () => {
  const token = encodeLogToken({ log_pos: 12345, end_of_log: true });
  assert(/^[A-Za-z0-9_-]+$/.test(token));
  assertEquals(decodeLogToken(token), { log_pos: 12345, end_of_log: true });
  assertEquals(preferredLogType(undefined), "json");
  assertEquals(preferredLogType("*/*"), "json");
  assertEquals(preferredLogType("text/plain"), "text");
  assertEquals(preferredLogType("application/json;q=0.5, text/plain"), "text");
  assertEquals(preferredLogType("text/*, application/json;q=0.9"), "text");
  assertEquals(preferredLogType("text/*;q=0.5, application/json"), "json");
  assertEquals(preferredLogType("text/html"), null);
});
