import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DashboardHarness, noticeOf } from "./_testing.ts";

const ok = (condition: boolean, message = "") => assertEquals(condition, true, message);

Deno.test("variables: the list shows the stored variables, masks secret ones, searches and pages", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.setVariable({ key: "region", value: "eu-west-1", description: "where" });
    await h.api.store.setVariable({
      key: "db_password",
      value: "hunter2-secret",
      description: null,
    });
    for (let index = 0; index < 55; index++) {
      const key = `x_bulk_${String(index).padStart(2, "0")}`;
      await h.api.store.setVariable({ key, value: String(index), description: null });
    }
    const { status, html } = await h.page("/admin/variables", "Viewer");
    assertEquals(status, 200);
    ok(html.includes("region") && html.includes("eu-west-1") && html.includes("where"));
    ok(html.includes("db_password") && html.includes("***"));
    ok(!html.includes("hunter2-secret"), "a secret-looking variable's value is masked");
    ok(html.includes("1–50 of 57"), "the first page holds 50 of the 57 variables");
    // Viewers read but see no change buttons.
    ok(!html.includes('data-testid="add-variable"') && !html.includes('data-testid="delete"'));

    const searched = await h.page("/admin/variables?q=REGION", "Viewer");
    ok(searched.html.includes("eu-west-1") && !searched.html.includes("x_bulk_01"));
    ok(searched.html.includes("1–1 of 1"));
    const second = await h.page("/admin/variables?q=bulk&offset=50", "Viewer");
    ok(second.html.includes("x_bulk_54") && !second.html.includes("x_bulk_10"));
    ok(second.html.includes("51–55 of 55"));

    const asOp = await h.page("/admin/variables", "Op");
    ok(
      asOp.html.includes('data-testid="add-variable"') &&
        asOp.html.includes('data-testid="delete"'),
    );
  } finally {
    await h.close();
  }
});

Deno.test("variables: an Op adds, edits and deletes; each redirects with a notice", async () => {
  const h = await DashboardHarness.open({ store: "sqlite" });
  try {
    const added = await h.post(
      "/admin/variables/new",
      { key: " settings ", value: '{"retries": 3}', is_json: "on", description: "knobs" },
      { as: "Op" },
    );
    assertEquals(added.status, 303);
    assertEquals(added.headers.get("location"), "/admin/variables");
    assertEquals(noticeOf(added), { kind: "success", text: "Variable settings added." });
    assertEquals(await h.api.store.getVariable("settings"), {
      key: "settings",
      value: '{"retries": 3}',
      description: "knobs",
    });

    const form = await h.page("/admin/variables/edit?key=settings", "Op");
    assertEquals(form.status, 200);
    ok(form.html.includes("{&quot;retries&quot;: 3}") || form.html.includes('{"retries": 3}'));
    ok(/name="is_json"[^>]*checked/.test(form.html), "a JSON value ticks the JSON box");

    const edited = await h.post(
      "/admin/variables/edit?key=settings",
      { key: "settings", value: "plain text", description: "" },
      { as: "Op" },
    );
    assertEquals(noticeOf(edited), { kind: "success", text: "Variable settings saved." });
    assertEquals(await h.api.store.getVariable("settings"), {
      key: "settings",
      value: "plain text",
      description: null,
    });

    const duplicate = await h.post(
      "/admin/variables/new",
      { key: "settings", value: "other" },
      { as: "Op" },
    );
    assertEquals(duplicate.status, 400);
    ok((await duplicate.text()).includes("key: a variable with this key already exists"));
    assertEquals((await h.api.store.getVariable("settings"))?.value, "plain text");

    const deleted = await h.post("/admin/variables/delete", { key: "settings" }, { as: "Op" });
    assertEquals(noticeOf(deleted), { kind: "success", text: "Variable settings deleted." });
    assertEquals(await h.api.store.getVariable("settings"), null);
    const again = await h.post("/admin/variables/delete", { key: "settings" }, { as: "Op" });
    assertEquals(noticeOf(again)?.kind, "error");
  } finally {
    await h.close();
  }
});

Deno.test("variables: a value ticked as JSON that does not parse is refused naming the field, input kept", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const refused = await h.post(
      "/admin/variables/new",
      { key: "broken", value: '{"a": 1,', is_json: "on", description: "mine" },
      { as: "Op" },
    );
    assertEquals(refused.status, 400);
    const html = await refused.text();
    ok(html.includes("Adding a variable refused: value: is not valid JSON ("), html);
    ok(html.includes('data-field-error="value"'));
    ok(html.includes("{&quot;a&quot;: 1,") || html.includes('{"a": 1,'), "the input is kept");
    ok(html.includes('value="broken"') && html.includes("\nmine</textarea>"));
    assertEquals(await h.api.store.getVariable("broken"), null);

    await h.api.store.setVariable({ key: "kept", value: "[1]", description: null });
    const badEdit = await h.post(
      "/admin/variables/edit?key=kept",
      { key: "kept", value: "[1", is_json: "on" },
      { as: "Op" },
    );
    assertEquals(badEdit.status, 400);
    ok((await badEdit.text()).includes("Saving variable kept refused: value: is not valid JSON"));
    assertEquals((await h.api.store.getVariable("kept"))?.value, "[1]");

    const empty = await h.post("/admin/variables/new", { key: "  ", value: "x" }, { as: "Op" });
    assertEquals(empty.status, 400);
    ok((await empty.text()).includes("key: must not be empty"));
  } finally {
    await h.close();
  }
});

Deno.test("variables: a secret-looking value never reaches the edit form; a blank value keeps it", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.setVariable({ key: "API_KEY", value: "s3cr3t-value", description: null });
    const form = await h.page("/admin/variables/edit?key=API_KEY", "Op");
    ok(!form.html.includes("s3cr3t-value"));
    ok(form.html.includes("leave blank to keep it"));
    const saved = await h.post(
      "/admin/variables/edit?key=API_KEY",
      { key: "API_KEY", value: "", description: "rotated monthly" },
      { as: "Op" },
    );
    assertEquals(saved.status, 303);
    assertEquals(await h.api.store.getVariable("API_KEY"), {
      key: "API_KEY",
      value: "s3cr3t-value",
      description: "rotated monthly",
    });
  } finally {
    await h.close();
  }
});

Deno.test("variables: Users and Viewers may not change variables: 403 with nothing changed", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.setVariable({ key: "region", value: "eu", description: null });
    for (const role of ["Viewer", "User"] as const) {
      assertEquals((await h.page("/admin/variables/new", role)).status, 403);
      assertEquals((await h.page("/admin/variables/edit?key=region", role)).status, 403);
      const posts = [
        ["/admin/variables/new", { key: "other", value: "x" }],
        ["/admin/variables/edit?key=region", { key: "region", value: "changed" }],
        ["/admin/variables/delete", { key: "region" }],
      ] as const;
      for (const [path, fields] of posts) {
        assertEquals((await h.post(path, fields, { as: role })).status, 403, `${role} ${path}`);
      }
    }
    assertEquals(await h.api.store.getVariable("region"), {
      key: "region",
      value: "eu",
      description: null,
    });
    assertEquals(await h.api.store.getVariable("other"), null);
  } finally {
    await h.close();
  }
});
