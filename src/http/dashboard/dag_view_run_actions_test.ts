import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { openEtl } from "./_dag_view_testing.ts";
import { type DashboardHarness, noticeOf } from "./_testing.ts";

const OLD = { dagId: "etl", runId: "run_old" };
const NEW = { dagId: "etl", runId: "run_new" };

/** Each task instance of a run as `task=state`, sorted. */
async function statesOf(h: DashboardHarness, runId: string): Promise<string[]> {
  const page = await h.api.store.listTaskInstances({ dagIds: ["etl"], runIds: [runId] });
  return page.items.map((instance) => `${instance.taskId}=${instance.state}`).sort();
}

Deno.test("run actions: a User marks a run success or failed; the store changes, a notice says so", async () => {
  const h = await openEtl("sqlite");
  try {
    const wakes = h.api.wakes;
    const success = await h.post("/dags/etl/run/mark", {
      run_id: "run_old",
      state: "success",
      _back: "/dags/etl?run_id=run_old",
    }, { as: "User" });
    assertEquals(success.status, 303);
    assertEquals(success.headers.get("location"), "/dags/etl?run_id=run_old");
    assertEquals(noticeOf(success), { kind: "success", text: "Run run_old marked success." });
    assertEquals((await h.api.store.getDagRun(OLD))?.state, "success");
    assertEquals(await statesOf(h, "run_old"), [
      "extract=success",
      "load=success",
      "report=success",
      "transform=success",
    ]);
    assert(h.api.wakes > wakes, "the scheduler is woken");
    const failed = await h.post("/dags/etl/run/mark", { run_id: "run_new", state: "failed" }, {
      as: "User",
    });
    assertEquals(failed.headers.get("location"), "/dags/etl?run_id=run_new");
    assertEquals((await h.api.store.getDagRun(NEW))?.state, "failed");
    // Running tasks fail, unfinished ones are skipped, finished ones stay.
    assertEquals(await statesOf(h, "run_new"), [
      "extract=success",
      "load=skipped",
      "publish=skipped",
      "report=skipped",
      "transform=failed",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("run actions: bad input is refused with a notice naming the field; nothing changes", async () => {
  const h = await openEtl();
  try {
    const state = await h.post("/dags/etl/run/mark", {
      run_id: "run_new",
      state: "queued",
      _back: "/dags/etl",
    }, { as: "User" });
    assertEquals(state.status, 303);
    assertEquals(state.headers.get("location"), "/dags/etl");
    assertEquals(noticeOf(state)?.kind, "error");
    assert(noticeOf(state)?.text.includes("state must be success or failed, got 'queued'"));
    const missing = await h.post("/dags/etl/run/mark", { state: "success", _back: "/dags/etl" }, {
      as: "User",
    });
    assert(noticeOf(missing)?.text.includes("the form has no run_id"));
    const unknown = await h.post("/dags/etl/run/mark", {
      run_id: "nope",
      state: "success",
      _back: "/dags/etl",
    }, { as: "User" });
    assertEquals(noticeOf(unknown)?.kind, "error");
    assert(noticeOf(unknown)?.text.includes("nope"));
    assertEquals((await h.api.store.getDagRun(NEW))?.state, "running");
  } finally {
    await h.close();
  }
});

Deno.test("run actions: clearing lists what would be cleared first and changes nothing until confirmed", async () => {
  const h = await openEtl("sqlite");
  try {
    const before = await statesOf(h, "run_old");
    const dry = await h.page("/dags/etl/run/clear?run_id=run_old&only_failed=true", "User");
    assertEquals(dry.status, 200);
    const listed = [...dry.html.matchAll(/<tr\s+class="[^"]*"\s+data-task-id="([^"]+)"/g)]
      .map((match) => match[1]);
    assertEquals(listed, ["load", "transform"]);
    assert(dry.html.includes("Clear 2 task instance(s)"));
    assert(dry.html.includes('name="confirmed" value="true"'));
    assertEquals(await statesOf(h, "run_old"), before);
    const all = await h.page("/dags/etl/run/clear?run_id=run_old", "User");
    assert(all.html.includes("Clear 4 task instance(s)"));
    // A POST without the confirmation only leads to the list.
    const unconfirmed = await h.post("/dags/etl/run/clear", {
      run_id: "run_old",
      only_failed: "true",
    }, { as: "User" });
    assertEquals(unconfirmed.status, 303);
    assertEquals(
      unconfirmed.headers.get("location"),
      "/dags/etl/run/clear?run_id=run_old&only_failed=true",
    );
    assertEquals(await statesOf(h, "run_old"), before);
    const confirmed = await h.post("/dags/etl/run/clear", {
      run_id: "run_old",
      only_failed: "true",
      confirmed: "true",
    }, { as: "User" });
    assertEquals(noticeOf(confirmed), {
      kind: "success",
      text: "Cleared 2 failed task instance(s) of run run_old.",
    });
    assertEquals(await statesOf(h, "run_old"), [
      "extract=success",
      "load=null",
      "report=success",
      "transform=null",
    ]);
    assertEquals((await h.api.store.getDagRun(OLD))?.state, "queued", "the finished run reruns");
    const missing = await h.page("/dags/etl/run/clear?run_id=nope", "User");
    assertEquals(missing.status, 404);
  } finally {
    await h.close();
  }
});

Deno.test("run actions: deleting a run removes it with its task instances", async () => {
  const h = await openEtl();
  try {
    const response = await h.post("/dags/etl/run/delete", { run_id: "run_old" }, { as: "User" });
    assertEquals(response.headers.get("location"), "/dags/etl");
    assertEquals(noticeOf(response), { kind: "success", text: "Run run_old of etl deleted." });
    assertEquals(await h.api.store.getDagRun(OLD), null);
    assertEquals(await statesOf(h, "run_old"), []);
    const again = await h.post("/dags/etl/run/delete", { run_id: "run_old", _back: "/dags/etl" }, {
      as: "User",
    });
    assert(noticeOf(again)?.text.includes("has no such run"));
    assertEquals((await h.page("/dags/etl", "User")).html.includes(">run_old<"), false);
  } finally {
    await h.close();
  }
});

Deno.test("delete history: refused while tasks run, then removes runs and the DAG until parsed again", async () => {
  const h = await openEtl("sqlite");
  try {
    const busy = await h.post("/dags/etl/delete", { _back: "/dags/etl" }, { as: "User" });
    assertEquals(busy.headers.get("location"), "/dags/etl");
    assertEquals(noticeOf(busy)?.kind, "error");
    assert(noticeOf(busy)?.text.includes("1 task instance(s) are queued or running"));
    assert((await h.api.store.getDag("etl")) !== null);
    await h.api.moveTask({ ...NEW, taskId: "transform" }, ["success"]);
    const done = await h.post("/dags/etl/delete", {}, { as: "User" });
    assertEquals(done.headers.get("location"), "/dags");
    assert(noticeOf(done)?.text.startsWith("Deleted the runs, task instances, XComs and history"));
    assertEquals(await h.api.store.getDag("etl"), null);
    assertEquals((await h.api.store.listDagRuns({ dagIds: ["etl"] })).total, 0);
  } finally {
    await h.close();
  }
});

Deno.test("run actions: a Viewer sees no change buttons and its POSTs get 403, nothing changed", async () => {
  const h = await openEtl();
  try {
    const page = await h.page("/dags/etl?run_id=run_old", "Viewer");
    for (const text of ["Mark success", "Mark failed", "Clear…", "Delete run", "Delete history"]) {
      assert(!page.html.includes(text), text);
    }
    assert(!page.html.includes('action="/dags/etl/pause"'));
    const before = await statesOf(h, "run_old");
    const attempts: [string, Record<string, string>][] = [
      ["/dags/etl/run/mark", { run_id: "run_old", state: "success" }],
      ["/dags/etl/run/clear", { run_id: "run_old", confirmed: "true" }],
      ["/dags/etl/run/delete", { run_id: "run_old" }],
      ["/dags/etl/delete", {}],
    ];
    for (const [path, fields] of attempts) {
      const response = await h.post(path, fields, { as: "Viewer" });
      assertEquals(response.status, 403, path);
      await response.body?.cancel();
    }
    assertEquals((await h.page("/dags/etl/run/clear?run_id=run_old", "Viewer")).status, 403);
    assertEquals((await h.api.store.getDagRun(OLD))?.state, "failed");
    assertEquals(await statesOf(h, "run_old"), before);
    assert((await h.api.store.getDag("etl")) !== null);
    // Without the CSRF token even a User is refused.
    const forged = await h.post("/dags/etl/run/delete", { run_id: "run_old" }, {
      as: "User",
      csrf: false,
    });
    assertEquals(forged.status, 403);
    assert((await h.api.store.getDagRun(OLD)) !== null);
  } finally {
    await h.close();
  }
});
