import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { Hono } from "hono";
import { ApiHarness } from "./_testing.ts";
import { airflowSchemas, OpenApiSchemas } from "./_openapi_check.ts";

Deno.test("health: needs no login; scheduler healthy only with a recent heartbeat", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("GET", "/health", { as: null });
    assertEquals(response.status, 200);
    let body = await response.json();
    airflow.assert("HealthInfo", body);
    assertEquals(body, {
      metadatabase: { status: "healthy" },
      scheduler: { status: "unhealthy", latest_scheduler_heartbeat: null },
      triggerer: { status: null, latest_triggerer_heartbeat: null },
      dag_processor: { status: null, latest_dag_processor_heartbeat: null },
    });
    await h.store.recordHeartbeat({
      jobId: "scheduler-1",
      kind: "scheduler",
      hostname: "here",
      startedAt: h.clock.now() - 60_000,
      heartbeatAt: h.clock.now() - 5_000,
    });
    body = await (await h.request("GET", "/health", { as: null })).json();
    airflow.assert("HealthInfo", body);
    assertEquals(body.scheduler, {
      status: "healthy",
      latest_scheduler_heartbeat: "2024-03-10T11:59:55+00:00",
    });
    h.clock.advance(30_000);
    response = await h.request("GET", "/health", { as: null });
    assertEquals((await response.json()).scheduler.status, "unhealthy");
  } finally {
    await h.close();
  }
});

Deno.test("version: needs no login", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const response = await h.request("GET", "/version", { as: null });
    const body = await response.json();
    (await airflowSchemas()).assert("VersionInfo", body);
    assertEquals(body, { version: "0.1.0-test", git_version: null });
  } finally {
    await h.close();
  }
});

Deno.test("unknown routes are 404 and known paths with other methods 405, as problem JSON", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("GET", "/nothing/here");
    assertEquals(response.status, 404);
    assertEquals(response.headers.get("content-type"), "application/problem+json");
    let body = await response.json();
    airflow.assert("Error", body);
    assertEquals(
      body.type,
      "https://airflow.apache.org/docs/apache-airflow/2.10.0/stable-rest-api-ref.html#section/Errors/NotFound",
    );
    response = await h.request("PUT", "/dags/some_dag");
    assertEquals(response.status, 405);
    assertEquals(response.headers.get("allow"), "GET, PATCH, DELETE");
    body = await response.json();
    airflow.assert("Error", body);
    assertEquals([body.status, body.title], [405, "Method Not Allowed"]);
  } finally {
    await h.close();
  }
});

Deno.test("mounted under /api/v1: routes, 404 and 405 work with the prefix", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const root = new Hono().route("/api/v1", h.app);
    const auth = { authorization: ApiHarness.basic("Viewer") };
    let response = await root.request("/api/v1/dags", { headers: auth });
    assertEquals([response.status, (await response.json()).total_entries], [200, 0]);
    response = await root.request("/api/v1/dags", { method: "DELETE", headers: auth });
    assertEquals(response.status, 405);
    await response.body?.cancel();
    response = await root.request("/api/v1/nope", { headers: auth });
    assertEquals(response.status, 404);
    assertEquals((await response.json()).detail, "no API endpoint at GET /api/v1/nope");
  } finally {
    await h.close();
  }
});

Deno.test("openapi.json: generated from the routes' schemas; responses match it", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const response = await h.request("GET", "/openapi.json", { as: null });
    assertEquals(response.status, 200);
    const document = await response.json();
    assertEquals(document.openapi, "3.0.3");
    assertEquals(document.info.version, "0.1.0-test");
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    for (
      const expected of [
        "get /dags",
        "patch /dags/{dag_id}",
        "post /dags/{dag_id}/dagRuns",
        "post /dags/{dag_id}/clearTaskInstances",
        "get /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
        "delete /variables/{variable_key}",
        "get /health",
      ]
    ) {
      assert(operations.includes(expected), `${expected} missing from ${operations.join(", ")}`);
    }
    const getDags = document.paths["/dags"].get;
    const limit = getDags.parameters.find((p: { name: string }) => p.name === "limit");
    assertEquals(limit, {
      name: "limit",
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 0 },
    });
    const tags = getDags.parameters.find((p: { name: string }) => p.name === "tags");
    assertEquals([tags.schema.type, tags.explode], ["array", true]);
    assertEquals(document.paths["/health"].get.security, []);
    const trigger = document.components.schemas.TriggerDAGRun;
    assertEquals(trigger.properties.logical_date.format, "date-time");
    assertEquals(trigger.additionalProperties, false);
    const own = new OpenApiSchemas(document, "openapi.json");
    own.assert("HealthInfo", await (await h.request("GET", "/health")).json());
    own.assert("DAGCollection", await (await h.request("GET", "/dags")).json());
    own.assert("Error", await (await h.request("GET", "/dags/missing")).json());
  } finally {
    await h.close();
  }
});
