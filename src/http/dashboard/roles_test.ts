/**
 * Every dashboard route that changes something, as a Viewer: refused (403) with nothing changed,
 * found by walking the app's routes so a new form is covered without listing it. Admin-only
 * pages refuse an Op. The health banner shows when the scheduler is silent.
 *
 * @module
 */

import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness } from "./_testing.ts";

/** Routes a session-less or any-role user may post to. */
const OPEN_POSTS = new Set(["/login", "/logout"]);

Deno.test("dashboard: every state-changing route refuses a Viewer and changes nothing", async () => {
  const h = await DashboardHarness.open({ store: "sqlite" });
  try {
    await h.api.addDags(dagDefinition("guarded", [taskDefinition("only")]));
    const run = await h.api.trigger("guarded");
    const before = JSON.stringify([
      await h.api.store.listDags({}),
      await h.api.store.listDagRuns({}),
      await h.api.store.listTaskInstances({}),
      await h.api.store.listVariables({}),
      await h.api.store.listPools({}),
      await h.api.store.listUsers({}),
    ]);
    const posts = (await h.http.dashboardApp()).routes.filter((route) =>
      route.method === "POST" && !OPEN_POSTS.has(route.path)
    );
    assert(posts.length >= 15, `found only ${posts.length} POST routes`);
    for (const route of posts) {
      const path = route.path
        .replace(":dagId", "guarded")
        .replace(":runId", encodeURIComponent(run.runId))
        .replace(":taskId", "only")
        .replace(/:(\w+)(\{[^}]*\})?/g, "1");
      const response = await h.post(path, { paused: "true", key: "x", value: "1" }, {
        as: "Viewer",
      });
      assertEquals(response.status, 403, `POST ${path} as Viewer answered ${response.status}`);
      await response.body?.cancel();
    }
    const after = JSON.stringify([
      await h.api.store.listDags({}),
      await h.api.store.listDagRuns({}),
      await h.api.store.listTaskInstances({}),
      await h.api.store.listVariables({}),
      await h.api.store.listPools({}),
      await h.api.store.listUsers({}),
    ]);
    assertEquals(after, before);
  } finally {
    await h.close();
  }
});

Deno.test("dashboard: users pages are for Admins; connections for Ops; a Viewer reads the rest", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    for (
      const [path, allowed, refused] of [
        ["/admin/users", "Admin", "Op"],
        ["/admin/connections", "Op", "User"],
        ["/admin/variables", "Viewer", null],
        ["/admin/pools", "Viewer", null],
        ["/dags", "Viewer", null],
        ["/runs", "Viewer", null],
        ["/task-instances", "Viewer", null],
        ["/import-errors", "Viewer", null],
        ["/api", "Viewer", null],
      ] as const
    ) {
      assertEquals((await h.page(path, allowed)).status, 200, `${path} as ${allowed}`);
      if (refused) assertEquals((await h.page(path, refused)).status, 403, `${path} as ${refused}`);
    }
  } finally {
    await h.close();
  }
});

Deno.test("dashboard: a banner says when the scheduler has not heartbeated", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const silent = await h.page("/dags", "Viewer");
    assert(silent.html.includes('id="health-banner"'));
    assert(silent.html.includes("No scheduler has ever sent a heartbeat"));
    const now = h.api.clock.now();
    await h.api.store.recordHeartbeat({
      jobId: "scheduler-1",
      kind: "scheduler",
      hostname: "here",
      startedAt: now,
      heartbeatAt: now,
    });
    assert(!(await h.page("/dags", "Viewer")).html.includes('id="health-banner"'));
    h.api.clock.advance(60_000);
    const stale = await h.page("/dags", "Viewer");
    assert(stale.html.includes("last heartbeat was 60 s ago"), "the banner gives the age");
  } finally {
    await h.close();
  }
});
