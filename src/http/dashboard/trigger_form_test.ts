import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";

async function withDag() {
  const h = await DashboardHarness.open({ store: "sqlite" });
  await h.api.addDags(
    dagDefinition("with_params", [taskDefinition("work")], {
      params: { size: 3, mode: "fast" },
      description: "Takes params",
    }),
  );
  return h;
}

Deno.test("trigger form: prefilled with the DAG's params as pretty JSON, for User and up", async () => {
  const h = await withDag();
  try {
    const { status, html } = await h.page("/dags/with_params/trigger", "User");
    assertEquals(status, 200);
    ok(html.includes('name="conf"') && html.includes('data-json="trigger-conf-status"'));
    ok(html.includes("{\n  &quot;size&quot;: 3,\n  &quot;mode&quot;: &quot;fast&quot;\n}"), html);
    ok(html.includes('type="datetime-local" name="logical_date"'));
    ok(html.includes('name="run_id"') && html.includes('name="note"'));
    ok(html.includes("This DAG is paused"), "new DAGs start paused in the harness");
    assertEquals((await h.page("/dags/with_params/trigger", "Viewer")).status, 403);
    assertEquals((await h.page("/dags/nope/trigger", "User")).status, 404);
  } finally {
    await h.close();
  }
});

Deno.test("trigger: creates the run with its conf, logical date, run id and note, then shows it", async () => {
  const h = await withDag();
  try {
    const response = await h.post("/dags/with_params/trigger", {
      conf: '{ "size": 10 }',
      logical_date: "2024-03-09T08:30",
      run_id: "my_run",
      note: "by hand",
    }, { as: "User" });
    assertEquals(response.status, 303);
    assertEquals(response.headers.get("location"), "/dags/with_params?run_id=my_run");
    assertEquals(noticeOf(response), {
      kind: "success",
      text: "Triggered with_params: run my_run.",
    });
    const run = await h.api.store.getDagRun({ dagId: "with_params", runId: "my_run" });
    assertEquals(run?.conf, { size: 10 });
    assertEquals(run?.logicalDate, Date.parse("2024-03-09T08:30:00Z"));
    assertEquals(run?.note, "by hand");
    assertEquals(run?.runType, "manual");
    ok(h.api.wakes > 0);
  } finally {
    await h.close();
  }
});

Deno.test("trigger: bad conf JSON is refused naming conf, back to the form with the text", async () => {
  const h = await withDag();
  try {
    for (const conf of ['{ "size": ', "[1, 2]", '"text"']) {
      const response = await h.post("/dags/with_params/trigger", { conf, run_id: "r1" }, {
        as: "User",
      });
      assertEquals(response.status, 303);
      const notice = noticeOf(response)!;
      assertEquals(notice.kind, "error");
      ok(notice.text.startsWith("Cannot trigger DAG with_params: conf "), notice.text);
      const location = new URL(response.headers.get("location")!, "http://x");
      assertEquals(location.pathname, "/dags/with_params/trigger");
      assertEquals(location.searchParams.get("conf"), conf);
      assertEquals(location.searchParams.get("run_id"), "r1");
    }
    const again = await h.page(
      `/dags/with_params/trigger?conf=${encodeURIComponent("[1]")}`,
      "User",
    );
    ok(again.html.includes(">[1]</textarea>"));
    assertEquals((await h.api.store.listDagRuns({})).total, 0);
  } finally {
    await h.close();
  }
});

Deno.test("trigger: the scheduler's refusals and a bad logical date come back as notices", async () => {
  const h = await withDag();
  try {
    const date = await h.post("/dags/with_params/trigger", { logical_date: "yesterday" }, {
      as: "User",
    });
    ok(noticeOf(date)!.text.includes("logical_date must be a date and time"));
    const badId = await h.post("/dags/with_params/trigger", { run_id: "has space" }, {
      as: "User",
    });
    ok(noticeOf(badId)!.text.includes("run id 'has space' must match"), noticeOf(badId)!.text);
    await h.post("/dags/with_params/trigger", { run_id: "once" }, { as: "User" });
    const twice = await h.post("/dags/with_params/trigger", { run_id: "once" }, { as: "User" });
    assertEquals(noticeOf(twice)!.kind, "error");
    ok(noticeOf(twice)!.text.includes("already has a run"), noticeOf(twice)!.text);
    assertEquals((await h.api.store.listDagRuns({})).total, 1);
  } finally {
    await h.close();
  }
});

Deno.test("trigger now: from the list with the default conf, back to the list; Viewer refused", async () => {
  const h = await withDag();
  try {
    const response = await h.post("/dags/with_params/trigger", { _back: "/dags?status=paused" }, {
      as: "User",
    });
    assertEquals(response.headers.get("location"), "/dags?status=paused");
    const [run] = (await h.api.store.listDagRuns({})).items;
    assertEquals(run.conf, {});
    ok(noticeOf(response)!.text.includes(run.runId));
    const refused = await h.post("/dags/with_params/trigger", {}, { as: "Viewer" });
    assertEquals(refused.status, 403);
    assertEquals((await h.api.store.listDagRuns({})).total, 1);
  } finally {
    await h.close();
  }
});
