import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness } from "./_testing.ts";

const rowsOf = (html: string, attribute: string) =>
  [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, "g"))].map((match) => match[1]);

async function withRuns() {
  const h = await DashboardHarness.open({ store: "sqlite" });
  await h.api.addDags(
    dagDefinition("alpha", [taskDefinition("extract"), taskDefinition("load", { pool: "small" })]),
    dagDefinition("beta", [taskDefinition("extract")]),
  );
  const first = await h.api.trigger("alpha", {
    runId: "alpha_one",
    logicalDate: "2024-03-01T00:00:00Z",
  });
  await h.api.moveRun(first, ["running", "failed"]);
  await h.api.moveTask({ ...first, taskId: "extract" }, [
    "scheduled",
    "queued",
    "running",
    "success",
  ]);
  await h.api.trigger("alpha", { runId: "alpha_two", logicalDate: "2024-03-05T00:00:00Z" });
  await h.api.trigger("beta", { runId: "beta_one", logicalDate: "2024-03-03T00:00:00Z" });
  return h;
}

Deno.test("runs page: every DAG's runs, newest first, with state words and links", async () => {
  const h = await withRuns();
  try {
    const { status, html } = await h.page("/runs", "Viewer");
    assertEquals(status, 200);
    assertEquals(rowsOf(html, "data-run-id"), ["alpha_two", "beta_one", "alpha_one"]);
    ok(html.includes('href="/dags/alpha?run_id=alpha_one"'));
    ok(html.includes('data-state="failed"') && html.includes("failed</span>"));
    ok(html.includes("manual") && html.includes("2024-03-01 00:00:00"));
    assertEquals(rowsOf((await h.page("/runs?dag_id=beta")).html, "data-run-id"), ["beta_one"]);
    assertEquals(rowsOf((await h.page("/runs?state=failed")).html, "data-run-id"), ["alpha_one"]);
    assertEquals(
      rowsOf((await h.page("/runs?run_type=scheduled")).html, "data-run-id"),
      [],
    );
    assertEquals(
      rowsOf(
        (await h.page("/runs?logical_date_from=2024-03-02T00:00&logical_date_to=2024-03-04T00:00"))
          .html,
        "data-run-id",
      ),
      ["beta_one"],
    );
    assertEquals(
      rowsOf((await h.page("/runs?sort=execution_date")).html, "data-run-id"),
      ["alpha_one", "beta_one", "alpha_two"],
    );
    const bad = await h.page("/runs?state=sleeping");
    assertEquals(bad.status, 400);
    ok(bad.html.includes("state must be one of queued, running, success, failed"));
    const badDate = await h.page("/runs?logical_date_from=soon");
    assertEquals(badDate.status, 400);
    ok(badDate.html.includes("logical_date_from must be a date and time"));
  } finally {
    await h.close();
  }
});

Deno.test("runs page: pages of 50", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.addDags(dagDefinition("many", [taskDefinition("t")]));
    for (let day = 1; day <= 55; day++) {
      await h.api.trigger("many", { logicalDate: new Date(Date.UTC(2024, 0, day)).toISOString() });
    }
    const first = await h.page("/runs?dag_id=many");
    ok(first.html.includes("1–50 of 55"));
    ok(first.html.includes('href="/runs?dag_id=many&amp;sort=-execution_date&amp;offset=50"'));
    const second = await h.page("/runs?dag_id=many&offset=50");
    assertEquals(rowsOf(second.html, "data-run-id").length, 5);
  } finally {
    await h.close();
  }
});

Deno.test("task instances page: across DAGs, filtered by DAG, task, state (no status too) and pool", async () => {
  const h = await withRuns();
  try {
    const { status, html } = await h.page("/task-instances", "Viewer");
    assertEquals(status, 200);
    assertEquals(rowsOf(html, "data-task-id").length, 5);
    ok(html.includes('href="/dags/alpha/runs/alpha_one/tasks/extract"'));
    ok(html.includes("no status"));
    const success = await h.page("/task-instances?state=success");
    assertEquals(rowsOf(success.html, "data-task-id"), ["extract"]);
    ok(success.html.includes('data-state="success"'));
    const none = await h.page("/task-instances?state=none&dag_id=alpha");
    assertEquals(rowsOf(none.html, "data-task-id").sort(), ["extract", "load", "load"]);
    const pool = await h.page("/task-instances?pool=small");
    assertEquals(rowsOf(pool.html, "data-task-id"), ["load", "load"]);
    const task = await h.page("/task-instances?task_id=extract&dag_id=beta");
    assertEquals(rowsOf(task.html, "data-task-id"), ["extract"]);
    ok((await h.page("/task-instances?dag_id=nope")).html.includes("No task instance matches"));
    assertEquals((await h.page("/task-instances?state=sleepy")).status, 400);
  } finally {
    await h.close();
  }
});

Deno.test("import errors page: every error with file, line, time and the whole message; filtered by file", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    ok((await h.page("/import-errors")).html.includes("there are no import errors"));
    const long = `dags/etl/broken.ts:3: ${"x".repeat(900)} the end`;
    await h.api.addImportError("dags/etl/broken.ts", long);
    await h.api.addImportError("dags/other.ts", "dags/other.ts:3: SyntaxError: Unexpected token");
    const { html } = await h.page("/import-errors", "Viewer");
    assertEquals(rowsOf(html, "data-fileloc"), ["dags/etl/broken.ts", "dags/other.ts"]);
    ok(html.includes("line 3") && html.includes("2024-03-10 12:00:00 UTC"));
    ok(html.includes(" the end</pre>"), "the whole message");
    const filtered = await h.page("/import-errors?file=ETL");
    assertEquals(rowsOf(filtered.html, "data-fileloc"), ["dags/etl/broken.ts"]);
    ok((await h.page("/import-errors?file=zzz")).html.includes("No import error matches"));
  } finally {
    await h.close();
  }
});

Deno.test("api page: the operations of the OpenAPI document grouped by tag, and how to log in", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const { status, html } = await h.page("/api", "Viewer");
    assertEquals(status, 200);
    ok(html.includes('data-operation="GET /dags"'));
    ok(html.includes("List DAGs"));
    ok(html.includes('data-operation="POST /dags/{dag_id}/dagRuns"'));
    ok(html.includes('id="tag-DAGRun"'));
    ok(html.includes("<code>dag_id_pattern</code>"), "parameters");
    ok(html.includes("<code>DAGCollection</code>"), "response schema");
    ok(/Request body \(JSON\): <code>[A-Za-z]+<\/code>/.test(html), "request body schema");
    ok(html.includes('href="/api/v1/openapi.json"'));
    ok(html.includes("POST /api/v1/auth/token"));
    ok(html.includes("curl -u alice:secret http://localhost/api/v1/dags"));
    const unauthenticated = await h.get("/api", null);
    assertEquals(unauthenticated.status, 303);
  } finally {
    await h.close();
  }
});
