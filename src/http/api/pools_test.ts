import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";
import { toPoolDto } from "./_pool_dto.ts";

Deno.test("pools: slot counts come from the task instances in each pool", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    const etl = (taskId: string, poolSlots: number) =>
      taskDefinition(taskId, { pool: "etl", poolSlots });
    await h.addDags(
      dagDefinition("loads", [
        etl("running", 2),
        etl("queued", 1),
        etl("scheduled", 3),
        etl("done", 4),
        etl("waiting", 5),
        taskDefinition("elsewhere"),
      ]),
    );
    await h.trigger("loads", { runId: "r1" });
    const run = { dagId: "loads", runId: "r1" };
    await h.moveRun(run, ["running"]);
    await h.moveTask({ ...run, taskId: "running" }, ["scheduled", "queued", "running"]);
    await h.moveTask({ ...run, taskId: "queued" }, ["scheduled", "queued"]);
    await h.moveTask({ ...run, taskId: "scheduled" }, ["scheduled"]);
    await h.moveTask({ ...run, taskId: "done" }, ["scheduled", "queued", "running", "success"]);
    await h.moveTask({ ...run, taskId: "elsewhere" }, ["scheduled", "queued", "running"]);

    let response = await h.request("POST", "/pools", {
      as: "Op",
      body: { name: "etl", slots: 10, description: "warehouse loads", include_deferred: true },
    });
    assertEquals(response.status, 200);
    let body = await response.json();
    airflow.assert("Pool", body);
    const etlPool = {
      name: "etl",
      slots: 10,
      occupied_slots: 3,
      running_slots: 2,
      queued_slots: 1,
      scheduled_slots: 3,
      deferred_slots: 0,
      open_slots: 7,
      description: "warehouse loads",
      include_deferred: true,
    };
    assertEquals(body, etlPool);
    assertEquals(h.wakes, 1, "a new pool wakes the scheduler");
    response = await h.request("PATCH", "/pools/etl?update_mask=slots,include_deferred", {
      body: { name: "etl", slots: 4, include_deferred: false },
    });
    body = await response.json();
    airflow.assert("Pool", body);
    assertEquals(body, { ...etlPool, slots: 4, include_deferred: false, open_slots: 1 });
    response = await h.request("GET", "/pools", { as: "Viewer" });
    body = await response.json();
    airflow.assert("PoolCollection", body);
    assertEquals(body.total_entries, 2);
    assertEquals(body.pools[0], {
      name: "default_pool",
      slots: 128,
      occupied_slots: 1,
      running_slots: 1,
      queued_slots: 0,
      scheduled_slots: 0,
      deferred_slots: 0,
      open_slots: 127,
      description: "Default pool",
      include_deferred: false,
    });
    assertEquals(body.pools[1].name, "etl");
    response = await h.request("GET", "/pools/etl", { as: "Viewer" });
    assertEquals((await response.json()).running_slots, 2);
    response = await h.request("GET", "/pools?order_by=-slots&limit=1");
    assertEquals((await response.json()).pools.map((pool: { name: string }) => pool.name), [
      "default_pool",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("pools: create, update, rename, delete; default_pool is kept; 400, 404, 409", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("POST", "/pools", { body: { name: "small", slots: 2 } });
    const created = await response.json();
    assertEquals(
      [created.slots, created.open_slots, created.description, created.include_deferred],
      [
        2,
        2,
        null,
        false,
      ],
    );
    response = await h.request("POST", "/pools", { body: { name: "small", slots: 9 } });
    assertEquals(response.status, 409);
    assertEquals((await response.json()).detail, "Pool: small already exists");
    assertEquals((await h.store.getPool("small"))?.slots, 2);
    response = await h.request("PATCH", "/pools/small", {
      body: { name: "small", slots: 5, description: "five" },
    });
    assertEquals((await response.json()).slots, 5);
    response = await h.request("PATCH", "/pools/small", { body: { name: "medium", slots: 6 } });
    assertEquals(response.status, 200);
    assertEquals((await response.json()).name, "medium");
    assertEquals(await h.store.getPool("small"), null);
    assertEquals(await h.store.getPool("medium"), {
      name: "medium",
      slots: 6,
      description: "five",
      includeDeferred: false,
    });
    await h.request("POST", "/pools", { body: { name: "large", slots: 50 } });
    response = await h.request("PATCH", "/pools/medium", { body: { name: "large", slots: 1 } });
    assertEquals(response.status, 409);
    await response.body?.cancel();
    assertEquals((await h.store.getPool("large"))?.slots, 50);
    response = await h.request("PATCH", "/pools/default_pool?update_mask=slots", {
      body: { name: "renamed", slots: 64 },
    });
    assertEquals((await response.json()).slots, 64, "a mask without name leaves the name");
    for (
      const [method, path, body, words] of [
        ["DELETE", "/pools/default_pool", undefined, "Default Pool can't be deleted"],
        ["PATCH", "/pools/default_pool", { name: "x", slots: 1 }, "name can't be modified"],
        ["POST", "/pools", { name: "p" }, "body 'slots'"],
        ["POST", "/pools", { name: "p", slots: -1 }, "body 'slots': must not be negative"],
        ["POST", "/pools", { name: "p", slots: 1.5 }, "body 'slots': must be an integer"],
        ["POST", "/pools", { name: "", slots: 1 }, "body 'name': must not be empty"],
        ["POST", "/pools", { name: "p", slots: 1, open_slots: 3 }, "unknown field(s) 'open_slots'"],
        ["PATCH", "/pools/large", { name: "large" }, "body 'slots': required unless update_mask"],
        ["PATCH", "/pools/large?update_mask=open_slots", { name: "large" }, "Invalid field"],
        ["PATCH", "/pools/large?update_mask=slots", { name: "large" }, "body 'slots'"],
        ["GET", "/pools?order_by=nope", undefined, "query parameter 'order_by'"],
      ] as const
    ) {
      response = await h.request(method, path, { body });
      assertEquals(response.status, 400, `${method} ${path}`);
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    assertEquals((await h.store.getPool("default_pool"))?.slots, 64);
    response = await h.request("DELETE", "/pools/large", { as: "Op" });
    assertEquals([response.status, await response.text()], [204, ""]);
    for (const method of ["GET", "DELETE"]) {
      response = await h.request(method, "/pools/large");
      assertEquals(response.status, 404, method);
      assertEquals((await response.json()).detail, "Pool with name:'large' not found");
    }
    response = await h.request("PATCH", "/pools/large", { body: { name: "large", slots: 1 } });
    assertEquals(response.status, 404);
    await response.body?.cancel();
    assertEquals(await h.store.getPool("large"), null);
  } finally {
    await h.close();
  }
});

Deno.test("pools: every role reads; Viewer and User cannot create, change or delete", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    await h.store.setPool({ name: "p", slots: 3, description: null, includeDeferred: false });
    for (const role of ["Viewer", "User", "Op", "Admin"] as const) {
      for (const path of ["/pools", "/pools/p"]) {
        const response = await h.request("GET", path, { as: role });
        assertEquals(response.status, 200, `${role} GET ${path}`);
        await response.body?.cancel();
      }
    }
    const edits = [
      ["POST", "/pools", { name: "q", slots: 1 }],
      ["PATCH", "/pools/p", { name: "p", slots: 9 }],
      ["DELETE", "/pools/p", undefined],
    ] as const;
    for (const role of ["Viewer", "User"] as const) {
      for (const [method, path, body] of edits) {
        const response = await h.request(method, path, { as: role, body });
        assertEquals(response.status, 403, `${role} ${method}`);
        await response.body?.cancel();
      }
    }
    assertEquals(await h.store.getPool("p"), {
      name: "p",
      slots: 3,
      description: null,
      includeDeferred: false,
    });
    assertEquals(await h.store.getPool("q"), null);
    const statuses = [];
    for (const [method, path, body] of edits) {
      const response = await h.request(method, path, { as: "Op", body });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    assertEquals(statuses, [200, 200, 204]);
    const anonymous = await h.request("GET", "/pools", { as: null });
    assertEquals(anonymous.status, 401);
    await anonymous.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("pools: deferred slots count as occupied only when the pool includes deferred", () => {
  const usage = { running: 2, queued: 1, scheduled: 5, deferred: 4 };
  const pool = { name: "p", slots: 10, description: null, includeDeferred: false };
  assertEquals(toPoolDto(pool, usage), {
    name: "p",
    slots: 10,
    occupied_slots: 3,
    running_slots: 2,
    queued_slots: 1,
    scheduled_slots: 5,
    deferred_slots: 4,
    open_slots: 7,
    description: null,
    include_deferred: false,
  });
  const including = toPoolDto({ ...pool, includeDeferred: true }, usage);
  assertEquals([including.occupied_slots, including.open_slots], [7, 3]);
  assertEquals(toPoolDto(pool, undefined).open_slots, 10);
});
