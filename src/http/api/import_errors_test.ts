import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

Deno.test("importErrors: list and read, the message as stack trace", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    await h.addImportError("broken.ts", "broken.ts:3: dag(): schedule: invalid cron expression");
    h.clock.advance(1_000);
    await h.addImportError("worse.ts", "worse.ts:1: SyntaxError: Unexpected token");
    let response = await h.request("GET", "/importErrors", { as: "Viewer" });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("ImportErrorCollection", body);
    assertEquals(body.total_entries, 2);
    const first = body.import_errors[0];
    assertEquals(first, {
      import_error_id: first.import_error_id,
      timestamp: "2024-03-10T12:00:00+00:00",
      filename: "broken.ts",
      stack_trace: "broken.ts:3: dag(): schedule: invalid cron expression",
    });
    const ordered = await (await h.request("GET", "/importErrors?order_by=-timestamp&limit=1"))
      .json();
    assertEquals(ordered.import_errors.map((error: { filename: string }) => error.filename), [
      "worse.ts",
    ]);
    response = await h.request("GET", `/importErrors/${first.import_error_id}`);
    const one = await response.json();
    airflow.assert("ImportError", one);
    assertEquals(one, first);
    response = await h.request("GET", "/importErrors/99999");
    assertEquals(response.status, 404);
    airflow.assert("Error", await response.json());
    for (const path of ["/importErrors/abc", "/importErrors?order_by=stack_trace"]) {
      response = await h.request("GET", path);
      assertEquals(response.status, 400, path);
      airflow.assert("Error", await response.json());
    }
  } finally {
    await h.close();
  }
});
