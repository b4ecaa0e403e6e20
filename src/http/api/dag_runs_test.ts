import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

const DAILY = {
  schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
  scheduleText: "@daily",
  startDate: Date.parse("2024-01-01T00:00:00Z"),
} as const;

async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store, now: "2024-03-10T12:34:56.789Z" });
  await h.addDags(
    dagDefinition("daily", [taskDefinition("a"), taskDefinition("b", { upstream: ["a"] })], DAILY),
    dagDefinition("other", [taskDefinition("t")]),
  );
  return h;
}

Deno.test("POST dagRuns: no body fields → manual run now, queued, Airflow's DAGRun", async () => {
  const h = await seeded();
  try {
    const response = await h.request("POST", "/dags/daily/dagRuns", { as: "User", body: {} });
    assertEquals(response.status, 200);
    const body = await response.json();
    (await airflowSchemas()).assert("DAGRun", body);
    assertEquals(body, {
      dag_run_id: "manual__2024-03-10T12:34:56.789000+00:00",
      dag_id: "daily",
      logical_date: "2024-03-10T12:34:56.789000+00:00",
      execution_date: "2024-03-10T12:34:56.789000+00:00",
      start_date: null,
      end_date: null,
      data_interval_start: "2024-03-09T00:00:00+00:00",
      data_interval_end: "2024-03-10T00:00:00+00:00",
      last_scheduling_decision: null,
      run_type: "manual",
      state: "queued",
      external_trigger: true,
      conf: {},
      note: null,
    });
    assertEquals(h.wakes, 1);
    const stored = await h.store.getDagRun({ dagId: "daily", runId: body.dag_run_id });
    assertEquals(stored?.state, "queued");
    const instances = await h.store.listTaskInstances({ dagIds: ["daily"] });
    assertEquals(instances.total, 2);
  } finally {
    await h.close();
  }
});

Deno.test("POST dagRuns: run id, logical date, interval, conf and note as given", async () => {
  const h = await seeded("memory");
  try {
    const response = await h.request("POST", "/dags/daily/dagRuns", {
      body: {
        dag_run_id: "my_run",
        logical_date: "2024-02-01T06:00:00+02:00",
        execution_date: "2024-02-01T04:00:00Z",
        data_interval_start: "2024-01-31T00:00:00Z",
        data_interval_end: "2024-02-01T00:00:00Z",
        conf: { depth: 2, names: ["a"] },
        note: "by hand",
      },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    (await airflowSchemas()).assert("DAGRun", body);
    assertEquals(
      [body.dag_run_id, body.logical_date, body.data_interval_start, body.data_interval_end],
      [
        "my_run",
        "2024-02-01T04:00:00+00:00",
        "2024-01-31T00:00:00+00:00",
        "2024-02-01T00:00:00+00:00",
      ],
    );
    assertEquals([body.conf, body.note], [{ depth: 2, names: ["a"] }, "by hand"]);
  } finally {
    await h.close();
  }
});

Deno.test("POST dagRuns: a paused DAG may be triggered", async () => {
  const h = await seeded("memory");
  try {
    assertEquals((await h.store.getDag("daily"))?.dag.isPaused, true);
    const response = await h.request("POST", "/dags/daily/dagRuns", { body: { conf: null } });
    assertEquals([response.status, (await response.json()).state], [200, "queued"]);
  } finally {
    await h.close();
  }
});

Deno.test("POST dagRuns: 400 for naive dates, conflicts, half intervals, bad fields", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [body, words] of [
        [
          { logical_date: "2024-02-01T00:00:00" },
          "body 'logical_date': Naive datetime is disallowed",
        ],
        [{ data_interval_start: "2024-02-01" }, "Naive datetime is disallowed"],
        [{ logical_date: "yesterday+01:00" }, "invalid date-time"],
        [
          { logical_date: "2024-02-01T00:00:00Z", execution_date: "2024-02-02T00:00:00Z" },
          "logical_date conflicts with execution_date",
        ],
        [{ data_interval_start: "2024-02-01T00:00:00Z" }, "must be given together"],
        [
          {
            data_interval_start: "2024-02-02T00:00:00Z",
            data_interval_end: "2024-02-01T00:00:00Z",
          },
          "must not be after",
        ],
        [{ conf: [1, 2] }, "body 'conf'"],
        [{ state: "running" }, "unknown field(s) 'state'"],
        [{ dag_run_id: "scheduled__x" }, "reserved prefix"],
        [{ dag_run_id: "has space" }, "must match"],
      ] as const
    ) {
      const response = await h.request("POST", "/dags/daily/dagRuns", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), `${JSON.stringify(body)}: ${problem.detail}`);
    }
    const missingBody = await h.request("POST", "/dags/daily/dagRuns");
    assertEquals(missingBody.status, 400);
    assertEquals((await missingBody.json()).detail, "this request needs a JSON object as its body");
    assertEquals((await h.store.listDagRuns({})).total, 0);
    assertEquals(h.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("POST dagRuns: 404 unknown DAG, 400 import errors, 409 duplicates, 403 Viewer", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("POST", "/dags/nope/dagRuns", { body: {} });
    assertEquals(response.status, 404);
    airflow.assert("Error", await response.json());
    const first = { dag_run_id: "one", logical_date: "2024-02-01T00:00:00Z" };
    assertEquals((await h.request("POST", "/dags/daily/dagRuns", { body: first })).status, 200);
    response = await h.request("POST", "/dags/daily/dagRuns", {
      body: { ...first, logical_date: "2024-02-02T00:00:00Z" },
    });
    assertEquals(response.status, 409);
    let problem = await response.json();
    airflow.assert("Error", problem);
    assertEquals(problem.title, "Conflict");
    response = await h.request("POST", "/dags/daily/dagRuns", {
      body: { dag_run_id: "two", logical_date: "2024-02-01T00:00:00+00:00" },
    });
    assertEquals(response.status, 409);
    await response.body?.cancel();
    response = await h.request("POST", "/dags/daily/dagRuns", { as: "Viewer", body: {} });
    assertEquals(response.status, 403);
    await response.body?.cancel();
    await h.addImportError("daily.ts", "daily.ts:1: broken");
    response = await h.request("POST", "/dags/daily/dagRuns", { body: {} });
    assertEquals(response.status, 400);
    problem = await response.json();
    assert(problem.detail.includes("has import errors"), problem.detail);
    assertEquals((await h.store.listDagRuns({})).total, 1);
  } finally {
    await h.close();
  }
});

Deno.test("GET dagRuns: filters, ordering, paging, ~ for all DAGs", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    for (const day of ["01", "02", "03"]) {
      await h.trigger("daily", { runId: `run_${day}`, logicalDate: `2024-02-${day}T00:00:00Z` });
    }
    await h.trigger("other", { runId: "other_run", logicalDate: "2024-02-02T12:00:00Z" });
    await h.moveRun({ dagId: "daily", runId: "run_01" }, ["running", "success"]);
    await h.moveRun({ dagId: "daily", runId: "run_02" }, ["running"]);
    const list = async (path: string) => {
      const response = await h.request("GET", path, { as: "Viewer" });
      assertEquals(response.status, 200, path);
      const body = await response.json();
      airflow.assert("DAGRunCollection", body);
      return { ids: body.dag_runs.map((run: { dag_run_id: string }) => run.dag_run_id), body };
    };
    assertEquals((await list("/dags/daily/dagRuns")).ids, ["run_01", "run_02", "run_03"]);
    assertEquals((await list("/dags/~/dagRuns")).body.total_entries, 4);
    assertEquals((await list("/dags/daily/dagRuns?state=running&state=success")).ids, [
      "run_01",
      "run_02",
    ]);
    assertEquals(
      (await list(
        "/dags/~/dagRuns?execution_date_gte=2024-02-02T00:00:00Z&execution_date_lte=2024-02-02T23:00:00%2B00:00",
      )).ids
        .sort(),
      ["other_run", "run_02"],
    );
    assertEquals(
      (await list("/dags/daily/dagRuns?execution_date_gte=2024-02-02T00:00:00")).ids,
      ["run_02", "run_03"],
    );
    assertEquals((await list("/dags/daily/dagRuns?order_by=-execution_date&limit=2")).ids, [
      "run_03",
      "run_02",
    ]);
    const page = await list("/dags/daily/dagRuns?order_by=execution_date&offset=2");
    assertEquals([page.ids, page.body.total_entries], [["run_03"], 3]);
    const started = await list("/dags/daily/dagRuns?start_date_gte=2024-01-01T00:00:00Z");
    assertEquals(started.ids, ["run_01", "run_02"]);
    const ended = await list("/dags/daily/dagRuns?end_date_lte=2030-01-01T00:00:00Z");
    assertEquals(ended.ids, ["run_01"]);
    const success = (await list("/dags/daily/dagRuns?state=success")).body.dag_runs[0];
    assertEquals([success.state, success.start_date, success.end_date], [
      "success",
      "2024-03-10T12:34:56.789000+00:00",
      "2024-03-10T12:34:56.789000+00:00",
    ]);
    const fields = await list("/dags/daily/dagRuns?fields=dag_run_id&fields=state&limit=1");
    assertEquals(fields.body.dag_runs, [{ dag_run_id: "run_01", state: "success" }]);
    assertEquals((await list("/dags/unknown/dagRuns")).body.total_entries, 0);
    for (const bad of ["state=done", "order_by=colour", "execution_date_gte=soon", "limit=-1"]) {
      const response = await h.request("GET", `/dags/daily/dagRuns?${bad}`);
      assertEquals(response.status, 400, bad);
      airflow.assert("Error", await response.json());
    }
  } finally {
    await h.close();
  }
});

Deno.test("GET dagRuns/{dag_run_id}: the run, or 404", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    const run = await h.trigger("daily", { runId: "r1" });
    const response = await h.request("GET", `/dags/daily/dagRuns/${run.runId}`);
    const body = await response.json();
    airflow.assert("DAGRun", body);
    assertEquals([body.dag_run_id, body.state], ["r1", "queued"]);
    const encoded = await h.trigger("daily", { logicalDate: "2024-01-05T00:00:00Z" });
    const byId = await h.request(
      "GET",
      `/dags/daily/dagRuns/${encodeURIComponent(encoded.runId)}`,
    );
    assertEquals((await byId.json()).dag_run_id, "manual__2024-01-05T00:00:00+00:00");
    const missing = await h.request("GET", "/dags/daily/dagRuns/nope");
    assertEquals(missing.status, 404);
    const problem = await missing.json();
    airflow.assert("Error", problem);
    assertEquals(problem.title, "DAGRun not found");
  } finally {
    await h.close();
  }
});
