import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";
import { loadRecentRuns } from "./_dag_list_data.ts";

const task = [taskDefinition("work")];

async function seeded(store: "memory" | "sqlite" = "memory") {
  const h = await DashboardHarness.open({ store });
  await h.api.addDags(
    dagDefinition("etl_daily", task, {
      schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
      scheduleText: "@daily",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
      tags: ["etl", "daily"],
      owner: "data-team",
    }),
    dagDefinition("weekday_report", task, {
      schedule: { kind: "cron", expression: "0 6 * * 1-5" },
      scheduleText: "0 6 * * 1-5",
      startDate: Date.parse("2024-01-01T00:00:00Z"),
      tags: ["reports"],
    }),
    dagDefinition("manual_only", task, { params: { size: 3, mode: "fast" } }),
  );
  await h.api.store.setDagPaused("etl_daily", false, h.api.clock.now());
  return h;
}

Deno.test("dag list: shows each DAG with owner, schedule in words and as written, tags and recent runs", async () => {
  const h = await seeded("sqlite");
  try {
    const first = await h.api.trigger("etl_daily", { logicalDate: "2024-03-01T00:00:00Z" });
    await h.api.moveRun(first, ["running", "failed"]);
    await h.api.trigger("etl_daily", { logicalDate: "2024-03-02T00:00:00Z" });
    const { status, html } = await h.page("/dags", "Viewer");
    assertEquals(status, 200);
    for (const text of ["etl_daily", "weekday_report", "manual_only", "data-team"]) {
      ok(html.includes(text), text);
    }
    ok(html.includes("At 06:00 on Monday through Friday"), "cron in words");
    ok(html.includes("0 6 * * 1-5"), "cron as written");
    ok(html.includes("@daily (0 0 * * *)"), "preset and its expression");
    ok(html.includes("Never (manual runs only)"));
    ok(html.includes('href="/dags?tags=etl"'), "tags link to the filter");
    // Recent runs, oldest first, with their state words and links to the run.
    const failedAt = html.indexOf(
      `href="/dags/etl_daily?run_id=${encodeURIComponent(first.runId)}"`,
    );
    const queuedAt = html.indexOf('data-state="queued"');
    ok(failedAt > 0 && queuedAt > failedAt, "runs in order, linked");
    ok(html.includes('<span class="sr-only">failed</span>'));
    ok(html.includes("no runs yet"));
    ok(html.includes('data-live="/ui/dag-list"'), "the table is a live region");
  } finally {
    await h.close();
  }
});

Deno.test("dag list: search, tags and the status tabs narrow it, with counts", async () => {
  const h = await seeded();
  try {
    const run = await h.api.trigger("weekday_report");
    await h.api.moveRun(run, ["running", "failed"]);
    const rows = (html: string) =>
      [...html.matchAll(/<tr class="[^"]*" data-dag-id="([^"]+)"/g)].map((match) => match[1]);
    assertEquals(rows((await h.page("/dags?search=REPORT")).html), ["weekday_report"]);
    assertEquals(rows((await h.page("/dags?tags=etl&tags=reports")).html), [
      "etl_daily",
      "weekday_report",
    ]);
    assertEquals(rows((await h.page("/dags?status=active")).html), ["etl_daily"]);
    assertEquals(rows((await h.page("/dags?status=paused")).html), [
      "manual_only",
      "weekday_report",
    ]);
    const failed = await h.page("/dags?status=failed");
    assertEquals(rows(failed.html), ["weekday_report"]);
    for (const [status, count] of [["all", 3], ["active", 1], ["paused", 2], ["failed", 1]]) {
      ok(
        new RegExp(`data-testid="status-${status}">[^<]*<span[^>]*>${count}</span>`).test(
          failed.html,
        ),
        `${status} count ${count}`,
      );
    }
    assertEquals(rows((await h.page("/dags?sort=-dag_id")).html), [
      "weekday_report",
      "manual_only",
      "etl_daily",
    ]);
    const none = await h.page("/dags?search=nothing-like-this");
    ok(none.html.includes("No DAG matches these filters."));
    assertEquals((await h.page("/dags?status=sleeping")).status, 400);
  } finally {
    await h.close();
  }
});

Deno.test("dag list: pages of 100 with links to the next and previous pages", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const ids = Array.from({ length: 105 }, (_, index) => `dag_${String(index).padStart(3, "0")}`);
    await h.api.addDags(...ids.map((id) => dagDefinition(id, task)));
    const first = await h.page("/dags");
    ok(first.html.includes("1–100 of 105"));
    ok(first.html.includes("dag_099") && !first.html.includes("dag_100"));
    ok(first.html.includes('href="/dags?offset=100"'));
    const second = await h.page("/dags?offset=100");
    ok(second.html.includes("101–105 of 105"));
    ok(second.html.includes("dag_104") && !second.html.includes("dag_099"));
  } finally {
    await h.close();
  }
});

Deno.test("dag list: empty state, and import errors above the list with file and line", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    ok((await h.page("/dags")).html.includes("No DAGs yet."));
    await h.api.addImportError("broken.ts", "broken.ts:3: dag(): schedule: invalid cron");
    const { html } = await h.page("/dags", "Viewer");
    ok(html.includes("1 DAG file failed"));
    ok(html.includes("broken.ts") && html.includes(", line 3"));
    ok(html.includes("schedule: invalid cron"));
    ok(html.includes('href="/import-errors"'));
  } finally {
    await h.close();
  }
});

Deno.test("dag list: the fragment route answers the live region alone", async () => {
  const h = await seeded();
  try {
    const response = await h.get("/ui/dag-list?status=paused", "Viewer");
    assertEquals(response.status, 200);
    const html = await response.text();
    ok(html.startsWith('<section id="dag-table" data-live="/ui/dag-list?status=paused"'), html);
    ok(html.includes("weekday_report") && !html.includes('data-dag-id="etl_daily"'));
    ok(!html.includes("<html"));
  } finally {
    await h.close();
  }
});

Deno.test("pause: a User pauses and unpauses; a Viewer is refused and sees no controls", async () => {
  const h = await seeded();
  try {
    const user = await h.page("/dags", "User");
    ok(user.html.includes('action="/dags/etl_daily/pause"'));
    ok(user.html.includes('action="/dags/etl_daily/trigger"'));
    const paused = await h.post(
      "/dags/etl_daily/pause",
      { paused: "true", _back: "/dags?status=active" },
      { as: "User" },
    );
    assertEquals(paused.status, 303);
    assertEquals(paused.headers.get("location"), "/dags?status=active");
    assertEquals(noticeOf(paused), { kind: "success", text: "DAG etl_daily paused." });
    assertEquals((await h.api.store.getDag("etl_daily"))!.dag.isPaused, true);
    await h.post("/dags/etl_daily/pause", { paused: "false" }, { as: "User" });
    assertEquals((await h.api.store.getDag("etl_daily"))!.dag.isPaused, false);
    ok(h.api.wakes >= 2, "the scheduler is woken");

    const viewer = await h.page("/dags", "Viewer");
    ok(!viewer.html.includes("/pause"), "no pause form");
    ok(!viewer.html.includes("/trigger"), "no trigger control");
    ok(viewer.html.includes("▶ active"), "the state in words");
    const refused = await h.post("/dags/etl_daily/pause", { paused: "true" }, { as: "Viewer" });
    assertEquals(refused.status, 403);
    assertEquals((await h.api.store.getDag("etl_daily"))!.dag.isPaused, false);

    const bad = await h.post("/dags/etl_daily/pause", { paused: "maybe", _back: "/dags" }, {
      as: "User",
    });
    ok(noticeOf(bad)!.text.includes("paused must be true or false"));
  } finally {
    await h.close();
  }
});

Deno.test("recent runs: the latest of each DAG even when one DAG's runs crowd out another's", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.addDags(dagDefinition("busy", task), dagDefinition("quiet", task));
    const day = (index: number) => new Date(Date.UTC(2024, 0, 1) + index * 86_400_000);
    // quiet ran long ago; busy ran 40 times since, so the first page of runs is all busy's.
    for (let index = 0; index < 12; index++) {
      await h.api.trigger("quiet", { logicalDate: day(index).toISOString() });
    }
    for (let index = 20; index < 60; index++) {
      await h.api.trigger("busy", { logicalDate: day(index).toISOString() });
    }
    const runs = await loadRecentRuns(h.api.store, ["busy", "quiet", "none"], 10);
    const dates = (dagId: string) =>
      runs.get(dagId)!.map((run) => new Date(run.logicalDate).toISOString().slice(0, 10));
    assertEquals(
      dates("busy"),
      Array.from({ length: 10 }, (_, i) => day(50 + i).toISOString().slice(0, 10)),
    );
    assertEquals(
      dates("quiet"),
      Array.from({ length: 10 }, (_, i) => day(2 + i).toISOString().slice(0, 10)),
    );
    assertEquals(runs.get("none"), []);
  } finally {
    await h.close();
  }
});

Deno.test("dag list: a fixed number of store calls however many DAGs the page shows", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const ids = Array.from({ length: 30 }, (_, index) => `dag_${index}`);
    await h.api.addDags(...ids.map((id) => dagDefinition(id, task)));
    for (const id of ids) {
      for (const day of [1, 2, 3]) {
        await h.api.trigger(id, { logicalDate: `2024-01-0${day}T00:00:00Z` });
      }
    }
    const store = h.api.store;
    const calls = { listDags: 0, listDagRuns: 0, getDag: 0 };
    for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
      const original = store[name].bind(store) as (...args: unknown[]) => unknown;
      // deno-lint-ignore no-explicit-any
      (store as any)[name] = (...args: unknown[]) => {
        calls[name]++;
        return original(...args);
      };
    }
    const { html } = await h.page("/ui/dag-list", "Viewer");
    assertEquals(html.match(/data-state="queued"/g)?.length, 90);
    assertEquals(calls, { listDags: 4, listDagRuns: 1, getDag: 0 });
  } finally {
    await h.close();
  }
});
