import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

Deno.test("variables: create, overwrite, read, list with values, delete", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    let response = await h.request("POST", "/variables", {
      as: "Op",
      body: { key: "region", value: "eu-west-1", description: "where to run" },
    });
    assertEquals(response.status, 200);
    let body = await response.json();
    airflow.assert("Variable", body);
    assertEquals(body, { key: "region", value: "eu-west-1", description: "where to run" });
    response = await h.request("POST", "/variables", {
      as: "Op",
      body: { key: "region", value: "us-east-1" },
    });
    assertEquals((await response.json()).value, "us-east-1");
    await h.request("POST", "/variables", { body: { key: "a/b", value: '{"json": true}' } });
    response = await h.request("GET", "/variables/region", { as: "Viewer" });
    body = await response.json();
    airflow.assert("Variable", body);
    assertEquals(body, { key: "region", value: "us-east-1", description: null });
    response = await h.request("GET", "/variables/a/b");
    assertEquals((await response.json()).value, '{"json": true}');
    response = await h.request("GET", "/variables?order_by=-key");
    body = await response.json();
    airflow.assert("VariableCollection", body);
    assertEquals(body, {
      variables: [
        { key: "region", value: "us-east-1", description: null },
        { key: "a/b", value: '{"json": true}', description: null },
      ],
      total_entries: 2,
    });
    assertEquals(
      (await (await h.request("GET", "/variables?limit=1&offset=1")).json()).variables
        .length,
      1,
    );
    response = await h.request("DELETE", "/variables/region", { as: "Op" });
    assertEquals([response.status, await response.text()], [204, ""]);
    assertEquals(await h.store.getVariable("region"), null);
    response = await h.request("DELETE", "/variables/region");
    assertEquals(response.status, 404);
    airflow.assert("Error", await response.json());
    response = await h.request("GET", "/variables/region");
    assertEquals(response.status, 404);
    const problem = await response.json();
    assertEquals([problem.title, problem.detail], [
      "Variable not found",
      "Variable 'region' does not exist",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("PATCH variables: the body key must match; update_mask limits what changes", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    await h.store.setVariable({ key: "k", value: "v1", description: "first" });
    let response = await h.request("PATCH", "/variables/k", {
      body: { key: "k", value: "v2", description: "second" },
    });
    assertEquals(response.status, 200);
    assertEquals(await response.json(), { key: "k", value: "v2", description: "second" });
    response = await h.request("PATCH", "/variables/k?update_mask=description", {
      body: { key: "k", value: "ignored", description: "third" },
    });
    assertEquals(await response.json(), { key: "k", value: "v2", description: "third" });
    response = await h.request("PATCH", "/variables/k?update_mask=value", {
      body: { key: "k", value: "v3" },
    });
    const body = await response.json();
    airflow.assert("Variable", body);
    assertEquals(body, { key: "k", value: "v3", description: "third" });
    for (
      const [path, payload, words] of [
        ["/variables/k", { key: "other", value: "x" }, "doesn't match uri parameter"],
        [
          "/variables/k?update_mask=key",
          { key: "k", value: "x" },
          "'key' is unknown or cannot be updated",
        ],
        ["/variables/k", { key: "k" }, "body 'value'"],
        ["/variables/k", { key: "k", value: 5 }, "body 'value': must be a string"],
      ] as const
    ) {
      response = await h.request("PATCH", path, { body: payload });
      assertEquals(response.status, 400, path);
      const problem = await response.json();
      airflow.assert("Error", problem);
      assert(problem.detail.includes(words), problem.detail);
    }
    response = await h.request("PATCH", "/variables/missing", {
      body: { key: "missing", value: "x" },
    });
    assertEquals(response.status, 404);
    await response.body?.cancel();
    assertEquals(await h.store.getVariable("missing"), null);
  } finally {
    await h.close();
  }
});

Deno.test("variables: POST validation 400s; writing needs Op, reading any user", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    for (
      const body of [
        { value: "x" },
        { key: "", value: "x" },
        { key: "x".repeat(251), value: "x" },
        { key: "k", value: "x", extra: 1 },
      ]
    ) {
      const response = await h.request("POST", "/variables", { body });
      assertEquals(response.status, 400, JSON.stringify(body));
      await response.body?.cancel();
    }
    for (const role of ["Viewer", "User"] as const) {
      for (
        const [method, path, body] of [
          ["POST", "/variables", { key: "k", value: "v" }],
          ["PATCH", "/variables/k", { key: "k", value: "v" }],
          ["DELETE", "/variables/k", undefined],
        ] as const
      ) {
        const response = await h.request(method, path, { as: role, body });
        assertEquals(response.status, 403, `${role} ${method}`);
        await response.body?.cancel();
      }
    }
    assertEquals(
      (await h.request("POST", "/variables", { as: "Op", body: { key: "k", value: "v" } })).status,
      200,
    );
    const read = await h.request("GET", "/variables", { as: "Viewer" });
    assertEquals((await read.json()).total_entries, 1);
    const anonymous = await h.request("GET", "/variables", { as: null });
    assertEquals(anonymous.status, 401);
    await anonymous.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("paging: limit defaults to 100, is capped at 100, and 0 means 100", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    for (let index = 0; index < 105; index++) {
      await h.store.setVariable({
        key: `v${String(index).padStart(3, "0")}`,
        value: "x",
        description: null,
      });
    }
    for (
      const [query, count] of [["", 100], ["?limit=500", 100], ["?limit=0", 100], ["?limit=7", 7], [
        "?offset=100",
        5,
      ], ["?limit=100&offset=104", 1]] as const
    ) {
      const body = await (await h.request("GET", `/variables${query}`)).json();
      assertEquals([body.variables.length, body.total_entries], [count, 105], query);
    }
    const last = await (await h.request("GET", "/variables?offset=104")).json();
    assertEquals(last.variables[0].key, "v104");
  } finally {
    await h.close();
  }
});
