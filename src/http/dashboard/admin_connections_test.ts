import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Connection } from "../../core/mod.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";

const ok = (condition: boolean, message = "") => assertEquals(condition, true, message);

const WAREHOUSE: Connection = {
  connId: "warehouse",
  connType: "postgres",
  description: "the reporting database",
  host: "db.internal",
  schema: "reports",
  login: "loader",
  password: "pa55-w0rd-never-shown",
  port: 5432,
  extra: '{"sslmode": "require", "api_token": "tok-never-shown"}',
};

const FORM = {
  conn_id: "warehouse",
  conn_type: "postgres",
  description: "the reporting database",
  host: "db.internal",
  schema: "reports",
  login: "loader",
  port: "5432",
};

Deno.test("connections: the list and edit pages show the stored fields but never the password or secret extras", async () => {
  const h = await DashboardHarness.open({ store: "sqlite" });
  try {
    await h.api.store.createConnection(WAREHOUSE);
    const list = await h.page("/admin/connections", "Op");
    assertEquals(list.status, 200);
    for (const text of ["warehouse", "postgres", "db.internal", "5432", "reports", "loader"]) {
      ok(list.html.includes(text), text);
    }
    ok(list.html.includes("the reporting database"));
    ok(list.html.includes('data-testid="add-connection"'));
    const edit = await h.page("/admin/connections/edit?conn_id=warehouse", "Op");
    assertEquals(edit.status, 200);
    ok(edit.html.includes("leave blank to keep the stored password"));
    ok(edit.html.includes("Clear the password") && edit.html.includes("sslmode"));
    for (const { html } of [list, edit]) {
      ok(!html.includes("pa55-w0rd-never-shown"), "the password never reaches a page");
      ok(!html.includes("tok-never-shown"), "secret extra values never reach a page");
    }
  } finally {
    await h.close();
  }
});

Deno.test("connections: Viewers and Users get 403 for every page and POST, with nothing changed", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.createConnection(WAREHOUSE);
    for (const role of ["Viewer", "User"] as const) {
      for (
        const path of [
          "/admin/connections",
          "/admin/connections/new",
          "/admin/connections/edit?conn_id=warehouse",
        ]
      ) {
        assertEquals((await h.page(path, role)).status, 403, `${role} ${path}`);
      }
      const posts = [
        ["/admin/connections/new", { ...FORM, conn_id: "other" }],
        ["/admin/connections/edit?conn_id=warehouse", { ...FORM, host: "evil.example" }],
        ["/admin/connections/delete", { conn_id: "warehouse" }],
      ] as const;
      for (const [path, fields] of posts) {
        assertEquals((await h.post(path, fields, { as: role })).status, 403, `${role} ${path}`);
      }
    }
    assertEquals(await h.api.store.getConnection("warehouse"), WAREHOUSE);
    assertEquals(await h.api.store.getConnection("other"), null);
  } finally {
    await h.close();
  }
});

Deno.test("connections: an Op adds, edits (keeping, replacing or clearing the password) and deletes", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const added = await h.post(
      "/admin/connections/new",
      { ...FORM, password: "first-password", extra: '{"sslmode": "require"}' },
      { as: "Op" },
    );
    assertEquals(added.status, 303);
    assertEquals(noticeOf(added), { kind: "success", text: "Connection warehouse added." });
    assertEquals(await h.api.store.getConnection("warehouse"), {
      ...WAREHOUSE,
      password: "first-password",
      extra: '{"sslmode": "require"}',
    });

    const kept = await h.post(
      "/admin/connections/edit?conn_id=warehouse",
      { ...FORM, host: "db2.internal", port: "", password: "", extra: "" },
      { as: "Op" },
    );
    assertEquals(noticeOf(kept), { kind: "success", text: "Connection warehouse saved." });
    let stored = await h.api.store.getConnection("warehouse");
    assertEquals([stored?.host, stored?.port, stored?.password, stored?.extra], [
      "db2.internal",
      null,
      "first-password",
      null,
    ]);

    await h.post("/admin/connections/edit?conn_id=warehouse", { ...FORM, password: "second" }, {
      as: "Op",
    });
    assertEquals((await h.api.store.getConnection("warehouse"))?.password, "second");
    await h.post(
      "/admin/connections/edit?conn_id=warehouse",
      { ...FORM, clear_password: "on" },
      { as: "Op" },
    );
    stored = await h.api.store.getConnection("warehouse");
    assertEquals(stored?.password, null);

    const deleted = await h.post("/admin/connections/delete", { conn_id: "warehouse" }, {
      as: "Op",
    });
    assertEquals(noticeOf(deleted), { kind: "success", text: "Connection warehouse deleted." });
    assertEquals(await h.api.store.getConnection("warehouse"), null);
  } finally {
    await h.close();
  }
});

Deno.test("connections: saving the edit form as shown keeps secret extra values", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.createConnection(WAREHOUSE);
    const edit = await h.page("/admin/connections/edit?conn_id=warehouse", "Op");
    const shown = /<textarea id="field-extra"[^>]*>\n?([^<]*)<\/textarea>/.exec(edit.html)?.[1];
    const extra = shown!.replaceAll("&quot;", '"');
    ok(extra.includes("***hidden***"));
    const saved = await h.post(
      "/admin/connections/edit?conn_id=warehouse",
      { ...FORM, extra: extra.replace('"require"', '"verify-full"') },
      { as: "Op" },
    );
    assertEquals(saved.status, 303);
    const stored = await h.api.store.getConnection("warehouse");
    assertEquals(JSON.parse(stored!.extra!), {
      sslmode: "verify-full",
      api_token: "tok-never-shown",
    });
    assertEquals(stored?.password, WAREHOUSE.password);
  } finally {
    await h.close();
  }
});

Deno.test("connections: an extra that is not a JSON object is refused naming the field, input kept, nothing stored", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const refused = await h.post(
      "/admin/connections/new",
      { ...FORM, password: "typed-secret", extra: '{"sslmode": ' },
      { as: "Op" },
    );
    assertEquals(refused.status, 400);
    const html = await refused.text();
    ok(html.includes("Adding a connection refused: extra: is not valid JSON ("), html);
    ok(html.includes('data-field-error="extra"') && html.includes('value="db.internal"'));
    ok(!html.includes("typed-secret"), "a typed password is not sent back");
    assertEquals(await h.api.store.getConnection("warehouse"), null);

    await h.api.store.createConnection(WAREHOUSE);
    const array = await h.post(
      "/admin/connections/edit?conn_id=warehouse",
      { ...FORM, host: "changed.example", extra: "[1, 2]" },
      { as: "Op" },
    );
    assertEquals(array.status, 400);
    const arrayHtml = await array.text();
    ok(arrayHtml.includes("Saving connection warehouse refused: extra: must be a JSON object"));
    ok(!arrayHtml.includes(WAREHOUSE.password!), "a refused edit shows no stored password");
    assertEquals(await h.api.store.getConnection("warehouse"), WAREHOUSE);

    const badFields = await h.post(
      "/admin/connections/new",
      { ...FORM, conn_id: "has space", conn_type: "", port: "70000" },
      { as: "Op" },
    );
    const text = await badFields.text();
    for (
      const field of [
        "conn_id: must be made of",
        "conn_type: must not be empty",
        "port: must be a whole number",
      ]
    ) {
      ok(text.includes(field), field);
    }
    const both = await h.post(
      "/admin/connections/edit?conn_id=warehouse",
      { ...FORM, password: "new", clear_password: "on" },
      { as: "Op" },
    );
    assertEquals(both.status, 400);
    assertEquals(await h.api.store.getConnection("warehouse"), WAREHOUSE);
  } finally {
    await h.close();
  }
});

Deno.test("connections: the form's Test button tests what the form holds, with the stored password, saving nothing", async () => {
  const tested: Connection[] = [];
  const h = await DashboardHarness.open({
    store: "memory",
    testConnection: (connection) => {
      tested.push(connection);
      const works = connection.password === WAREHOUSE.password;
      return Promise.resolve({
        status: works,
        message: works ? "Connection successfully tested" : `login to ${connection.host} refused`,
      });
    },
  });
  try {
    await h.api.store.createConnection(WAREHOUSE);
    const edit = await h.page("/admin/connections/edit?conn_id=warehouse", "Op");
    ok(edit.html.includes('formaction="/admin/connections/test?conn_id=warehouse"'), edit.html);
    ok(
      (await h.page("/admin/connections/new", "Op")).html.includes('data-testid="test-connection"'),
    );

    const shown = /<textarea id="field-extra"[^>]*>\n?([^<]*)<\/textarea>/.exec(edit.html)?.[1];
    const extra = shown!.replaceAll("&quot;", '"');
    const works = await h.post(
      "/admin/connections/test?conn_id=warehouse",
      { ...FORM, description: "typed", password: "", extra },
      { as: "Op" },
    );
    assertEquals(works.status, 200);
    const html = await works.text();
    ok(html.includes("Connection warehouse works: Connection successfully tested"), html);
    ok(/>\s*typed\s*</.test(html), "the form keeps what was typed");
    ok(!html.includes(WAREHOUSE.password!) && !html.includes("tok-never-shown"));
    assertEquals(
      { ...tested[0], extra: JSON.parse(tested[0].extra!) },
      { ...WAREHOUSE, description: "typed", extra: JSON.parse(WAREHOUSE.extra!) },
      "the stored password and hidden extra values fill the blanks",
    );
    assertEquals(await h.api.store.getConnection("warehouse"), WAREHOUSE, "nothing saved");

    // Pointed elsewhere, the blank password is not filled: it could be sent to anyone's host.
    const elsewhere = await h.post(
      "/admin/connections/test?conn_id=warehouse",
      { ...FORM, host: "attacker.example", password: "", extra },
      { as: "Op" },
    );
    const elsewhereHtml = await elsewhere.text();
    ok(
      elsewhereHtml.includes("the stored password is only used to test the connection where"),
      elsewhereHtml,
    );
    assertEquals(tested.length, 1, "nothing was tested against the other host");

    const failed = await h.post(
      "/admin/connections/test",
      { ...FORM, conn_id: "fresh", password: "typed-wrong" },
      { as: "Op" },
    );
    assertEquals(failed.status, 200);
    const failedHtml = await failed.text();
    ok(
      failedHtml.includes(
        "Connection fresh test failed: login to db.internal refused " +
          "(type the password again to save it)",
      ),
      failedHtml,
    );
    ok(!failedHtml.includes("typed-wrong"), "a typed password is not sent back");
    assertEquals(await h.api.store.getConnection("fresh"), null);

    const invalid = await h.post("/admin/connections/test", { ...FORM, extra: "[1]" }, {
      as: "Op",
    });
    assertEquals(invalid.status, 400);
    ok((await invalid.text()).includes("Testing the connection refused: extra: must be a JSON"));
    for (const role of ["Viewer", "User"] as const) {
      const denied = await h.post("/admin/connections/test", FORM, { as: role });
      assertEquals(denied.status, 403, role);
    }
    assertEquals(tested.length, 2);
  } finally {
    await h.close();
  }
});

Deno.test("connections: without a connection tester the form has no Test button", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    await h.api.store.createConnection(WAREHOUSE);
    const edit = await h.page("/admin/connections/edit?conn_id=warehouse", "Op");
    ok(!edit.html.includes("test-connection"));
  } finally {
    await h.close();
  }
});
