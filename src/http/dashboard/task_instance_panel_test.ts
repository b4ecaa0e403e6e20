import { ok as assert, strictEqual as assertEquals } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { renderFragment } from "../../../ui/mod.ts";
import type { DashboardRequest } from "./_page_router.ts";
import { DashboardHarness } from "./_testing.ts";
import { renderTaskInstancePanel } from "./task_instance_panel.ts";

const RUN = { dagId: "etl", runId: "r1" };
const EXTRACT = { ...RUN, taskId: "extract", mapIndex: -1 };
const LOAD = { ...RUN, taskId: "load", mapIndex: -1 };
const PANEL = "/dags/etl/runs/r1/tasks";

async function seeded() {
  const h = await DashboardHarness.open({ store: "memory" });
  await h.api.addDags(dagDefinition("etl", [
    taskDefinition("extract", {
      operator: "bash",
      kind: "bash",
      retries: 2,
      permissions: { net: ["api.example.com:443"], env: ["TOKEN"] },
      templateFields: { command: "echo {{ ds }}" },
    }),
    taskDefinition("load", { upstream: ["extract"] }),
  ]));
  await h.api.trigger("etl", { runId: "r1" });
  return h;
}

/** The `<li>` of one dependency check. */
function checkOf(html: string, id: string): string {
  const match = new RegExp(`<li[^>]*data-check="${id}"[^>]*>[\\s\\S]*?</li>`).exec(html);
  assert(match, `no check ${id} in the panel`);
  return match[0];
}

Deno.test("panel: tries with states in words, host, XComs, templates and permissions", async () => {
  const h = await seeded();
  try {
    await h.api.moveRun(RUN, ["running"]);
    await h.api.moveTask(EXTRACT, ["scheduled", "queued", "running"], { hostname: "worker-1" });
    h.api.clock.advance(5_000);
    await h.api.moveTask(EXTRACT, ["up_for_retry"]);
    h.api.clock.advance(60_000);
    await h.api.moveTask(EXTRACT, ["scheduled", "queued", "running"], { hostname: "worker-2" });
    await h.api.pushXCom(EXTRACT, "return_value", { rows: 3 });
    h.api.writeLog(EXTRACT, 2, "starting try two\n");

    const { status, html } = await h.page(`${PANEL}/extract`, "Viewer");
    assertEquals(status, 200);
    assert(html.includes('data-testid="task-instance-panel"'));
    assert(html.includes('id="task-instance-live"'));
    assert(html.includes('data-live="/dags/etl/runs/r1/tasks/extract/live?'), "a live region");
    const tries = /<table[^>]*data-testid="task-instance-tries"[\s\S]*?<\/table>/.exec(html)![0];
    const first = /<tr[^>]*data-try="1"[\s\S]*?<\/tr>/.exec(tries)![0];
    const second = /<tr[^>]*data-try="2"[\s\S]*?<\/tr>/.exec(tries)![0];
    assert(first.includes("up for retry"), first);
    assert(first.includes("5.0 s"), "try 1 ran 5 s");
    assert(first.includes("?try=1"), "try 1 links to its log");
    assert(second.includes("running") && second.includes("worker-2"), second);
    assert(html.includes("bash (bash)"), "operator and kind");
    assert(html.includes("default_pool") && html.includes("default"), "pool and queue");
    assert(html.includes("return_value") && html.includes("&quot;rows&quot;: 3"), "XCom");
    assert(html.includes("Templates (not rendered yet)") && html.includes("echo {{ ds }}"));
    assert(/data-permission="net"[\s\S]*?api\.example\.com:443/.test(html), "net permission");
    assert(/data-permission="write"[\s\S]*?none \(denied\)/.test(html), "write denied");
    assert(html.includes("starting try two"), "the current try's log");
    assert(html.includes('data-log-stream="/dags/etl/runs/r1/tasks/extract/logs/2/stream?'));
    assert(!html.includes('data-testid="task-instance-actions"'), "Viewer sees no controls");
    assert(html.includes("It is running: it is not waiting on anything."));
  } finally {
    await h.close();
  }
});

Deno.test("panel: the dependency checks of a waiting task name what fails", async () => {
  const h = await seeded();
  try {
    let { html } = await h.page(`${PANEL}/load`, "Viewer");
    assert(checkOf(html, "dag_paused").includes('data-passed="false"'), "the DAG is paused");
    assert(checkOf(html, "run_state").includes("The run is queued"));
    await h.api.store.setDagPaused("etl", false, h.api.clock.now());
    await h.api.moveRun(RUN, ["running"]);
    await h.api.moveTask(EXTRACT, ["scheduled", "queued", "running"]);

    ({ html } = await h.page(`${PANEL}/load`, "Viewer"));
    const rule = checkOf(html, "trigger_rule");
    assert(rule.includes('data-passed="false"'), rule);
    assert(rule.includes("needs all 1 upstream tasks to succeed"), rule);
    const summary = /id="task-instance-waiting-summary"[^>]*>([^<]*)</.exec(html)![1];
    assertEquals(
      summary,
      "Trigger rule 'all_success' needs all 1 upstream tasks to succeed (upstream: 1 not done).",
    );
    assert(checkOf(html, "dag_paused").includes('data-passed="true"'));
    assert(checkOf(html, "run_state").includes('data-passed="true"'));
    const pool = checkOf(html, "pool");
    assert(pool.includes('data-passed="true"') && pool.includes("127 of 128 slots open"), pool);
    assert(checkOf(html, "max_active_tasks").includes("1 of this DAG"));

    await h.api.moveTask(EXTRACT, ["success"]);
    ({ html } = await h.page(`${PANEL}/load`, "Viewer"));
    assert(checkOf(html, "trigger_rule").includes('data-passed="true"'));
    assert(html.includes("Every check passes"));
  } finally {
    await h.close();
  }
});

Deno.test("panel: a retry not yet due says when it becomes eligible", async () => {
  const h = await seeded();
  try {
    await h.api.moveRun(RUN, ["running"]);
    await h.api.moveTask(EXTRACT, ["scheduled", "queued", "running"]);
    await h.api.moveTask(EXTRACT, ["up_for_retry"], {
      nextAttemptAt: h.api.clock.now() + 90_000,
    });
    const { html } = await h.page(`${PANEL}/extract`, "Viewer");
    const retry = checkOf(html, "retry_delay");
    assert(retry.includes('data-passed="false"'), retry);
    assert(retry.includes("2024-03-10 12:01:30") && retry.includes("1m30s"), retry);
  } finally {
    await h.close();
  }
});

Deno.test("panel: the live fragment, a selected try, rendered fields and unknown instances", async () => {
  const h = await seeded();
  try {
    await h.api.moveRun(RUN, ["running"]);
    await h.api.moveTask(EXTRACT, ["scheduled", "queued", "running"]);
    await h.api.moveTask(EXTRACT, ["up_for_retry"]);
    h.api.writeLog(EXTRACT, 1, "the first try failed\n");
    await h.api.moveTask(EXTRACT, ["scheduled"]);

    const fragment = await h.page(`${PANEL}/extract/live?back=%2Fdags%2Fetl`, "Viewer");
    assertEquals(fragment.status, 200);
    assert(fragment.html.startsWith("<section"), "the fragment is the live region alone");
    assert(fragment.html.includes('data-live="/dags/etl/runs/r1/tasks/extract/live?back='));
    assert(!fragment.html.includes('id="task-log"'), "the log stays outside the live region");

    const page = await h.page(`${PANEL}/extract?try=1`, "Viewer");
    assert(page.html.includes("the first try failed"));
    assert(!page.html.includes("data-log-stream"), "a finished try does not stream");

    assertEquals((await h.page(`${PANEL}/nope`, "Viewer")).status, 404);
    assertEquals((await h.page(`${PANEL}/extract?try=zero`, "Viewer")).status, 400);
    assertEquals((await h.page(`/dags/etl/runs/r9/tasks/extract`, "Viewer")).status, 404);
    const missing = await h.page(`${PANEL}/extract?map_index=x`, "Viewer");
    assert(missing.status === 400 && missing.html.includes("map_index must be an integer"));
  } finally {
    await h.close();
  }
});

Deno.test("renderTaskInstancePanel: the panel for another page, whose actions come back to it", async () => {
  const h = await seeded();
  try {
    const request = {
      context: { req: { path: "/dags/etl", url: "http://localhost/dags/etl?try=1" } },
      query: new URLSearchParams("try=1"),
      services: h.http.dashboard,
    } as unknown as DashboardRequest;
    const viewer = {
      username: "user",
      role: "User",
      csrfToken: "token",
      can: () => true,
    };
    const panel = await renderTaskInstancePanel(request, LOAD);
    assert(panel !== null);
    const { html } = renderFragment(panel, viewer);
    assert(html.includes('data-testid="task-instance-panel"'));
    assert(html.includes('name="back" value="/dags/etl?try=1"'), "actions return to the DAG page");
    assert(html.includes("back=%2Fdags%2Fetl%3Ftry%3D1"), "so does the live fragment");
    assertEquals(await renderTaskInstancePanel(request, { ...LOAD, taskId: "nope" }), null);
  } finally {
    await h.close();
  }
});
