import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

/** `flow` (a → b → c) with run `r1` running: a succeeded, b running, c not started. */
async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store });
  await h.addDags(
    dagDefinition("flow", [
      taskDefinition("a"),
      taskDefinition("b", { upstream: ["a"] }),
      taskDefinition("c", { upstream: ["b"] }),
    ]),
  );
  const run = await h.trigger("flow", { runId: "r1", logicalDate: "2024-03-01T00:00:00Z" });
  await h.moveRun(run, ["running"]);
  await h.moveTask({ ...run, taskId: "a" }, ["scheduled", "queued", "running", "success"]);
  await h.moveTask({ ...run, taskId: "b" }, ["scheduled", "queued", "running"]);
  return h;
}

async function states(h: ApiHarness, runId = "r1") {
  const page = await h.store.listTaskInstances({ dagIds: ["flow"], runIds: [runId] });
  return Object.fromEntries(page.items.map((instance) => [instance.taskId, instance.state]));
}

Deno.test("PATCH dagRuns/{id} success: the run and every task instance succeed", async () => {
  const h = await seeded();
  try {
    const response = await h.request("PATCH", "/dags/flow/dagRuns/r1", {
      as: "User",
      body: { state: "success" },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    (await airflowSchemas()).assert("DAGRun", body);
    assertEquals([body.dag_run_id, body.state], ["r1", "success"]);
    assertEquals((await h.store.getDagRun({ dagId: "flow", runId: "r1" }))?.state, "success");
    assertEquals(await states(h), { a: "success", b: "success", c: "success" });
    assertEquals(h.wakes, 1);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH dagRuns/{id} failed, then queued: running fail, unstarted skip; queued only the run", async () => {
  const h = await seeded("memory");
  try {
    let response = await h.request("PATCH", "/dags/flow/dagRuns/r1", { body: { state: "failed" } });
    assertEquals([response.status, (await response.json()).state], [200, "failed"]);
    assertEquals(await states(h), { a: "success", b: "failed", c: "skipped" });
    response = await h.request("PATCH", "/dags/flow/dagRuns/r1", { body: { state: "queued" } });
    const body = await response.json();
    assertEquals([response.status, body.state], [200, "queued"]);
    assertEquals(await states(h), { a: "success", b: "failed", c: "skipped" });
  } finally {
    await h.close();
  }
});

Deno.test("PATCH dagRuns/{id}: a state other than success, failed, queued is a 400; 404", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [body, words] of [
        [{ state: "running" }, "body 'state': state must be one of success, failed, queued"],
        [{}, "body 'state'"],
        [{ state: "success", note: "x" }, "unknown field(s) 'note'"],
      ] as const
    ) {
      const response = await h.request("PATCH", "/dags/flow/dagRuns/r1", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    const missing = await h.request("PATCH", "/dags/flow/dagRuns/nope", {
      body: { state: "failed" },
    });
    assertEquals(missing.status, 404);
    assertEquals((await missing.json()).title, "DAGRun not found");
    assertEquals((await h.store.getDagRun({ dagId: "flow", runId: "r1" }))?.state, "running");
    assertEquals(h.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("POST dagRuns/{id}/clear: a dry run lists every instance; for real the run is queued again", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    await h.request("PATCH", "/dags/flow/dagRuns/r1", { body: { state: "failed" } });
    assertEquals(await states(h), { a: "success", b: "failed", c: "skipped" });
    const wakes = h.wakes;
    const dry = await h.request("POST", "/dags/flow/dagRuns/r1/clear", { as: "User", body: {} });
    assertEquals(dry.status, 200);
    const listed = await dry.json();
    airflow.assert("TaskInstanceReferenceCollection", listed);
    assertEquals(listed.task_instances.map((item: { task_id: string }) => item.task_id).sort(), [
      "a",
      "b",
      "c",
    ]);
    assertEquals(listed.task_instances[0].execution_date, "2024-03-01T00:00:00+00:00");
    assertEquals(await states(h), { a: "success", b: "failed", c: "skipped" });
    assertEquals(h.wakes, wakes);

    const response = await h.request("POST", "/dags/flow/dagRuns/r1/clear", {
      body: { dry_run: false },
    });
    assertEquals(response.status, 200);
    const run = await response.json();
    airflow.assert("DAGRun", run);
    assertEquals([run.dag_run_id, run.state], ["r1", "queued"]);
    assertEquals(await states(h), { a: null, b: null, c: null });
    assertEquals(h.wakes, wakes + 1);
    for (
      const [path, body, status] of [
        ["/dags/flow/dagRuns/nope/clear", {}, 404],
        ["/dags/flow/dagRuns/r1/clear", { dry_run: "no" }, 400],
        ["/dags/flow/dagRuns/r1/clear", { only_failed: true }, 400],
      ] as const
    ) {
      const bad = await h.request("POST", path, { body });
      assertEquals(bad.status, status, JSON.stringify(body));
      airflow.assert("Error", await bad.json());
    }
  } finally {
    await h.close();
  }
});

Deno.test("PATCH dagRuns/{id}/setNote: set, replace and remove the note", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("PATCH", "/dags/flow/dagRuns/r1/setNote", {
      as: "User",
      body: { note: "rerun after the outage" },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("DAGRun", body);
    assertEquals([body.note, body.state], ["rerun after the outage", "running"]);
    const read = await (await h.request("GET", "/dags/flow/dagRuns/r1")).json();
    assertEquals(read.note, "rerun after the outage");
    const cleared = await h.request("PATCH", "/dags/flow/dagRuns/r1/setNote", {
      body: { note: null },
    });
    assertEquals((await cleared.json()).note, null);
    for (
      const [payload, words] of [
        [{}, "body 'note'"],
        [{ note: 5 }, "note must be text or null"],
        [{ note: "x".repeat(1001) }, "at most 1000 characters"],
      ] as const
    ) {
      const bad = await h.request("PATCH", "/dags/flow/dagRuns/r1/setNote", { body: payload });
      assertEquals(bad.status, 400, JSON.stringify(payload).slice(0, 40));
      const problem = await bad.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    const missing = await h.request("PATCH", "/dags/flow/dagRuns/nope/setNote", {
      body: { note: "x" },
    });
    assertEquals(missing.status, 404);
    await missing.body?.cancel();
    // The note does not disturb the run: the scheduler's later change still applies.
    await h.moveTask({ dagId: "flow", runId: "r1", taskId: "b" }, ["success"]);
    assertEquals((await states(h)).b, "success");
  } finally {
    await h.close();
  }
});

Deno.test("DELETE dagRuns/{id}: 204, then the run and its instances are gone; 404 after", async () => {
  const h = await seeded();
  try {
    const response = await h.request("DELETE", "/dags/flow/dagRuns/r1", { as: "User" });
    assertEquals(response.status, 204);
    assertEquals(await response.text(), "");
    assertEquals(await h.store.getDagRun({ dagId: "flow", runId: "r1" }), null);
    assertEquals(await states(h), {});
    assertEquals(h.wakes, 1);
    const again = await h.request("DELETE", "/dags/flow/dagRuns/r1");
    assertEquals(again.status, 404);
    const problem = await again.json();
    (await airflowSchemas()).assert("Error", problem);
    assertEquals(problem.detail, "DAGRun with DAG ID: 'flow' and DagRun ID: 'r1' not found");
  } finally {
    await h.close();
  }
});

Deno.test("POST /dags/~/dagRuns/list: body filters across DAGs, paging, ordering", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  await h.addDags(dagDefinition("other", [taskDefinition("t")]));
  for (const day of ["02", "03", "04"]) {
    await h.trigger("other", { runId: `o${day}`, logicalDate: `2024-03-${day}T00:00:00Z` });
  }
  await h.moveRun({ dagId: "other", runId: "o03" }, ["running", "failed"]);
  const list = async (body: unknown, as: "Viewer" | "Admin" = "Admin") => {
    const response = await h.request("POST", "/dags/~/dagRuns/list", { body, as });
    assertEquals(response.status, 200, JSON.stringify(body));
    const page = await response.json();
    airflow.assert("DAGRunCollection", page);
    return [page.dag_runs.map((run: { dag_run_id: string }) => run.dag_run_id), page.total_entries];
  };
  try {
    assertEquals(await list({}, "Viewer"), [["r1", "o02", "o03", "o04"], 4]);
    assertEquals(await list({ dag_ids: ["other"], order_by: "-execution_date" }), [
      ["o04", "o03", "o02"],
      3,
    ]);
    assertEquals(await list({ dag_ids: [] }), [["r1", "o02", "o03", "o04"], 4]);
    assertEquals(await list({ states: ["failed", "running"] }), [["r1", "o03"], 2]);
    assertEquals(
      await list({
        execution_date_gte: "2024-03-02T00:00:00Z",
        execution_date_lte: "2024-03-03T01:00:00+01:00",
      }),
      [["o02", "o03"], 2],
    );
    assertEquals(await list({ page_offset: 1, page_limit: 2 }), [["o02", "o03"], 4]);
    assertEquals(await list({ dag_ids: ["nothing"] }), [[], 0]);
    for (
      const [body, words] of [
        [{ execution_date_gte: "2024-03-02T00:00:00" }, "Naive datetime is disallowed"],
        [{ page_limit: 0 }, "body 'page_limit': must be at least 1"],
        [{ page_offset: -1 }, "body 'page_offset': must not be negative"],
        [{ order_by: "colour" }, 'cannot order by "colour"'],
        [{ states: ["lost"] }, 'unknown state "lost"'],
        [{ dag_id: "flow" }, "unknown field(s) 'dag_id'"],
      ] as const
    ) {
      const response = await h.request("POST", "/dags/~/dagRuns/list", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
  } finally {
    await h.close();
  }
});

Deno.test("DAG run edits: User and up; Viewer 403; the batch list: Viewer; no login 401", async () => {
  const h = await seeded("memory");
  try {
    const path = "/dags/flow/dagRuns/no_such_run";
    await assertMinimumRole(h, { method: "PATCH", path, body: { state: "failed" } }, "User");
    await assertMinimumRole(h, {
      method: "PATCH",
      path: `${path}/setNote`,
      body: { note: "x" },
    }, "User");
    await assertMinimumRole(h, { method: "DELETE", path }, "User");
    await assertMinimumRole(h, { method: "POST", path: `${path}/clear`, body: {} }, "User");
    await assertMinimumRole(
      h,
      { method: "POST", path: "/dags/~/dagRuns/list", body: {} },
      "Viewer",
    );
    assertEquals((await h.store.getDagRun({ dagId: "flow", runId: "r1" }))?.state, "running");
  } finally {
    await h.close();
  }
});
