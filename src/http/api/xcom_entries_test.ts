import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness, dagDefinition, taskDefinition } from "./_testing.ts";

const BASE = "/dags/x/dagRuns/r1/taskInstances";

async function seeded() {
  const h = await ApiHarness.open();
  await h.addDags(dagDefinition("x", [taskDefinition("push"), taskDefinition("other")]));
  await h.trigger("x", { runId: "r1", logicalDate: "2024-03-01T00:00:00Z" });
  await h.trigger("x", { runId: "r2", logicalDate: "2024-03-02T00:00:00Z" });
  const key = { dagId: "x", runId: "r1", taskId: "push", mapIndex: -1 };
  await h.pushXCom(key, "return_value", { rows: 3, names: ["a", "b"] });
  await h.pushXCom(key, "greeting", "hello");
  await h.pushXCom(key, "count", 7);
  await h.pushXCom({ ...key, runId: "r2" }, "return_value", true);
  await h.pushXCom({ ...key, taskId: "other" }, "return_value", null);
  return h;
}

Deno.test("xcomEntries: list one task's entries, or any with ~, paged", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const list = async (path: string) => {
    const response = await h.request("GET", path, { as: "Viewer" });
    assertEquals(response.status, 200, path);
    const body = await response.json();
    airflow.assert("XComCollection", body);
    return body;
  };
  try {
    const one = await list(`${BASE}/push/xcomEntries`);
    assertEquals(one.total_entries, 3);
    assertEquals(
      one.xcom_entries.map((entry: { key: string }) => entry.key).sort(),
      ["count", "greeting", "return_value"],
    );
    const entry = one.xcom_entries.find((item: { key: string }) => item.key === "greeting");
    assertEquals(entry, {
      key: "greeting",
      timestamp: "2024-03-10T12:00:00+00:00",
      execution_date: "2024-03-01T00:00:00+00:00",
      map_index: -1,
      task_id: "push",
      dag_id: "x",
    });
    assertEquals((await list("/dags/~/dagRuns/~/taskInstances/~/xcomEntries")).total_entries, 5);
    const byKey = await list("/dags/x/dagRuns/~/taskInstances/~/xcomEntries?xcom_key=return_value");
    assertEquals(byKey.total_entries, 3);
    const r2 = byKey.xcom_entries.find((item: { execution_date: string }) =>
      item.execution_date === "2024-03-02T00:00:00+00:00"
    );
    assertEquals(r2?.task_id, "push");
    const page = await list("/dags/~/dagRuns/~/taskInstances/~/xcomEntries?limit=2&offset=4");
    assertEquals([page.xcom_entries.length, page.total_entries], [1, 5]);
    assertEquals((await list(`${BASE}/push/xcomEntries?map_index=0`)).total_entries, 0);
  } finally {
    await h.close();
  }
});

Deno.test("xcomEntries/{key}: value stringified by default, native with stringify=false", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  const get = async (path: string) => {
    const response = await h.request("GET", `${BASE}/${path}`);
    assertEquals(response.status, 200, path);
    const body = await response.json();
    airflow.assert("XCom", body);
    return body;
  };
  try {
    const stringified = await get("push/xcomEntries/return_value");
    assertEquals(stringified.value, '{"rows":3,"names":["a","b"]}');
    assertEquals(stringified.execution_date, "2024-03-01T00:00:00+00:00");
    assertEquals((await get("push/xcomEntries/return_value?stringify=false")).value, {
      rows: 3,
      names: ["a", "b"],
    });
    assertEquals((await get("push/xcomEntries/greeting")).value, "hello");
    assertEquals((await get("push/xcomEntries/count")).value, "7");
    assertEquals((await get("push/xcomEntries/count?stringify=false")).value, 7);
    assertEquals((await get("other/xcomEntries/return_value")).value, "null");
  } finally {
    await h.close();
  }
});

Deno.test("xcomEntries/{key}: 404 for a missing entry, 400 for bad parameters", async () => {
  const h = await seeded();
  const airflow = await airflowSchemas();
  try {
    for (const path of ["push/xcomEntries/nothing", "push/xcomEntries/greeting?map_index=2"]) {
      const response = await h.request("GET", `${BASE}/${path}`);
      assertEquals(response.status, 404, path);
      airflow.assert("Error", await response.json());
    }
    for (
      const path of ["push/xcomEntries/greeting?stringify=perhaps", "push/xcomEntries?limit=-1"]
    ) {
      const response = await h.request("GET", `${BASE}/${path}`);
      assertEquals(response.status, 400, path);
      airflow.assert("Error", await response.json());
    }
  } finally {
    await h.close();
  }
});
