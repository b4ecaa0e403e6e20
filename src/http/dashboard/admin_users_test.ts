import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { verifyPassword } from "../auth/mod.ts";
import { DashboardHarness, noticeOf } from "./_testing.ts";

const ok = (condition: boolean, message = "") => assertEquals(condition, true, message);

const NEW_USER = {
  username: "ada",
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.com",
  role: "Op",
  password: "analytical-engine",
  password_confirm: "analytical-engine",
};

Deno.test("users: Admins see every user without password hashes; Ops and below get 403", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const { status, html } = await h.page("/admin/users", "Admin");
    assertEquals(status, 200);
    for (const name of ["viewer", "user", "op", "admin"]) {
      ok(html.includes(`data-user="${name}"`), name);
      ok(html.includes(`${name}@example.com`));
    }
    ok(html.includes("2024-03-10 12:00:00"), "the creation time is shown");
    ok(!html.includes("pbkdf2"), "no password hash reaches the page");
    // Everyone but the Admin themselves has a delete button.
    assertEquals(html.match(/data-testid="delete"/g)?.length, 3);
    for (const role of ["Viewer", "User", "Op"] as const) {
      assertEquals((await h.page("/admin/users", role)).status, 403, role);
      assertEquals((await h.page("/admin/users/edit?username=viewer", role)).status, 403, role);
      assertEquals((await h.page("/admin/users/new", role)).status, 403, role);
    }
  } finally {
    await h.close();
  }
});

Deno.test("users: an Admin adds a user with a hashed password, edits them, resets the password and deletes them", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const added = await h.post("/admin/users/new", NEW_USER);
    assertEquals(added.status, 303);
    assertEquals(noticeOf(added), { kind: "success", text: "User ada added." });
    const stored = await h.api.store.getUser("ada");
    assertEquals(
      { ...stored, passwordHash: "" },
      {
        username: "ada",
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        role: "Op",
        passwordHash: "",
        createdAt: h.api.clock.now(),
      },
    );
    ok(stored!.passwordHash.startsWith("pbkdf2-sha256$"));
    ok(await verifyPassword("analytical-engine", stored!.passwordHash));

    const form = await h.page("/admin/users/edit?username=ada", "Admin");
    ok(form.html.includes('value="Lovelace"') && !form.html.includes(stored!.passwordHash));
    const edited = await h.post("/admin/users/edit?username=ada", {
      username: "ada",
      first_name: "Augusta Ada",
      last_name: "King",
      email: "countess@example.com",
      role: "Viewer",
    });
    assertEquals(noticeOf(edited), { kind: "success", text: "User ada saved." });
    const after = await h.api.store.getUser("ada");
    assertEquals(
      [after?.firstName, after?.lastName, after?.email, after?.role],
      ["Augusta Ada", "King", "countess@example.com", "Viewer"],
    );
    assertEquals(after?.passwordHash, stored?.passwordHash, "editing keeps the password");

    const reset = await h.post("/admin/users/password?username=ada", {
      new_password: "difference-engine",
      new_password_confirm: "difference-engine",
    });
    assertEquals(noticeOf(reset)?.kind, "success");
    ok(await verifyPassword("difference-engine", (await h.api.store.getUser("ada"))!.passwordHash));

    const deleted = await h.post("/admin/users/delete", { username: "ada" });
    assertEquals(noticeOf(deleted), { kind: "success", text: "User ada deleted." });
    assertEquals(await h.api.store.getUser("ada"), null);
  } finally {
    await h.close();
  }
});

Deno.test("users: refused input names the field, keeps the input (never passwords) and stores nothing", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const mismatch = await h.post("/admin/users/new", {
      ...NEW_USER,
      password_confirm: "other-one",
    });
    assertEquals(mismatch.status, 400);
    let html = await mismatch.text();
    ok(html.includes("Adding a user refused: password_confirm: does not match the password."));
    ok(html.includes('value="Lovelace"') && html.includes('value="ada@example.com"'));
    ok(!html.includes("analytical-engine"), "passwords are never sent back");
    assertEquals(await h.api.store.getUser("ada"), null);

    const short = await h.post("/admin/users/new", {
      ...NEW_USER,
      password: "short",
      password_confirm: "short",
    });
    html = await short.text();
    ok(html.includes("password: must be at least 8 characters"));
    const taken = await h.post("/admin/users/new", {
      ...NEW_USER,
      username: "op",
      email: "op@example.com",
    });
    html = await taken.text();
    ok(html.includes("username: a user with this username already exists"));
    ok(html.includes("email: another user has this email"));
    assertEquals((await h.api.store.getUser("op"))?.firstName, "Op");

    const badReset = await h.post("/admin/users/password?username=op", {
      new_password: "long-enough-1",
      new_password_confirm: "long-enough-2",
    });
    assertEquals(badReset.status, 400);
    ok((await badReset.text()).includes("new_password_confirm: does not match the password"));
    ok(await verifyPassword("op-password", (await h.api.store.getUser("op"))!.passwordHash));
  } finally {
    await h.close();
  }
});

Deno.test("users: an Admin cannot delete themselves, nor delete or demote the last Admin", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const self = await h.post("/admin/users/delete", { username: "admin" });
    assertEquals(self.status, 303);
    assertEquals(noticeOf(self), {
      kind: "error",
      text: "Deleting user admin refused: you cannot delete yourself; another Admin can.",
    });
    ok((await h.api.store.getUser("admin")) !== null);

    const demote = await h.post("/admin/users/edit?username=admin", {
      username: "admin",
      first_name: "Admin",
      last_name: "Tester",
      email: "admin@example.com",
      role: "Op",
    });
    assertEquals(demote.status, 400);
    ok((await demote.text()).includes("role: this is the last Admin"));
    assertEquals((await h.api.store.getUser("admin"))?.role, "Admin");

    // With a second Admin, that one can be deleted (the caller is not the last Admin).
    await h.post("/admin/users/new", { ...NEW_USER, role: "Admin" });
    const other = await h.post("/admin/users/delete", { username: "ada" });
    assertEquals(noticeOf(other)?.kind, "success");
  } finally {
    await h.close();
  }
});

Deno.test("users: Ops may not change users: 403 for the POSTs, nothing changed", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const before = await h.api.store.getUser("viewer");
    const posts = [
      ["/admin/users/new", NEW_USER],
      ["/admin/users/edit?username=viewer", { ...NEW_USER, username: "viewer", role: "Admin" }],
      ["/admin/users/password?username=viewer", {
        new_password: "taken-over-1",
        new_password_confirm: "taken-over-1",
      }],
      ["/admin/users/delete", { username: "viewer" }],
    ] as const;
    for (const [path, fields] of posts) {
      assertEquals((await h.post(path, fields, { as: "Op" })).status, 403, path);
    }
    assertEquals(await h.api.store.getUser("viewer"), before);
    assertEquals(await h.api.store.getUser("ada"), null);
  } finally {
    await h.close();
  }
});
