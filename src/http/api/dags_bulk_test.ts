import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

/** Four DAGs, paused but `manual_only`; `etl_daily` and `every_six_hours` tagged etl. */
async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store });
  await h.addDags(
    dagDefinition("etl_daily", [taskDefinition("t")], { tags: ["etl", "daily"] }),
    dagDefinition("every_six_hours", [taskDefinition("t")], { tags: ["etl"] }),
    dagDefinition("manual_only", [taskDefinition("t")], { isPausedUponCreation: false }),
    dagDefinition("once", [taskDefinition("t")]),
  );
  return h;
}

async function pausedStates(h: ApiHarness): Promise<Record<string, boolean>> {
  const page = await h.store.listDags({ onlyActive: false });
  return Object.fromEntries(page.items.map(({ dag }) => [dag.dagId, dag.isPaused]));
}

Deno.test("PATCH /dags: `~` unpauses every active DAG and answers them as they are now", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    await h.store.forgetFile("once.ts", h.clock.now());
    const response = await h.request("PATCH", "/dags?dag_id_pattern=~&update_mask=is_paused", {
      as: "User",
      body: { is_paused: false },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("DAGCollection", body);
    assertEquals(body.total_entries, 3);
    assertEquals(
      body.dags.map((dag: { dag_id: string; is_paused: boolean }) => [dag.dag_id, dag.is_paused]),
      [["etl_daily", false], ["every_six_hours", false], ["manual_only", false]],
    );
    assertEquals(await pausedStates(h), {
      etl_daily: false,
      every_six_hours: false,
      manual_only: false,
      once: true,
    });
    assertEquals(h.wakes, 1);
    const all = await h.request("PATCH", "/dags?dag_id_pattern=~&only_active=false", {
      body: { is_paused: true },
    });
    assertEquals((await all.json()).total_entries, 4);
    assertEquals(Object.values(await pausedStates(h)), [true, true, true, true]);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH /dags: pattern and tags select, paging limits what changes", async () => {
  const h = await seeded("memory");
  try {
    const response = await h.request("PATCH", "/dags?dag_id_pattern=E&tags=etl&limit=1&offset=1", {
      body: { is_paused: false, dag_id: "ignored" },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    assertEquals([body.total_entries, body.dags.map((dag: { dag_id: string }) => dag.dag_id)], [
      2,
      ["every_six_hours"],
    ]);
    assertEquals(await pausedStates(h), {
      etl_daily: true,
      every_six_hours: false,
      manual_only: false,
      once: true,
    });
    const none = await h.request("PATCH", "/dags?dag_id_pattern=nothing", {
      body: { is_paused: false },
    });
    assertEquals(await none.json(), { dags: [], total_entries: 0 });
    assertEquals(h.wakes, 1);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH /dags: a missing pattern, another mask or a bad body is a 400", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [query, payload, words] of [
        ["", { is_paused: true }, "query parameter 'dag_id_pattern': is required"],
        ["dag_id_pattern=~&update_mask=tags", { is_paused: true }, "Only `is_paused` field"],
        ["dag_id_pattern=~", {}, "body 'is_paused'"],
        ["dag_id_pattern=~", { is_paused: "yes" }, "is_paused must be true or false"],
        ["dag_id_pattern=~&limit=-1", { is_paused: true }, "'limit': must not be negative"],
      ] as const
    ) {
      const response = await h.request("PATCH", `/dags?${query}`, { body: payload });
      assertEquals(response.status, 400, query);
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), `${query}: ${problem.detail}`);
    }
    assertEquals(h.wakes, 0);
    assertEquals((await pausedStates(h)).manual_only, false);
  } finally {
    await h.close();
  }
});

Deno.test("DELETE /dags/{dag_id}: runs, instances, XComs go; the other DAGs stay", async () => {
  const h = await seeded();
  try {
    const run = await h.trigger("etl_daily", { runId: "r1" });
    await h.moveRun(run, ["running", "success"]);
    await h.moveTask({ ...run, taskId: "t" }, ["scheduled", "queued", "running", "success"]);
    await h.pushXCom({ ...run, taskId: "t", mapIndex: -1 }, "return_value", 42);
    await h.trigger("once", { runId: "kept" });

    const response = await h.request("DELETE", "/dags/etl_daily", { as: "User" });
    assertEquals(response.status, 204);
    assertEquals(await response.text(), "");
    assertEquals(h.wakes, 1);
    const gone = await h.request("GET", "/dags/etl_daily");
    assertEquals(gone.status, 404);
    await gone.body?.cancel();
    assertEquals((await h.store.listDagRuns({ dagIds: ["etl_daily"] })).total, 0);
    assertEquals((await h.store.listXComs({ dagId: "etl_daily" })).total, 0);
    assertEquals((await h.store.listDagRuns({ dagIds: ["once"] })).total, 1);

    const again = await h.request("DELETE", "/dags/etl_daily");
    assertEquals(again.status, 404);
    const problem = await again.json();
    (await airflowSchemas()).assert("Error", problem);
    assertEquals([problem.title, problem.detail], [
      "DAG not found",
      "Dag with id: 'etl_daily' not found",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("DELETE /dags/{dag_id}: 409 while a task instance runs, nothing deleted", async () => {
  const h = await seeded("memory");
  try {
    const run = await h.trigger("once", { runId: "busy" });
    await h.moveRun(run, ["running"]);
    await h.moveTask({ ...run, taskId: "t" }, ["scheduled", "queued", "running"]);
    const response = await h.request("DELETE", "/dags/once");
    assertEquals(response.status, 409);
    const problem = await response.json();
    (await airflowSchemas()).assert("Error", problem);
    assert(
      problem.detail.startsWith("Task instances of dag with id: 'once' are still running"),
      problem.detail,
    );
    assertEquals((await h.store.listDagRuns({ dagIds: ["once"] })).total, 1);
    assertEquals(h.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH /dags and DELETE /dags/{dag_id}: User and up; Viewer 403; no login 401", async () => {
  const h = await seeded("memory");
  try {
    await assertMinimumRole(h, {
      method: "PATCH",
      path: "/dags?dag_id_pattern=nothing_matches",
      body: { is_paused: false },
    }, "User");
    await assertMinimumRole(h, { method: "DELETE", path: "/dags/no_such_dag" }, "User");
    assertEquals((await pausedStates(h)).etl_daily, true);
  } finally {
    await h.close();
  }
});
