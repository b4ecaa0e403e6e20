import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

/** `etl`: extract (bash) → transform (function) → load (empty), with DAG-level settings. */
async function seeded() {
  const h = await ApiHarness.open({ store: "memory" });
  await h.addDags(
    dagDefinition("etl", [
      taskDefinition("extract", {
        operator: "bash",
        kind: "bash",
        retries: 3,
        retryDelayMs: 90_500,
        retryExponentialBackoff: true,
        executionTimeoutMs: 2 * 86_400_000 + 1_000,
        templateFields: { command: "echo {{ ds }}", env: {} },
        priorityWeight: 5,
        pool: "io",
        poolSlots: 2,
        doc: "Pulls the data.",
      }),
      taskDefinition("transform", { upstream: ["extract"], dependsOnPast: true }),
      taskDefinition("load", {
        operator: "empty",
        kind: "empty",
        upstream: ["transform"],
        triggerRule: "all_done",
        weightRule: "absolute",
        waitForDownstream: true,
      }),
    ], {
      description: "Extract, transform, load",
      schedule: { kind: "cron", expression: "0 6 * * *" },
      scheduleText: "0 6 * * *",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
      endDate: Date.parse("2025-01-01T00:00:00Z"),
      timezone: "Europe/Paris",
      catchup: true,
      tags: ["etl"],
      owner: "data-team",
      params: { limit: 10, mode: "full" },
      maxActiveTasks: 4,
      dagrunTimeoutMs: 3_600_000,
      isPausedUponCreation: false,
      doc: "# ETL\nRuns daily.",
    }),
    dagDefinition("bare", [taskDefinition("only")]),
  );
  return h;
}

Deno.test("GET /dags/{dag_id}/details: Airflow's DAGDetail from the current version", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("GET", "/dags/etl/details", { as: "Viewer" });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("DAGDetail", body);
    const dag = await (await h.request("GET", "/dags/etl")).json();
    for (const [field, value] of Object.entries(dag)) assertEquals(body[field], value, field);
    const extras = Object.fromEntries(Object.entries(body).filter(([key]) => !(key in dag)));
    assertEquals(extras, {
      timezone: "Europe/Paris",
      catchup: true,
      orientation: "LR",
      concurrency: 4,
      dataset_expression: null,
      start_date: "2024-01-01T00:00:00+00:00",
      end_date: "2025-01-01T00:00:00+00:00",
      dag_run_timeout: { __type: "TimeDelta", days: 0, seconds: 3600, microseconds: 0 },
      doc_md: "# ETL\nRuns daily.",
      params: {
        limit: { __class: "airflow.models.param.Param", value: 10, description: null, schema: {} },
        mode: {
          __class: "airflow.models.param.Param",
          value: "full",
          description: null,
          schema: {},
        },
      },
      is_paused_upon_creation: false,
      template_search_path: null,
      render_template_as_native_obj: false,
      last_parsed: "2024-03-10T12:00:00+00:00",
    });
    assertEquals([body.max_active_tasks, body.owners, body.is_paused], [4, ["data-team"], false]);

    const bare = await (await h.request("GET", "/dags/bare/details")).json();
    airflow.assert("DAGDetail", bare);
    assertEquals([bare.start_date, bare.dag_run_timeout, bare.params, bare.concurrency], [
      null,
      null,
      {},
      16,
    ]);
    const some = await (await h.request("GET", "/dags/etl/details?fields=dag_id&fields=timezone"))
      .json();
    assertEquals(some, { dag_id: "etl", timezone: "Europe/Paris" });
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags/{dag_id}/details: 404 for an unknown DAG, 400 for an unknown field", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const missing = await h.request("GET", "/dags/nope/details");
    assertEquals(missing.status, 404);
    const problem = await missing.json();
    airflow.assert("Error", problem);
    assertEquals(problem.title, "DAG not found");
    const bad = await h.request("GET", "/dags/etl/details?fields=colour");
    assertEquals(bad.status, 400);
    assert((await bad.json()).detail.includes('unknown field(s) in "fields": colour'));
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags/{dag_id}/tasks/{task_id}: Airflow's Task", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("GET", "/dags/etl/tasks/extract", { as: "Viewer" });
    assertEquals(response.status, 200);
    const extract = await response.json();
    airflow.assert("Task", extract);
    assertEquals(extract, {
      class_ref: { class_name: "BashOperator", module_path: "updraft" },
      operator_name: "bash",
      task_id: "extract",
      task_display_name: "extract",
      owner: "data-team",
      start_date: "2024-01-01T00:00:00+00:00",
      end_date: "2025-01-01T00:00:00+00:00",
      trigger_rule: "all_success",
      extra_links: [],
      depends_on_past: false,
      wait_for_downstream: false,
      retries: 3,
      queue: "default",
      executor: null,
      pool: "io",
      pool_slots: 2,
      execution_timeout: { __type: "TimeDelta", days: 2, seconds: 1, microseconds: 0 },
      retry_delay: { __type: "TimeDelta", days: 0, seconds: 90, microseconds: 500_000 },
      retry_exponential_backoff: true,
      priority_weight: 5,
      weight_rule: "downstream",
      ui_color: "#f0ede4",
      ui_fgcolor: "#000",
      template_fields: ["command", "env"],
      downstream_task_ids: ["transform"],
      params: extract.params,
      is_mapped: false,
      doc_md: "Pulls the data.",
    });
    assertEquals(Object.keys(extract.params), ["limit", "mode"]);
    const load = await (await h.request("GET", "/dags/etl/tasks/load")).json();
    airflow.assert("Task", load);
    assertEquals(
      [load.class_ref.class_name, load.trigger_rule, load.weight_rule, load.execution_timeout],
      ["EmptyOperator", "all_done", "absolute", null],
    );
    assertEquals([load.downstream_task_ids, load.wait_for_downstream], [[], true]);
    for (
      const [path, title] of [
        ["/dags/etl/tasks/nope", "Task not found"],
        ["/dags/nope/tasks/extract", "DAG not found"],
      ]
    ) {
      const missing = await h.request("GET", path);
      assertEquals(missing.status, 404, path);
      const problem = await missing.json();
      airflow.assert("Error", problem);
      assertEquals(problem.title, title);
    }
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags/{dag_id}/tasks: every task, ordered by any Task field", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const ids = async (query: string) => {
    const response = await h.request("GET", `/dags/etl/tasks${query}`);
    assertEquals(response.status, 200, query);
    const body = await response.json();
    airflow.assert("TaskCollection", body);
    assertEquals(body.total_entries, 3);
    return body.tasks.map((task: { task_id: string }) => task.task_id);
  };
  try {
    assertEquals(await ids(""), ["extract", "load", "transform"]);
    assertEquals(await ids("?order_by=-task_id"), ["transform", "load", "extract"]);
    assertEquals(await ids("?order_by=-priority_weight"), ["extract", "transform", "load"]);
    assertEquals(await ids("?order_by=retry_delay"), ["extract", "transform", "load"]);
    assertEquals(await ids("?order_by=execution_timeout"), ["transform", "load", "extract"]);
    assertEquals(await ids("?order_by=-depends_on_past"), ["transform", "extract", "load"]);
    const bad = await h.request("GET", "/dags/etl/tasks?order_by=colour");
    assertEquals(bad.status, 400);
    const problem = await bad.json();
    airflow.assert("Error", problem);
    assert(problem.detail.includes("'order_by'"), problem.detail);
    assert(problem.detail.includes('cannot order by "colour"; allowed fields are task_id'));
    const missing = await h.request("GET", "/dags/nope/tasks");
    assertEquals(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("DAG details and tasks: every role reads, no credentials is 401", async () => {
  const h = await seeded();
  try {
    for (const path of ["/dags/etl/details", "/dags/etl/tasks", "/dags/etl/tasks/load"]) {
      await assertMinimumRole(h, { method: "GET", path }, "Viewer");
    }
  } finally {
    await h.close();
  }
});
