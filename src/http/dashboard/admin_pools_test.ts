import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";

const ok = (condition: boolean, message = "") => assertEquals(condition, true, message);

/** The number in a pool row's cell (`data-count`). */
function count(html: string, pool: string, name: string): number {
  const row = new RegExp(`data-pool="${pool}".*?</tr>`, "s").exec(html)?.[0] ?? "";
  const cell = new RegExp(`data-count="${name}"[^>]*>(-?\\d+)<`).exec(row);
  if (cell === null) throw new Error(`no ${name} count in the row of pool ${pool}`);
  return Number(cell[1]);
}

Deno.test("pools: the list shows each pool's slots, running, queued and open counts from its task instances", async () => {
  const h = await DashboardHarness.open({ store: "sqlite" });
  try {
    await h.api.store.setPool({
      name: "etl",
      slots: 10,
      description: "warehouse loads",
      includeDeferred: false,
    });
    const etl = (taskId: string, poolSlots: number) =>
      taskDefinition(taskId, { pool: "etl", poolSlots });
    await h.api.addDags(
      dagDefinition("loads", [
        etl("running", 2),
        etl("queued", 1),
        etl("scheduled", 3),
        etl("done", 4),
        taskDefinition("elsewhere"),
      ]),
    );
    await h.api.trigger("loads", { runId: "r1" });
    const run = { dagId: "loads", runId: "r1" };
    await h.api.moveRun(run, ["running"]);
    await h.api.moveTask({ ...run, taskId: "running" }, ["scheduled", "queued", "running"]);
    await h.api.moveTask({ ...run, taskId: "queued" }, ["scheduled", "queued"]);
    await h.api.moveTask({ ...run, taskId: "scheduled" }, ["scheduled"]);
    await h.api.moveTask({ ...run, taskId: "done" }, ["scheduled", "queued", "running", "success"]);
    await h.api.moveTask({ ...run, taskId: "elsewhere" }, ["scheduled", "queued", "running"]);

    const { status, html } = await h.page("/admin/pools", "Viewer");
    assertEquals(status, 200);
    ok(html.includes("warehouse loads"));
    assertEquals(
      ["slots", "running", "queued", "open"].map((name) => count(html, "etl", name)),
      [10, 2, 1, 7],
    );
    assertEquals(count(html, "default_pool", "running"), 1);
    ok(!html.includes('data-testid="add-pool"') && !html.includes('data-testid="delete"'));
    const asOp = await h.page("/admin/pools", "Op");
    ok(asOp.html.includes('data-testid="add-pool"'));
    // default_pool has no delete button; etl has one.
    assertEquals(asOp.html.match(/data-testid="delete"/g)?.length, 1);
  } finally {
    await h.close();
  }
});

Deno.test("pools: an Op adds, edits and deletes a pool; bad slots are refused naming the field", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const wakes = h.api.wakes;
    const added = await h.post(
      "/admin/pools/new",
      { name: "gpu", slots: "4", description: "two cards", include_deferred: "on" },
      { as: "Op" },
    );
    assertEquals(added.status, 303);
    assertEquals(noticeOf(added), { kind: "success", text: "Pool gpu added." });
    assertEquals(await h.api.store.getPool("gpu"), {
      name: "gpu",
      slots: 4,
      description: "two cards",
      includeDeferred: true,
    });
    ok(h.api.wakes > wakes, "a pool change wakes the scheduler");

    const form = await h.page("/admin/pools/edit?name=gpu", "Op");
    ok(form.html.includes('value="4"') && form.html.includes("two cards"));

    const refused = await h.post(
      "/admin/pools/edit?name=gpu",
      { name: "gpu", slots: "-2", description: "changed" },
      { as: "Op" },
    );
    assertEquals(refused.status, 400);
    const html = await refused.text();
    ok(html.includes("Saving pool gpu refused: slots: must be a whole number of 0 or more"));
    ok(html.includes('value="-2"') && html.includes("\nchanged</textarea>"), "the input is kept");
    assertEquals((await h.api.store.getPool("gpu"))?.slots, 4);

    const edited = await h.post(
      "/admin/pools/edit?name=gpu",
      { name: "gpu", slots: "8", description: "" },
      { as: "Op" },
    );
    assertEquals(noticeOf(edited), { kind: "success", text: "Pool gpu saved." });
    assertEquals(await h.api.store.getPool("gpu"), {
      name: "gpu",
      slots: 8,
      description: null,
      includeDeferred: false,
    });

    const duplicate = await h.post("/admin/pools/new", { name: "gpu", slots: "1" }, { as: "Op" });
    assertEquals(duplicate.status, 400);
    ok((await duplicate.text()).includes("name: a pool with this name already exists"));

    const deleted = await h.post("/admin/pools/delete", { name: "gpu" }, { as: "Op" });
    assertEquals(noticeOf(deleted), { kind: "success", text: "Pool gpu deleted." });
    assertEquals(await h.api.store.getPool("gpu"), null);
  } finally {
    await h.close();
  }
});

Deno.test("pools: the default pool cannot be deleted", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const before = await h.api.store.getPool("default_pool");
    ok(before !== null);
    const refused = await h.post("/admin/pools/delete", { name: "default_pool" }, { as: "Admin" });
    assertEquals(refused.status, 303);
    assertEquals(noticeOf(refused), {
      kind: "error",
      text: "Deleting pool default_pool refused: the default pool cannot be deleted.",
    });
    assertEquals(await h.api.store.getPool("default_pool"), before);
  } finally {
    await h.close();
  }
});

Deno.test("pools: Users may not change pools: 403 for the forms and the POSTs, nothing changed", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.setPool({ name: "etl", slots: 3, description: null, includeDeferred: false });
    for (const role of ["Viewer", "User"] as const) {
      assertEquals((await h.page("/admin/pools/new", role)).status, 403);
      assertEquals((await h.page("/admin/pools/edit?name=etl", role)).status, 403);
      const posts = [
        ["/admin/pools/new", { name: "other", slots: "1" }],
        ["/admin/pools/edit?name=etl", { name: "etl", slots: "99" }],
        ["/admin/pools/delete", { name: "etl" }],
      ] as const;
      for (const [path, fields] of posts) {
        assertEquals((await h.post(path, fields, { as: role })).status, 403, `${role} ${path}`);
      }
    }
    assertEquals(await h.api.store.getPool("etl"), {
      name: "etl",
      slots: 3,
      description: null,
      includeDeferred: false,
    });
    assertEquals(await h.api.store.getPool("other"), null);
  } finally {
    await h.close();
  }
});
