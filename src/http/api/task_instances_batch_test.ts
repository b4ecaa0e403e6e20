import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

/** `pipeline` (a in pool fast → b) with run_1 finished (a 2.5 s, b failed) and run_2 not started; `other` with one run. */
async function seeded() {
  const h = await ApiHarness.open();
  await h.addDags(
    dagDefinition("pipeline", [
      taskDefinition("a", { pool: "fast", priorityWeight: 3 }),
      taskDefinition("b", { upstream: ["a"] }),
    ]),
    dagDefinition("other", [taskDefinition("t")]),
  );
  await h.trigger("pipeline", { runId: "run_1", logicalDate: "2024-03-01T00:00:00Z" });
  await h.trigger("pipeline", { runId: "run_2", logicalDate: "2024-03-02T00:00:00Z" });
  await h.trigger("other", { runId: "o_1", logicalDate: "2024-03-03T00:00:00Z" });
  const run1 = { dagId: "pipeline", runId: "run_1" };
  await h.moveRun(run1, ["running"]);
  await h.moveTask({ ...run1, taskId: "a" }, ["scheduled", "queued", "running"]);
  h.clock.advance(2_500);
  await h.moveTask({ ...run1, taskId: "a" }, ["success"]);
  await h.moveTask({ ...run1, taskId: "b" }, ["scheduled", "queued", "running", "failed"]);
  return h;
}

Deno.test("POST /dags/~/dagRuns/~/taskInstances/list: body filters across DAGs and runs", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const list = async (body: unknown, as: "Viewer" | "Admin" = "Admin") => {
    const response = await h.request("POST", "/dags/~/dagRuns/~/taskInstances/list", { body, as });
    assertEquals(response.status, 200, JSON.stringify(body));
    const page = await response.json();
    airflow.assert("TaskInstanceCollection", page);
    const keys = page.task_instances.map((ti: { dag_run_id: string; task_id: string }) =>
      `${ti.dag_run_id}/${ti.task_id}`
    );
    return [keys, page.total_entries];
  };
  try {
    assertEquals(await list({}, "Viewer"), [
      ["o_1/t", "run_1/a", "run_1/b", "run_2/a", "run_2/b"],
      5,
    ]);
    assertEquals(await list({ dag_ids: ["pipeline"], dag_run_ids: ["run_2"] }), [[
      "run_2/a",
      "run_2/b",
    ], 2]);
    assertEquals(await list({ dag_ids: [], task_ids: ["a", "t"] }), [[
      "o_1/t",
      "run_1/a",
      "run_2/a",
    ], 3]);
    assertEquals(await list({ state: ["none"], dag_ids: ["pipeline"] }), [
      ["run_2/a", "run_2/b"],
      2,
    ]);
    assertEquals(await list({ state: [null, "failed"], dag_ids: ["pipeline"] }), [
      ["run_1/b", "run_2/a", "run_2/b"],
      3,
    ]);
    assertEquals(await list({ pool: ["fast"] }), [["run_1/a", "run_2/a"], 2]);
    assertEquals(await list({ queue: ["default"] }), [[
      "o_1/t",
      "run_1/a",
      "run_1/b",
      "run_2/a",
      "run_2/b",
    ], 5]);
    assertEquals(await list({ queue: ["gpu"] }), [[], 0]);
    assertEquals(await list({ executor: ["CeleryExecutor"] }), [[], 0]);
    assertEquals(
      await list({
        execution_date_gte: "2024-03-02T00:00:00Z",
        execution_date_lte: "2024-03-03T00:00:00+01:00",
      }),
      [["run_2/a", "run_2/b"], 2],
    );
    assertEquals(await list({ duration_gte: 2, duration_lte: 3 }), [["run_1/a"], 1]);
    assertEquals(await list({ page_offset: 1, page_limit: 2 }), [["run_1/a", "run_1/b"], 5]);
    assertEquals(await list({ order_by: "-execution_date", page_limit: 1 }), [["o_1/t"], 5]);
    assertEquals(await list({ order_by: "-priority_weight", page_limit: 1 }), [["run_1/a"], 5]);
  } finally {
    await h.close();
  }
});

Deno.test("POST /dags/~/dagRuns/~/taskInstances/list: 400 naming the field", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    for (
      const [body, words] of [
        [
          { start_date_gte: "2024-03-02T00:00:00" },
          "body 'start_date_gte': Naive datetime is disallowed",
        ],
        [{ page_limit: 0 }, "body 'page_limit': must be at least 1"],
        [{ page_offset: -1 }, "body 'page_offset': must not be negative"],
        [{ order_by: "colour" }, 'cannot order by "colour"'],
        [{ state: ["lost"] }, 'unknown state "lost"'],
        [{ duration_gte: "long" }, "body 'duration_gte': must be a number of seconds"],
        [{ dag_id: "pipeline" }, "unknown field(s) 'dag_id'"],
        [{ dag_ids: "pipeline" }, "body 'dag_ids'"],
      ] as const
    ) {
      const response = await h.request("POST", "/dags/~/dagRuns/~/taskInstances/list", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    const empty = await h.request("POST", "/dags/~/dagRuns/~/taskInstances/list");
    assertEquals(empty.status, 400);
    assertEquals((await empty.json()).detail, "this request needs a JSON object as its body");
  } finally {
    await h.close();
  }
});

Deno.test("GET taskInstances: order_by any listed field, `-` descending; unknown is a 400", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const keys = async (query: string) => {
    const response = await h.request("GET", `/dags/pipeline/dagRuns/~/taskInstances?${query}`);
    assertEquals(response.status, 200, query);
    const page = await response.json();
    airflow.assert("TaskInstanceCollection", page);
    return page.task_instances.map((ti: { dag_run_id: string; task_id: string }) =>
      `${ti.dag_run_id}/${ti.task_id}`
    );
  };
  try {
    assertEquals(await keys(""), ["run_1/a", "run_1/b", "run_2/a", "run_2/b"]);
    assertEquals(await keys("order_by=-execution_date"), [
      "run_2/a",
      "run_2/b",
      "run_1/a",
      "run_1/b",
    ]);
    assertEquals((await keys("order_by=-duration")).slice(0, 2), ["run_1/a", "run_1/b"]);
    assertEquals(await keys("order_by=-task_id&limit=2"), ["run_1/b", "run_2/b"]);
    const bad = await h.request("GET", "/dags/pipeline/dagRuns/~/taskInstances?order_by=colour");
    assertEquals(bad.status, 400);
    const problem = await bad.json();
    airflow.assert("Error", problem);
    assert(problem.detail.includes("query parameter 'order_by'"), problem.detail);
    assert(
      problem.detail.includes("allowed fields are dag_id, dag_run_id, task_id"),
      problem.detail,
    );
  } finally {
    await h.close();
  }
});

Deno.test("Task instance batch list: every role reads; no login 401", async () => {
  const h = await seeded();
  try {
    await assertMinimumRole(h, {
      method: "POST",
      path: "/dags/~/dagRuns/~/taskInstances/list",
      body: { dag_ids: ["pipeline"] },
    }, "Viewer");
  } finally {
    await h.close();
  }
});
