import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { TaskInstanceState } from "../../core/mod.ts";
import { assertMinimumRole } from "./_access_testing.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

const FAIL = ["scheduled", "queued", "running", "failed"] as TaskInstanceState[];
const SUCCEED = ["scheduled", "queued", "running", "success"] as TaskInstanceState[];

/** Fact 131's vector: t1 >> [t2, t3, t4, t5], t1 failed, t2 success, t3 upstream_failed, … */
async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store });
  const downstream = ["t2", "t3", "t4", "t5"].map((id) => taskDefinition(id, { upstream: ["t1"] }));
  await h.addDags(dagDefinition("vector", [taskDefinition("t1"), ...downstream]));
  const run = await h.trigger("vector", { runId: "r1", logicalDate: "2024-03-01T00:00:00Z" });
  await h.moveRun(run, ["running"]);
  await h.moveTask({ ...run, taskId: "t1" }, FAIL);
  await h.moveTask({ ...run, taskId: "t2" }, SUCCEED);
  await h.moveTask({ ...run, taskId: "t3" }, ["upstream_failed"]);
  await h.moveTask({ ...run, taskId: "t4" }, FAIL);
  await h.moveTask({ ...run, taskId: "t5" }, ["skipped"]);
  await h.moveRun(run, ["failed"]);
  return h;
}

async function states(h: ApiHarness, dagId = "vector", runId = "r1") {
  const page = await h.store.listTaskInstances({ dagIds: [dagId], runIds: [runId] });
  return Object.fromEntries(page.items.map((instance) => [instance.taskId, instance.state]));
}

const VECTOR_BEFORE = {
  t1: "failed",
  t2: "success",
  t3: "upstream_failed",
  t4: "failed",
  t5: "skipped",
};

Deno.test("PATCH taskInstances/{task_id}: a dry run by default, answering the reference", async () => {
  const h = await seeded();
  try {
    const response = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t1", {
      as: "User",
      body: { new_state: "success" },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    (await airflowSchemas()).assert("TaskInstanceReference", body);
    assertEquals(body, {
      task_id: "t1",
      dag_id: "vector",
      execution_date: "2024-03-01T00:00:00+00:00",
      dag_run_id: "r1",
    });
    assertEquals(await states(h), VECTOR_BEFORE);
    assertEquals(h.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH taskInstances/{task_id}: marking t1 success clears failed downstream (fact 131)", async () => {
  const h = await seeded("memory");
  try {
    const response = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t1", {
      body: { dry_run: false, new_state: "success" },
    });
    assertEquals(response.status, 200);
    assertEquals((await response.json()).task_id, "t1");
    assertEquals(await states(h), {
      t1: "success",
      t2: "success",
      t3: null,
      t4: null,
      t5: "skipped",
    });
    assertEquals((await h.store.getDagRun({ dagId: "vector", runId: "r1" }))?.state, "queued");
    assertEquals(h.wakes, 1);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH taskInstances/{task_id}: 400 for other states, 404 naming what is missing", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [body, words] of [
        [{ new_state: "running" }, "new_state must be one of success, failed, skipped"],
        [{ dry_run: false }, "body 'new_state'"],
        [{ new_state: "failed", map_index: 0 }, "unknown field(s) 'map_index'"],
        [{ new_state: "failed", dry_run: "no" }, "body 'dry_run'"],
      ] as const
    ) {
      const response = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t2", {
        body,
      });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    for (
      const [path, title] of [
        ["/dags/nope/dagRuns/r1/taskInstances/t1", "DAG not found"],
        ["/dags/vector/dagRuns/r1/taskInstances/t9", "Task not found"],
        ["/dags/vector/dagRuns/r9/taskInstances/t1", "Task instance not found"],
      ]
    ) {
      const response = await h.request("PATCH", path, {
        body: { dry_run: false, new_state: "failed" },
      });
      assertEquals(response.status, 404, path);
      assertEquals((await response.json()).title, title);
    }
    assertEquals(await states(h), VECTOR_BEFORE);
  } finally {
    await h.close();
  }
});

/** `chain`: a → b, runs d1, d2, d3 on consecutive days, every instance succeeded. */
async function chain(h: ApiHarness) {
  await h.addDags(
    dagDefinition("chain", [taskDefinition("a"), taskDefinition("b", { upstream: ["a"] })]),
  );
  for (const day of ["1", "2", "3"]) {
    const run = await h.trigger("chain", {
      runId: `d${day}`,
      logicalDate: `2024-03-0${day}T00:00:00Z`,
    });
    await h.moveRun(run, ["running"]);
    await h.moveTask({ ...run, taskId: "a" }, SUCCEED);
    await h.moveTask({ ...run, taskId: "b" }, SUCCEED);
    await h.moveRun(run, ["success"]);
  }
}

Deno.test("updateTaskInstancesState: relatives across runs; a dry run changes nothing", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  await chain(h);
  const update = async (body: Record<string, unknown>) => {
    const response = await h.request("POST", "/dags/chain/updateTaskInstancesState", {
      as: "User",
      body: {
        include_upstream: false,
        include_downstream: false,
        include_future: false,
        include_past: false,
        ...body,
      },
    });
    assertEquals(response.status, 200, JSON.stringify(body));
    const result = await response.json();
    airflow.assert("TaskInstanceReferenceCollection", result);
    return result.task_instances.map((item: { dag_run_id: string; task_id: string }) =>
      `${item.dag_run_id}/${item.task_id}`
    ).sort();
  };
  try {
    assertEquals(
      await update({
        task_id: "a",
        dag_run_id: "d2",
        new_state: "failed",
        include_downstream: true,
      }),
      ["d2/a", "d2/b"],
    );
    assertEquals(
      await update({
        task_id: "b",
        execution_date: "2024-03-02T00:00:00+00:00",
        new_state: "skipped",
        include_future: true,
      }),
      ["d2/b", "d3/b"],
    );
    assertEquals(await update({ task_id: "a", dag_run_id: "d1", new_state: "success" }), []);
    assertEquals(await states(h, "chain", "d2"), { a: "success", b: "success" });
    assertEquals(h.wakes, 0);

    assertEquals(
      await update({
        task_id: "b",
        dag_run_id: "d2",
        new_state: "failed",
        include_past: true,
        dry_run: false,
      }),
      ["d1/b", "d2/b"],
    );
    assertEquals(await states(h, "chain", "d1"), { a: "success", b: "failed" });
    assertEquals(await states(h, "chain", "d3"), { a: "success", b: "success" });
    assertEquals(h.wakes, 1);
  } finally {
    await h.close();
  }
});

Deno.test("updateTaskInstancesState: 400 for bad bodies, 404 naming what is missing", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  await chain(h);
  const flags = {
    include_upstream: false,
    include_downstream: false,
    include_future: false,
    include_past: false,
  };
  try {
    for (
      const [body, words] of [
        [
          { ...flags, task_id: "a", new_state: "failed" },
          "Exactly one of execution_date or dag_run_id",
        ],
        [
          {
            ...flags,
            task_id: "a",
            dag_run_id: "d1",
            execution_date: "2024-03-01T00:00:00Z",
            new_state: "failed",
          },
          "Exactly one of execution_date or dag_run_id",
        ],
        [{ task_id: "a", dag_run_id: "d1", new_state: "failed" }, "include_upstream is required"],
        [
          { ...flags, task_id: "a", execution_date: "2024-03-01T00:00:00", new_state: "failed" },
          "Naive datetime",
        ],
        [{ ...flags, dag_run_id: "d1", new_state: "failed" }, "task_id is required"],
        [
          { ...flags, task_id: "a", dag_run_id: "d1", new_state: "queued" },
          "new_state must be one of",
        ],
      ] as const
    ) {
      const response = await h.request("POST", "/dags/chain/updateTaskInstancesState", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    for (
      const [path, body, title] of [
        [
          "/dags/nope/updateTaskInstancesState",
          { task_id: "a", dag_run_id: "d1" },
          "DAG not found",
        ],
        [
          "/dags/chain/updateTaskInstancesState",
          { task_id: "z", dag_run_id: "d1" },
          "Task not found",
        ],
        [
          "/dags/chain/updateTaskInstancesState",
          { task_id: "a", dag_run_id: "d9" },
          "Task instance not found",
        ],
        [
          "/dags/chain/updateTaskInstancesState",
          { task_id: "a", execution_date: "2024-02-01T00:00:00Z" },
          "Task instance not found",
        ],
      ] as const
    ) {
      const response = await h.request("POST", path, {
        body: { ...flags, ...body, new_state: "failed", dry_run: false },
      });
      assertEquals(response.status, 404, JSON.stringify(body));
      assertEquals((await response.json()).title, title);
    }
    assertEquals(await states(h, "chain", "d1"), { a: "success", b: "success" });
  } finally {
    await h.close();
  }
});

Deno.test("PATCH taskInstances/{task_id}/setNote: set and remove the note; 404; 400", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t4/setNote", {
      as: "User",
      body: { note: "flaky upstream API" },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("TaskInstance", body);
    assertEquals([body.task_id, body.note, body.state], ["t4", "flaky upstream API", "failed"]);
    const read = await (await h.request("GET", "/dags/vector/dagRuns/r1/taskInstances/t4")).json();
    assertEquals(read.note, "flaky upstream API");
    const cleared = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t4/setNote", {
      body: { note: null },
    });
    assertEquals((await cleared.json()).note, null);
    const bad = await h.request("PATCH", "/dags/vector/dagRuns/r1/taskInstances/t4/setNote", {
      body: {},
    });
    assertEquals(bad.status, 400);
    assert((await bad.json()).detail.includes("body 'note'"));
    for (
      const [path, title] of [
        ["/dags/vector/dagRuns/r9/taskInstances/t4/setNote", "DAGRun not found"],
        ["/dags/vector/dagRuns/r1/taskInstances/t9/setNote", "Task instance not found"],
      ]
    ) {
      const missing = await h.request("PATCH", path, { body: { note: "x" } });
      assertEquals(missing.status, 404, path);
      assertEquals((await missing.json()).title, title);
    }
  } finally {
    await h.close();
  }
});

Deno.test("Task instance edits: User and up; Viewer 403; no login 401", async () => {
  const h = await seeded("memory");
  try {
    const instance = "/dags/vector/dagRuns/no_such_run/taskInstances/t1";
    await assertMinimumRole(h, {
      method: "PATCH",
      path: instance,
      body: { dry_run: false, new_state: "success" },
    }, "User");
    await assertMinimumRole(h, {
      method: "PATCH",
      path: `${instance}/setNote`,
      body: { note: "x" },
    }, "User");
    await assertMinimumRole(h, {
      method: "POST",
      path: "/dags/vector/updateTaskInstancesState",
      body: {
        task_id: "t1",
        dag_run_id: "no_such_run",
        include_upstream: false,
        include_downstream: false,
        include_future: false,
        include_past: false,
        new_state: "success",
        dry_run: false,
      },
    }, "User");
    assertEquals(await states(h), VECTOR_BEFORE);
  } finally {
    await h.close();
  }
});
