import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

/** Two runs of `pipeline` (a → b): run_1 failed at b, run_2 still queued. */
async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store });
  await h.addDags(
    dagDefinition("pipeline", [
      taskDefinition("a", { pool: "fast", priorityWeight: 3, operator: "bash" }),
      taskDefinition("b", { upstream: ["a"], retries: 2 }),
    ]),
  );
  await h.trigger("pipeline", { runId: "run_1", logicalDate: "2024-03-01T00:00:00Z" });
  await h.trigger("pipeline", { runId: "run_2", logicalDate: "2024-03-02T00:00:00Z" });
  const run1 = { dagId: "pipeline", runId: "run_1" };
  await h.moveRun(run1, ["running"]);
  await h.moveTask({ ...run1, taskId: "a" }, ["scheduled", "queued"]);
  h.clock.advance(1_000);
  await h.moveTask({ ...run1, taskId: "a" }, ["running"], { hostname: "worker-1", pid: 42 });
  h.clock.advance(2_500);
  await h.moveTask({ ...run1, taskId: "a" }, ["success"]);
  await h.moveTask({ ...run1, taskId: "b" }, ["scheduled", "queued", "running", "failed"]);
  await h.moveRun(run1, ["failed"]);
  return h;
}

Deno.test("GET taskInstances/{task_id}: Airflow's TaskInstance, 2.10 try numbers", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("GET", "/dags/pipeline/dagRuns/run_1/taskInstances/a", {
      as: "Viewer",
    });
    assertEquals(response.status, 200);
    const a = await response.json();
    airflow.assert("TaskInstance", a);
    assertEquals(a, {
      task_id: "a",
      task_display_name: "a",
      dag_id: "pipeline",
      dag_run_id: "run_1",
      execution_date: "2024-03-01T00:00:00+00:00",
      start_date: "2024-03-10T12:00:01+00:00",
      end_date: "2024-03-10T12:00:03.500000+00:00",
      duration: 2.5,
      state: "success",
      try_number: 1,
      map_index: -1,
      max_tries: 0,
      hostname: "worker-1",
      unixname: "",
      pool: "fast",
      pool_slots: 1,
      queue: "default",
      priority_weight: a.priority_weight,
      operator: "bash",
      queued_when: "2024-03-10T12:00:00+00:00",
      pid: 42,
      executor: null,
      executor_config: "{}",
      sla_miss: null,
      rendered_map_index: null,
      rendered_fields: {},
      trigger: null,
      triggerer_job: null,
      note: null,
    });
    const fresh = await (await h.request("GET", "/dags/pipeline/dagRuns/run_2/taskInstances/b"))
      .json();
    airflow.assert("TaskInstance", fresh);
    assertEquals([fresh.state, fresh.try_number, fresh.max_tries, fresh.start_date], [
      null,
      0,
      2,
      null,
    ]);
    for (
      const [path, title] of [
        ["/dags/pipeline/dagRuns/run_1/taskInstances/zzz", "Task instance not found"],
        ["/dags/pipeline/dagRuns/nope/taskInstances/a", "DAGRun not found"],
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

Deno.test("GET taskInstances: filters, paging, ~ for all runs and DAGs", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const list = async (path: string) => {
    const response = await h.request("GET", path);
    assertEquals(response.status, 200, path);
    const body = await response.json();
    airflow.assert("TaskInstanceCollection", body);
    return {
      keys: body.task_instances.map((ti: { dag_run_id: string; task_id: string }) =>
        `${ti.dag_run_id}/${ti.task_id}`
      ).sort(),
      body,
    };
  };
  try {
    assertEquals((await list("/dags/pipeline/dagRuns/run_1/taskInstances")).keys, [
      "run_1/a",
      "run_1/b",
    ]);
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances")).body.total_entries, 4);
    assertEquals((await list("/dags/pipeline/dagRuns/~/taskInstances?state=none")).keys, [
      "run_2/a",
      "run_2/b",
    ]);
    assertEquals(
      (await list("/dags/~/dagRuns/~/taskInstances?state=failed&state=success")).keys,
      ["run_1/a", "run_1/b"],
    );
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances?pool=fast")).keys, [
      "run_1/a",
      "run_2/a",
    ]);
    assertEquals(
      (await list("/dags/~/dagRuns/~/taskInstances?execution_date_gte=2024-03-02T00:00:00Z"))
        .keys,
      ["run_2/a", "run_2/b"],
    );
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances?duration_gte=2")).keys, [
      "run_1/a",
    ]);
    assertEquals(
      (await list("/dags/~/dagRuns/~/taskInstances?queue=default")).body.total_entries,
      4,
    );
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances?queue=gpu")).body.total_entries, 0);
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances?executor=x")).body.total_entries, 0);
    const page = await list("/dags/~/dagRuns/~/taskInstances?limit=3&offset=2");
    assertEquals([page.body.task_instances.length, page.body.total_entries], [2, 4]);
    for (const bad of ["state=bogus", "limit=-2", "duration_gte=long", "start_date_lte=x"]) {
      const response = await h.request("GET", `/dags/~/dagRuns/~/taskInstances?${bad}`);
      assertEquals(response.status, 400, bad);
      airflow.assert("Error", await response.json());
    }
  } finally {
    await h.close();
  }
});

Deno.test("clearTaskInstances: REST defaults are a dry run of failed instances", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      as: "User",
      body: {},
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("TaskInstanceReferenceCollection", body);
    assertEquals(body, {
      task_instances: [{
        task_id: "b",
        dag_id: "pipeline",
        execution_date: "2024-03-01T00:00:00+00:00",
        dag_run_id: "run_1",
      }],
    });
    const b = await h.store.getTaskInstance({
      dagId: "pipeline",
      runId: "run_1",
      taskId: "b",
      mapIndex: -1,
    });
    assertEquals(b?.state, "failed");
    assertEquals(h.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("clearTaskInstances: for real, the run stays failed unless reset_dag_runs", async () => {
  const h = await seeded();
  const key = { dagId: "pipeline", runId: "run_1", mapIndex: -1 };
  try {
    let response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      body: { dry_run: false, dag_run_id: "run_1", task_ids: ["b"] },
    });
    assertEquals(response.status, 200);
    assertEquals(
      (await response.json()).task_instances.map((ti: { task_id: string }) => ti.task_id),
      [
        "b",
      ],
    );
    const b = await h.store.getTaskInstance({ ...key, taskId: "b" });
    assertEquals([b?.state, b?.tryNumber, b?.maxTries], [null, 1, 3]);
    assertEquals((await h.store.getDagRun(key))?.state, "failed");
    assertEquals(h.wakes, 1);
    response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      body: {
        dry_run: false,
        only_failed: false,
        reset_dag_runs: true,
        start_date: "2024-03-01T00:00:00Z",
        end_date: "2024-03-01T23:59:59+00:00",
        task_ids: ["a"],
      },
    });
    assertEquals(response.status, 200);
    assertEquals((await response.json()).task_instances.length, 1);
    assertEquals((await h.store.getTaskInstance({ ...key, taskId: "a" }))?.state, null);
    assertEquals((await h.store.getDagRun(key))?.state, "queued");
  } finally {
    await h.close();
  }
});

Deno.test("clearTaskInstances: include_downstream widens; only_running selects running ones", async () => {
  const h = await seeded("memory");
  try {
    let response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      body: { only_failed: false, task_ids: ["a"], include_downstream: true, dag_run_id: "run_1" },
    });
    assertEquals(
      (await response.json()).task_instances.map((ti: { task_id: string }) => ti.task_id).sort(),
      [
        "a",
        "b",
      ],
    );
    response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      body: { only_failed: false, only_running: true },
    });
    assertEquals((await response.json()).task_instances, []);
  } finally {
    await h.close();
  }
});

Deno.test("clearTaskInstances: validation 400s, unknown DAG or run 404, Viewer 403", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [body, words] of [
        [{ only_running: true }, "only_failed and only_running both are set to True"],
        [
          { start_date: "2024-03-02T00:00:00Z", end_date: "2024-03-01T00:00:00Z" },
          "end_date is expected to be greater than start_date",
        ],
        [
          { dag_run_id: "run_1", start_date: "2024-03-01T00:00:00Z" },
          "Exactly one of dag_run_id or (start_date and end_date) must be provided",
        ],
        [{ task_ids: [] }, "give at least one task id"],
        [{ start_date: "2024-03-01T00:00:00" }, "Naive datetime is disallowed"],
        [{ dry_run: "no" }, "body 'dry_run'"],
        [{ colour: "red" }, "unknown field(s) 'colour'"],
      ] as const
    ) {
      const response = await h.request("POST", "/dags/pipeline/clearTaskInstances", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), `${JSON.stringify(body)}: ${problem.detail}`);
    }
    let response = await h.request("POST", "/dags/nope/clearTaskInstances", { body: {} });
    assertEquals(response.status, 404);
    await response.body?.cancel();
    response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      body: { dag_run_id: "nope" },
    });
    assertEquals(response.status, 404);
    await response.body?.cancel();
    response = await h.request("POST", "/dags/pipeline/clearTaskInstances", {
      as: "Viewer",
      body: {},
    });
    assertEquals(response.status, 403);
    await response.body?.cancel();
  } finally {
    await h.close();
  }
});
