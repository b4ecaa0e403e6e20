import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";

const RUN = { dagId: "etl", runId: "r1" };
const key = (taskId: string, runId = "r1") => ({ dagId: "etl", runId, taskId, mapIndex: -1 });
const PANEL = "/dags/etl/runs/r1/tasks";

/** a >> b >> c with a succeeded, b failed, c upstream_failed, in a running run. */
async function failedRun() {
  const h = await DashboardHarness.open({ store: "sqlite" });
  await h.api.addDags(dagDefinition("etl", [
    taskDefinition("a"),
    taskDefinition("b", { upstream: ["a"], retries: 2 }),
    taskDefinition("c", { upstream: ["b"] }),
  ]));
  await h.api.trigger("etl", { runId: "r1" });
  await h.api.moveRun(RUN, ["running"]);
  await h.api.moveTask(key("a"), ["scheduled", "queued", "running", "success"]);
  await h.api.moveTask(key("b"), ["scheduled", "queued", "running", "failed"]);
  await h.api.moveTask(key("c"), ["upstream_failed"]);
  return h;
}

async function states(h: DashboardHarness, runId = "r1") {
  const items = (await h.api.store.listTaskInstances({ dagIds: ["etl"], runIds: [runId] })).items;
  return Object.fromEntries(items.map((instance) => [instance.taskId, instance.state]));
}

function listed(html: string): string[] {
  return [...html.matchAll(/data-instance="([^"]+)"/g)].map((match) => match[1]);
}

Deno.test("clear: the dry run lists exactly what would be cleared and changes nothing", async () => {
  const h = await failedRun();
  try {
    const before = await states(h);
    let page = await h.page(`${PANEL}/b/clear?downstream=1&back=%2Fdags%2Fetl`, "User");
    assertEquals(page.status, 200);
    assertEquals(listed(page.html), ["r1/b/-1", "r1/c/-1"]);
    assert(page.html.includes(' id="task-action-confirm"'), "a confirm button");
    assert(page.html.includes('action="/dags/etl/runs/r1/tasks/b/clear"'), "a confirm form");
    assert(page.html.includes('name="_back" value="/dags/etl"'));
    assert(page.html.includes('name="downstream" value="1"'));
    page = await h.page(`${PANEL}/b/clear?upstream=1&only_failed=1`, "User");
    assertEquals(listed(page.html), ["r1/b/-1"], "failed only leaves a (success) out");
    page = await h.page(`${PANEL}/a/clear?only_failed=1`, "User");
    assert(page.html.includes("Nothing would change"));
    assert(!page.html.includes(' id="task-action-confirm"'), "no confirm button");
    assertEquals(await states(h), before);
    assertEquals(h.api.wakes, 0);
  } finally {
    await h.close();
  }
});

Deno.test("clear: confirming clears to no status with a fresh retry budget, then back with a notice", async () => {
  const h = await failedRun();
  try {
    const response = await h.post(`${PANEL}/b/clear`, {
      downstream: "1",
      _back: "/dags/etl/runs/r1/tasks/b",
    }, { as: "User" });
    assertEquals(response.status, 303);
    assertEquals(response.headers.get("location"), "/dags/etl/runs/r1/tasks/b");
    assertEquals(noticeOf(response), {
      kind: "success",
      text: "Cleared 2 task instances: b (r1), c (r1).",
    });
    assertEquals(await states(h), { a: "success", b: null, c: null });
    const b = (await h.api.store.getTaskInstance(key("b")))!;
    assertEquals([b.tryNumber, b.maxTries], [1, 3]);
    assert(h.api.wakes > 0, "the scheduler was woken");
    const { html } = await h.page(`${PANEL}/b`, "User");
    assert(
      /data-try="1"[\s\S]*?failed[\s\S]*?then cleared/.test(html),
      "try 1 shows it was cleared",
    );
  } finally {
    await h.close();
  }
});

Deno.test("clear: past widens to earlier runs", async () => {
  const h = await failedRun();
  try {
    await h.api.trigger("etl", { runId: "r0", logicalDate: "2024-03-09T12:00:00Z" });
    const page = await h.page(`${PANEL}/b/clear?past=1`, "User");
    assertEquals(listed(page.html).sort(), ["r0/b/-1", "r1/b/-1"]);
  } finally {
    await h.close();
  }
});

Deno.test("mark success: dry run, then the task succeeds and failed downstream tasks are cleared", async () => {
  const h = await failedRun();
  try {
    const page = await h.page(`${PANEL}/b/mark?state=success&back=%2Fdags%2Fetl`, "User");
    assertEquals(page.status, 200);
    assertEquals(listed(page.html), ["r1/b/-1"]);
    assert(page.html.includes('name="state" value="success"'));
    assertEquals((await states(h)).b, "failed", "the dry run changed nothing");

    const response = await h.post(`${PANEL}/b/mark`, { state: "success" }, { as: "User" });
    assertEquals(response.headers.get("location"), "/dags/etl/runs/r1/tasks/b");
    assertEquals(noticeOf(response)?.text, "Marked success 1 task instance: b (r1).");
    assertEquals(await states(h), { a: "success", b: "success", c: null });

    const failed = await h.post(`${PANEL}/a/mark`, { state: "failed", downstream: "1" }, {
      as: "User",
    });
    assertEquals(noticeOf(failed)?.kind, "success");
    assertEquals(await states(h), { a: "failed", b: "failed", c: "failed" });
  } finally {
    await h.close();
  }
});

Deno.test("mark: a state other than success or failed is refused, naming the field", async () => {
  const h = await failedRun();
  try {
    const page = await h.page(`${PANEL}/b/mark?state=running`, "User");
    assertEquals(page.status, 400);
    assert(page.html.includes("state must be"));
    const response = await h.post(`${PANEL}/b/mark`, { state: "running", _back: "/dags/etl" }, {
      as: "User",
    });
    assertEquals(response.headers.get("location"), "/dags/etl");
    assertEquals(noticeOf(response)?.kind, "error");
    assert(noticeOf(response)!.text.includes('state must be "success" or "failed"'));
    assertEquals((await states(h)).b, "failed");
  } finally {
    await h.close();
  }
});

Deno.test("actions: a Viewer sees no controls, and its requests are refused with nothing changed", async () => {
  const h = await failedRun();
  try {
    const before = await states(h);
    const panel = await h.page(`${PANEL}/b`, "Viewer");
    assert(!panel.html.includes('data-testid="task-instance-actions"'));
    assert(!panel.html.includes("Clear…"));
    assertEquals((await h.page(`${PANEL}/b/clear?downstream=1`, "Viewer")).status, 403);
    assertEquals((await h.page(`${PANEL}/b/mark?state=success`, "Viewer")).status, 403);
    for (const [path, fields] of [["clear", { downstream: "1" }], ["mark", { state: "success" }]]) {
      const response = await h.post(`${PANEL}/b/${path}`, fields as Record<string, string>, {
        as: "Viewer",
      });
      assertEquals(response.status, 403);
      await response.body?.cancel();
    }
    assertEquals(await states(h), before);
    assertEquals(h.api.wakes, 0);
    const user = await h.page(`${PANEL}/b`, "User");
    assert(user.html.includes('data-testid="task-instance-actions"'), "a User sees them");
  } finally {
    await h.close();
  }
});
