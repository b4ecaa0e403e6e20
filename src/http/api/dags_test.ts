import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { filelocFromToken } from "./_dag_dto.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

async function seeded(store: "sqlite" | "memory" = "sqlite") {
  const h = await ApiHarness.open({ store });
  await h.addDags(
    dagDefinition("etl_daily", [taskDefinition("extract")], {
      description: "Daily ETL",
      schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
      scheduleText: "@daily",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
      tags: ["etl", "daily"],
      owner: "data-team",
      maxActiveRuns: 3,
    }),
    dagDefinition("every_six_hours", [taskDefinition("t")], {
      schedule: { kind: "interval", everyMs: 6 * 3_600_000 + 1_500 },
      scheduleText: "6h1.5s",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
      tags: ["etl"],
    }),
    dagDefinition("manual_only", [taskDefinition("t")], { isPausedUponCreation: false }),
    dagDefinition("once", [taskDefinition("t")], {
      schedule: { kind: "once" },
      scheduleText: "@once",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
    }),
  );
  return h;
}

Deno.test("GET /dags: every DAG field, Airflow's shapes", async () => {
  const h = await seeded();
  try {
    const response = await h.request("GET", "/dags", { as: "Viewer" });
    assertEquals(response.status, 200);
    const body = await response.json();
    (await airflowSchemas()).assert("DAGCollection", body);
    assertEquals(body.total_entries, 4);
    assertEquals(body.dags.map((dag: { dag_id: string }) => dag.dag_id), [
      "etl_daily",
      "every_six_hours",
      "manual_only",
      "once",
    ]);
    const etl = body.dags[0];
    assertEquals(etl, {
      dag_id: "etl_daily",
      dag_display_name: "etl_daily",
      root_dag_id: null,
      is_paused: true,
      is_active: true,
      is_subdag: false,
      last_parsed_time: "2024-03-10T12:00:00+00:00",
      last_pickled: null,
      last_expired: null,
      scheduler_lock: null,
      pickle_id: null,
      default_view: "grid",
      fileloc: "etl_daily.ts",
      file_token: etl.file_token,
      owners: ["data-team"],
      description: "Daily ETL",
      schedule_interval: { __type: "CronExpression", value: "@daily" },
      timetable_description: etl.timetable_description,
      tags: [{ name: "etl" }, { name: "daily" }],
      max_active_tasks: 16,
      max_active_runs: 3,
      max_consecutive_failed_dag_runs: 0,
      has_task_concurrency_limits: false,
      has_import_errors: false,
      next_dagrun: etl.next_dagrun,
      next_dagrun_data_interval_start: etl.next_dagrun_data_interval_start,
      next_dagrun_data_interval_end: etl.next_dagrun_data_interval_end,
      next_dagrun_create_after: etl.next_dagrun_create_after,
    });
    assertEquals(filelocFromToken(etl.file_token), "etl_daily.ts");
    assert(/^[A-Za-z0-9_-]+$/.test(etl.file_token));
    assertEquals(typeof etl.timetable_description, "string");
    assertEquals(body.dags[1].schedule_interval, {
      __type: "TimeDelta",
      days: 0,
      seconds: 21_601,
      microseconds: 500_000,
    });
    assertEquals(body.dags[2].schedule_interval, null);
    assertEquals(body.dags[2].is_paused, false);
    assertEquals(body.dags[3].schedule_interval, { __type: "CronExpression", value: "@once" });
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags: filters, ordering, paging and fields", async () => {
  const h = await seeded("memory");
  const list = async (query: string) => {
    const response = await h.request("GET", `/dags?${query}`);
    assertEquals(response.status, 200, query);
    const body = await response.json();
    return { ids: body.dags.map((dag: { dag_id: string }) => dag.dag_id), body };
  };
  try {
    assertEquals((await list("tags=etl")).ids, ["etl_daily", "every_six_hours"]);
    assertEquals((await list("tags=daily&tags=nothing")).ids, ["etl_daily"]);
    assertEquals((await list("paused=false")).ids, ["manual_only"]);
    assertEquals((await list("paused=true")).ids.length, 3);
    assertEquals((await list("dag_id_pattern=DAIL")).ids, ["etl_daily"]);
    assertEquals((await list("order_by=-dag_id")).ids, [
      "once",
      "manual_only",
      "every_six_hours",
      "etl_daily",
    ]);
    const page = await list("limit=2&offset=1");
    assertEquals([page.ids, page.body.total_entries], [["every_six_hours", "manual_only"], 4]);
    assertEquals((await list("limit=0")).ids.length, 4);
    const fields = await list("fields=dag_id&fields=is_paused&limit=1");
    assertEquals(fields.body.dags, [{ dag_id: "etl_daily", is_paused: true }]);
    await h.store.forgetFile("once.ts", h.clock.now());
    assertEquals((await list("")).ids.includes("once"), false);
    assertEquals((await list("only_active=false")).ids.includes("once"), true);
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags: bad paging and ordering are 400 problems", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    for (
      const [query, words] of [
        ["limit=-1", "'limit': must not be negative"],
        ["offset=-3", "'offset': must not be negative"],
        ["limit=abc", "'limit': must be an integer"],
        ["order_by=colour", 'cannot order by "colour"'],
        ["paused=maybe", "'paused': must be true or false"],
        ["fields=nope", 'unknown field(s) in "fields": nope'],
      ]
    ) {
      const response = await h.request("GET", `/dags?${query}`);
      assertEquals(response.status, 400, query);
      const body = await response.json();
      airflow.assert("Error", body);
      assert(body.detail.includes(words), `${query}: ${body.detail}`);
    }
  } finally {
    await h.close();
  }
});

Deno.test("GET /dags/{dag_id}: the DAG, or 404", async () => {
  const h = await seeded("memory");
  const airflow = await airflowSchemas();
  try {
    const found = await h.request("GET", "/dags/etl_daily");
    const body = await found.json();
    airflow.assert("DAG", body);
    assertEquals(body.dag_id, "etl_daily");
    const missing = await h.request("GET", "/dags/nope");
    assertEquals(missing.status, 404);
    const problem = await missing.json();
    airflow.assert("Error", problem);
    assertEquals([problem.title, problem.detail], [
      "DAG not found",
      "DAG with dag_id: 'nope' not found",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH /dags/{dag_id}: pause and unpause; other masks 400; wakes the scheduler", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("PATCH", "/dags/etl_daily?update_mask=is_paused", {
      as: "User",
      body: { is_paused: false },
    });
    assertEquals(response.status, 200);
    const body = await response.json();
    airflow.assert("DAG", body);
    assertEquals(body.is_paused, false);
    assertEquals((await h.store.getDag("etl_daily"))?.dag.isPaused, false);
    assertEquals(h.wakes, 1);
    response = await h.request("PATCH", "/dags/etl_daily", { body: { ...body, is_paused: true } });
    assertEquals([response.status, (await response.json()).is_paused], [200, true]);
    for (
      const [mask, payload] of [
        ["description", { is_paused: true }],
        ["is_paused,tags", { is_paused: true }],
        ["is_paused", {}],
        ["is_paused", { is_paused: "yes" }],
      ] as const
    ) {
      response = await h.request("PATCH", `/dags/etl_daily?update_mask=${mask}`, { body: payload });
      assertEquals(response.status, 400, mask);
      airflow.assert("Error", await response.json());
    }
    response = await h.request("PATCH", "/dags/etl_daily", { body: "{not json" });
    assertEquals(response.status, 400);
    assert((await response.json()).detail.includes("not valid JSON"));
    response = await h.request("PATCH", "/dags/nope", { body: { is_paused: true } });
    assertEquals(response.status, 404);
    await response.body?.cancel();
    assertEquals(h.wakes, 2);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH /dags/{dag_id}: a Viewer may not; a missing login is 401", async () => {
  const h = await seeded("memory");
  try {
    let response = await h.request("PATCH", "/dags/etl_daily", {
      as: "Viewer",
      body: { is_paused: false },
    });
    assertEquals(response.status, 403);
    const problem = await response.json();
    (await airflowSchemas()).assert("Error", problem);
    assertEquals(problem.detail, "user 'viewer' (role Viewer) may not edit dags");
    response = await h.request("PATCH", "/dags/etl_daily", {
      as: null,
      body: { is_paused: false },
    });
    assertEquals(response.status, 401);
    assertEquals(response.headers.get("www-authenticate"), 'Basic realm="Updraft"');
    await response.body?.cancel();
    assertEquals((await h.store.getDag("etl_daily"))?.dag.isPaused, true);
  } finally {
    await h.close();
  }
});

Deno.test("DAG DTO: has_import_errors while the DAG's file fails to load", async () => {
  const h = await seeded("memory");
  try {
    await h.addImportError("etl_daily.ts", "etl_daily.ts:3: SyntaxError: Unexpected token");
    const body = await (await h.request("GET", "/dags/etl_daily")).json();
    assertEquals(body.has_import_errors, true);
    const other = await (await h.request("GET", "/dags/once")).json();
    assertEquals(other.has_import_errors, false);
  } finally {
    await h.close();
  }
});

Deno.test("DAG DTO: next_dagrun fields from the DAG's next automated run", async () => {
  const h = await seeded("memory");
  try {
    await h.setNextRun("etl_daily", {
      logicalDate: Date.parse("2024-03-10T00:00:00Z"),
      dataInterval: {
        start: Date.parse("2024-03-10T00:00:00Z"),
        end: Date.parse("2024-03-11T00:00:00Z"),
      },
      runAfter: Date.parse("2024-03-11T00:00:00Z"),
    });
    const body = await (await h.request("GET", "/dags/etl_daily")).json();
    (await airflowSchemas()).assert("DAG", body);
    assertEquals(
      [
        body.next_dagrun,
        body.next_dagrun_data_interval_start,
        body.next_dagrun_data_interval_end,
        body.next_dagrun_create_after,
      ],
      [
        "2024-03-10T00:00:00+00:00",
        "2024-03-10T00:00:00+00:00",
        "2024-03-11T00:00:00+00:00",
        "2024-03-11T00:00:00+00:00",
      ],
    );
    const manual = await (await h.request("GET", "/dags/manual_only")).json();
    assertEquals(manual.next_dagrun, null);
  } finally {
    await h.close();
  }
});
