import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { openEtl, parse, SOURCES } from "./_dag_view_testing.ts";
import type { DashboardHarness } from "./_testing.ts";

/**
 * A page as a role, its tags' spacing evened out (the JSX compiler leaves a space where a
 * `key` or an undefined attribute was).
 */
async function page(h: DashboardHarness, path: string, as: "Viewer" | "User" = "Viewer") {
  const { status, html } = await h.page(path, as);
  return {
    status,
    html: html.replace(/<[^>]+>/g, (tag) => tag.replace(/ {2,}/g, " ").replace(/ >$/, ">")),
  };
}

/** Every match of a pattern's first group, in order. */
function all(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => match[1]);
}

Deno.test("dag page grid: runs as columns (latest right), tasks as rows, cells that select", async () => {
  const h = await openEtl("sqlite");
  try {
    const { status, html } = await page(h, "/dags/etl");
    assertEquals(status, 200);
    assert(html.includes("Daily ETL"));
    assert(html.includes('aria-current="page"') && html.includes('id="dag-tab-grid"'));
    assertEquals(all(html, /<th scope="col" data-run-id="([^"]+)"/g), ["run_old", "run_new"]);
    // Topological order, the current version's tasks (publish is new in it).
    assertEquals(all(html, /<tr data-task-id="([^"]+)"/g), [
      "extract",
      "transform",
      "load",
      "report",
      "publish",
    ]);
    // State as icon and words in the title, not colour alone, and links that select.
    assert(html.includes('title="transform @ run_old: failed"'), "failed cell");
    assert(html.includes('title="load @ run_old: upstream failed"'));
    assert(html.includes('title="transform @ run_new: running"'));
    assert(html.includes('title="publish @ run_new: no status"'));
    assert(html.includes('href="/dags/etl?run_id=run_old&amp;task_id=transform"'));
    assert(html.includes('data-state="failed"><span aria-hidden="true">✕</span>'));
    assert(/title="run run_old \([^)]*\): failed"/.test(html), "run header with its state");
    // publish did not exist when run_old ran: no cell, no link.
    assert(!html.includes("publish @ run_old"));
    // Nothing selected: the latest run's details, without change buttons for a Viewer.
    assert(html.includes('data-live="/dags/etl/run/details?run_id=run_new"'));
    assert(!html.includes("Mark success") && !html.includes("Delete history"));
    assert(html.includes('data-live="/dags/etl/grid"'));
    const user = await page(h, "/dags/etl", "User");
    for (const text of ["Mark success", "Mark failed", "Clear…", "Delete run", "Delete history"]) {
      assert(user.html.includes(text), text);
    }
    assert(user.html.includes('action="/dags/etl/pause"'));
    assert(user.html.includes('href="/dags/etl/trigger"'));
  } finally {
    await h.close();
  }
});

Deno.test("dag page grid: selecting a run shows its details; a cell, its task instance", async () => {
  const h = await openEtl();
  try {
    const run = await page(h, "/dags/etl?run_id=run_old");
    assertEquals(run.status, 200);
    assert(run.html.includes("Run run_old"));
    assert(run.html.includes("(older than the current version)"));
    assert(run.html.includes("2024-03-08 06:00:00"));
    assert(/<a href="[^"]*run_id=run_old" data-state="failed" class="[^"]*" aria-current="true"/
      .test(run.html));
    const cell = await page(h, "/dags/etl?run_id=run_old&task_id=transform");
    assertEquals(cell.status, 200);
    assert(cell.html.includes('id="dag-side-panel"'));
    assert(!cell.html.includes('id="run-details"'), "the task's panel replaces the run's");
    assert(/href="[^"]*task_id=transform" data-state="failed" class="[^"]*" aria-current="true"/
      .test(cell.html));
    assert(cell.html.includes('data-live="/dags/etl/grid?run_id=run_old&amp;task_id=transform"'));
    const fifty = await page(h, "/dags/etl?runs=50");
    assert(fifty.html.includes('<option value="50" selected>'));
    assert(fifty.html.includes('href="/dags/etl?runs=50&amp;run_id=run_old&amp;task_id=extract"'));
    const wrong = await page(h, "/dags/etl?runs=7");
    assertEquals(wrong.status, 400);
    assert(wrong.html.includes("runs must be one of 25, 50, 100"));
  } finally {
    await h.close();
  }
});

Deno.test("dag page: the grid and run details fragments render the live regions alone", async () => {
  const h = await openEtl();
  try {
    const grid = await h.get("/dags/etl/grid?run_id=run_old", "Viewer");
    assertEquals(grid.status, 200);
    const html = await grid.text();
    assert(html.startsWith('<div id="dag-grid" data-live="/dags/etl/grid?run_id=run_old"'));
    assert(!html.includes("<html"));
    assert(html.includes('title="transform @ run_old: failed"'));
    assert(grid.headers.get("x-style-version") !== null);
    await h.api.moveTask({ dagId: "etl", runId: "run_new", taskId: "transform" }, ["success"]);
    const after = await (await h.get("/dags/etl/grid", "Viewer")).text();
    assert(after.includes('title="transform @ run_new: success"'), "the region turns green");
    const details = await (await h.get("/dags/etl/run/details?run_id=run_old", "Viewer")).text();
    assert(details.startsWith('<section id="run-details" data-live="/dags/etl/run/details'));
    assert(!details.includes("Mark success"), "no change buttons for a Viewer");
    assertEquals((await h.get("/dags/etl/grid", null)).status, 401);
  } finally {
    await h.close();
  }
});

Deno.test("dag page graph: an SVG node per task, an edge per dependency, the run's states", async () => {
  const h = await openEtl();
  try {
    const { status, html } = await page(h, "/dags/etl?tab=graph&run_id=run_old");
    assertEquals(status, 200);
    const svg = html.slice(
      html.indexOf('<svg data-zoom id="dag-graph-svg"'),
      html.indexOf("</svg>"),
    );
    // run_old ran on the first version: four tasks, no publish.
    assertEquals(all(svg, /<a href="[^"]*" data-task-id="([^"]+)"/g).sort(), [
      "extract",
      "load",
      "report",
      "transform",
    ]);
    assertEquals(all(svg, /data-edge="([^"]+)"/g).sort(), [
      "extract->report",
      "extract->transform",
      "transform->load",
    ]);
    assert(svg.includes('marker-end="url(#dag-graph-arrow)"'));
    assert(svg.includes("✓ success") && svg.includes("✕ failed"));
    assert(svg.includes("upstream failed"));
    assert(svg.includes('href="/dags/etl?tab=graph&amp;run_id=run_old&amp;task_id=transform"'));
    assert(html.includes('data-zoom-action="in"') && /viewBox="[-\d. ]+"/.test(svg));
    assert(html.includes('<select name="run_id"') && html.includes("data-autosubmit"));
    const latest = await page(h, "/dags/etl?tab=graph");
    assert(latest.html.includes('data-task-id="publish"'), "the latest run's version");
    const states = await (await h.get("/dags/etl/graph?run_id=run_old", "Viewer")).text();
    assert(
      states.startsWith('<ul id="dag-graph-states" data-live="/dags/etl/graph?run_id=run_old"'),
    );
    assert(/data-task-id="transform" data-state="failed" data-fill="#dc2626"/.test(states));
  } finally {
    await h.close();
  }
});

Deno.test("dag page gantt: a bar per started try, queue time and duration; not started listed", async () => {
  const h = await openEtl();
  try {
    const { status, html } = await page(h, "/dags/etl?tab=gantt");
    assertEquals(status, 200);
    assert(html.includes('data-live="/dags/etl/gantt"'));
    assertEquals(all(html, /<tr class="[^"]*" data-task-id="([^"]+)" data-try/g), [
      "extract",
      "extract",
      "transform",
    ]);
    assert(html.includes("extract (try 1)") && html.includes("extract (try 2)"));
    assert(html.includes("extract (try 1): up for retry, 15.0 s"));
    assert(html.includes("extract (try 2): success, 10.0 s"));
    assert(html.includes("transform: running, 5.0 s so far"));
    assert(html.includes("queued at 2024-03-10 12:01:10"), "the first try waited 5 s");
    assert(/Not started:.*load.*report.*publish/s.test(html));
    const old = await page(h, "/dags/etl?tab=gantt&run_id=run_old&task_id=transform");
    assert(old.html.includes("transform: failed, 8.0 s"));
    assert(old.html.includes('id="dag-side-panel"'));
  } finally {
    await h.close();
  }
});

Deno.test("dag page runs: filters by state and type, pages, links that select", async () => {
  const h = await openEtl();
  try {
    const all = await page(h, "/dags/etl?tab=runs");
    assert(all.html.includes(">run_new</a>") && all.html.includes(">run_old</a>"));
    assert(all.html.includes("1–2 of 2"));
    const failed = await page(h, "/dags/etl?tab=runs&state=failed");
    assert(failed.html.includes(">run_old</a>") && !failed.html.includes(">run_new</a>"));
    assert(failed.html.includes('<option value="failed" selected>'));
    const selected = await page(h, "/dags/etl?tab=runs&run_id=run_old");
    assert(selected.html.includes('id="run-details"') && selected.html.includes("Run run_old"));
    const paged = await page(h, "/dags/etl?tab=runs&limit=25&offset=1");
    assert(paged.html.includes("2–2 of 2") && paged.html.includes('rel="prev"'));
    const bad = await page(h, "/dags/etl?tab=runs&run_type=weekly");
    assertEquals(bad.status, 400);
    assert(bad.html.includes("run_type must be one of scheduled, manual, backfill"));
  } finally {
    await h.close();
  }
});

Deno.test("dag page code: the source of the version the run used, numbered, older flagged", async () => {
  const h = await openEtl("sqlite");
  try {
    const old = await page(h, "/dags/etl?tab=code&run_id=run_old");
    assertEquals(old.status, 200);
    assert(old.html.includes("// version one of etl"));
    assert(!old.html.includes("version two"));
    assert(old.html.includes('id="dag-code-older"'), "says the run used an older version");
    assert(old.html.includes("etl.ts"));
    assert(/aria-hidden="true">2<\/span>export default dag/.test(old.html), "line numbers");
    const latest = await page(h, "/dags/etl?tab=code");
    assert(latest.html.includes("// version two of etl"));
    assert(!latest.html.includes('id="dag-code-older"'));
    assert(latest.html.includes(": the version run run_new used."));
    const current = await page(h, "/dags/etl?tab=code&version=current");
    assert(current.html.includes(": the current version."));
    assert(current.html.includes(SOURCES.second.split("\n")[0]));
  } finally {
    await h.close();
  }
});

Deno.test("dag page details: schedule, timetable, params, default args, file and version", async () => {
  const h = await openEtl();
  try {
    const { status, html } = await page(h, "/dags/etl?tab=details");
    assertEquals(status, 200);
    assert(html.includes("At 06:00") && html.includes("0 6 * * *"));
    assert(html.includes("CronDataIntervalTimetable"));
    assert(html.includes("2024-03-01 00:00:00"));
    const params = html.slice(html.indexOf('id="dag-params"'));
    assert(params.startsWith('id="dag-params">{\n  &quot;limit&quot;: 10\n}'));
    const defaults = html.slice(html.indexOf('id="dag-default-args"'));
    assert(defaults.includes("&quot;owner&quot;: &quot;data-team&quot;"));
    assert(defaults.includes("&quot;retries&quot;: 2"));
    assert(defaults.includes("&quot;pool&quot;: &quot;etl_pool&quot;"));
    assert(defaults.includes("&quot;retryDelay&quot;: &quot;5m&quot;"));
    const dag = await h.api.store.getDag("etl");
    assert(html.includes(dag!.dag.versionHash));
    assert(html.includes("team-a") && html.includes("data-team"));
  } finally {
    await h.close();
  }
});

Deno.test("dag page: an unknown DAG or run is a 404 naming it; a bad tab a 400", async () => {
  const h = await openEtl();
  try {
    const run = await page(h, "/dags/etl?run_id=no_such_run");
    assertEquals(run.status, 404);
    assert(
      run.html.includes("DAG &#39;etl&#39; has no run &#39;no_such_run&#39;.") ||
        run.html.includes("DAG 'etl' has no run 'no_such_run'."),
      run.html,
    );
    const gantt = await page(h, "/dags/etl?tab=gantt&run_id=no_such_run");
    assertEquals(gantt.status, 404);
    const dag = await page(h, "/dags/nowhere");
    assertEquals(dag.status, 404);
    assert(dag.html.includes("nowhere"));
    const tab = await page(h, "/dags/etl?tab=tree");
    assertEquals(tab.status, 400);
    assert(tab.html.includes("tab must be one of grid, graph, gantt, runs, code, details"));
    assertEquals((await h.get("/dags/etl/gantt?run_id=no_such_run", "Viewer")).status, 404);
  } finally {
    await h.close();
  }
});

Deno.test("dag page: a DAG without runs renders every tab; the header's pause form works", async () => {
  const h = await openEtl();
  try {
    await parse(h, dagDefinition("quiet", [taskDefinition("only")]), "// quiet\n");
    for (const tab of ["grid", "graph", "gantt", "runs", "code", "details"]) {
      const { status, html } = await page(h, `/dags/quiet?tab=${tab}`);
      assertEquals(status, 200, tab);
      assert(html.includes(`id="dag-tab-${tab}" class="`), tab);
    }
    assert((await page(h, "/dags/quiet")).html.includes("This DAG has no runs yet."));
    assert((await page(h, "/dags/quiet?tab=graph")).html.includes('data-task-id="only"'));
    assert((await page(h, "/dags/quiet?tab=code")).html.includes(": the current version."));
    const user = await page(h, "/dags/quiet?tab=details", "User");
    const form =
      /<form method="post" action="\/dags\/quiet\/pause"[^]*?<\/form>/.exec(user.html)![0];
    const fields = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)]
        .map((match) => [match[1], match[2].replaceAll("&amp;", "&")]),
    );
    const response = await h.post("/dags/quiet/pause", fields, { as: "User" });
    assertEquals(response.status, 303);
    assertEquals(response.headers.get("location"), "/dags/quiet?tab=details");
    assertEquals((await h.api.store.getDag("quiet"))?.dag.isPaused, false);
    assert((await page(h, "/dags/quiet", "User")).html.includes("▶ Active"));
  } finally {
    await h.close();
  }
});
