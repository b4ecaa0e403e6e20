import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { Role } from "../../core/mod.ts";
import { verifyPassword } from "../auth/mod.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

const CAROL = {
  username: "carol",
  email: "carol@example.com",
  first_name: "Carol",
  last_name: "Ops",
  roles: [{ name: "Op" }],
  password: "carol-secret-pw",
};

/** Send a request as a role and read its body, asserting no password or hash is in it. */
async function call(
  h: ApiHarness,
  method: string,
  path: string,
  options: { as?: Role | null; body?: unknown; headers?: Record<string, string> } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const response = await h.request(method, path, options);
  const text = await response.text();
  assert(!text.includes(CAROL.password) && !text.includes("pbkdf2"), `${path} leaked: ${text}`);
  return { status: response.status, body: text === "" ? null : JSON.parse(text) };
}

Deno.test("users: create, read, list, delete; the password is hashed and never answered", async () => {
  const h = await ApiHarness.open();
  const airflow = await airflowSchemas();
  try {
    let answer = await call(h, "POST", "/users", { body: CAROL });
    assertEquals(answer.status, 200);
    airflow.assert("User", answer.body);
    const shown = {
      first_name: "Carol",
      last_name: "Ops",
      username: "carol",
      email: "carol@example.com",
      active: true,
      last_login: null,
      login_count: null,
      failed_login_count: null,
      roles: [{ name: "Op" }],
      created_on: "2024-03-10T12:00:00+00:00",
      changed_on: null,
    };
    assertEquals(answer.body, shown);
    const stored = await h.store.getUser("carol");
    assertEquals(stored?.role, "Op");
    assert(stored!.passwordHash !== CAROL.password);
    assert(await verifyPassword(CAROL.password, stored!.passwordHash));
    const carol = { authorization: `Basic ${btoa("carol:carol-secret-pw")}` };
    answer = await call(h, "GET", "/pools", { as: null, headers: carol });
    assertEquals(answer.status, 200, "the new user logs in with the password given");
    answer = await call(h, "GET", "/users/carol");
    airflow.assert("User", answer.body);
    assertEquals(answer.body, shown);
    answer = await call(h, "GET", "/users?order_by=-username&limit=2");
    airflow.assert("UserCollection", answer.body);
    assertEquals(answer.body.users.map((user: { username: string }) => user.username), [
      "viewer",
      "user",
    ]);
    assertEquals(answer.body.total_entries, 5);
    answer = await call(h, "DELETE", "/users/carol");
    assertEquals([answer.status, answer.body], [204, null]);
    assertEquals(await h.store.getUser("carol"), null);
    for (const method of ["GET", "DELETE"]) {
      answer = await call(h, method, "/users/carol");
      assertEquals(answer.status, 404, method);
      airflow.assert("Error", answer.body);
      assertEquals(answer.body.detail, "The User with username `carol` was not found");
    }
  } finally {
    await h.close();
  }
});

Deno.test("POST users: 400 names the field; a taken username or email is 409", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const without = (field: string) =>
      Object.fromEntries(Object.entries(CAROL).filter(([key]) => key !== field));
    for (
      const [body, words] of [
        [without("password"), "body 'password'"],
        [without("roles"), "body 'roles': give exactly one role"],
        [{ ...CAROL, roles: [] }, "body 'roles': give exactly one role"],
        [{ ...CAROL, roles: [{ name: "Op" }, { name: "User" }] }, "got 2"],
        [{ ...CAROL, roles: [{ name: "Public" }] }, "body 'roles': Unknown roles: 'Public'"],
        [{ ...CAROL, roles: ["Op"] }, "body 'roles.0'"],
        [{ ...CAROL, email: "" }, "body 'email': must not be empty"],
        [without("first_name"), "body 'first_name'"],
        [{ ...CAROL, username: "" }, "body 'username'"],
        [{ ...CAROL, username: "a:b" }, "body 'username': must not contain ':'"],
        [{ ...CAROL, password: "" }, "body 'password'"],
        [{ ...CAROL, active: false }, "unknown field(s) 'active'"],
      ] as const
    ) {
      const answer = await call(h, "POST", "/users", { body });
      assertEquals(answer.status, 400, JSON.stringify(body));
      assert(answer.body.detail.includes(words), answer.body.detail);
    }
    assertEquals(await h.store.getUser("carol"), null);
    let answer = await call(h, "POST", "/users", { body: { ...CAROL, username: "op" } });
    assertEquals([answer.status, answer.body.detail], [
      409,
      "Username `op` already exists. Use PATCH to update.",
    ]);
    answer = await call(h, "POST", "/users", { body: { ...CAROL, email: "op@example.com" } });
    assertEquals([answer.status, answer.body.detail], [
      409,
      "The email `op@example.com` is already taken.",
    ]);
    assertEquals(await h.store.getUser("carol"), null);
    assertEquals((await h.store.getUser("op"))?.email, "op@example.com");
  } finally {
    await h.close();
  }
});

Deno.test("PATCH users: update_mask, a new password re-hashed, rename, conflicts", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    await call(h, "POST", "/users", { body: CAROL });
    const { password: _password, ...profile } = CAROL;
    const before = (await h.store.getUser("carol"))!.passwordHash;
    let answer = await call(h, "PATCH", "/users/carol?update_mask=last_name,roles", {
      body: { ...profile, first_name: "ignored", last_name: "Admin", roles: [{ name: "Admin" }] },
    });
    assertEquals(answer.status, 200);
    airflow.assert("User", answer.body);
    assertEquals([answer.body.first_name, answer.body.last_name, answer.body.roles], [
      "Carol",
      "Admin",
      [{ name: "Admin" }],
    ]);
    assertEquals((await h.store.getUser("carol"))!.passwordHash, before, "no password, no change");
    answer = await call(h, "PATCH", "/users/carol?update_mask=password", {
      body: { ...profile, password: "brand-new-password" },
    });
    assertEquals(answer.status, 200);
    assert(!JSON.stringify(answer.body).includes("brand-new-password"));
    const rehashed = (await h.store.getUser("carol"))!.passwordHash;
    assert(rehashed !== before && await verifyPassword("brand-new-password", rehashed));
    answer = await call(h, "PATCH", "/users/carol", {
      body: { ...profile, username: "caroline", email: "caroline@example.com" },
    });
    assertEquals([answer.body.username, answer.body.email, answer.body.roles], [
      "caroline",
      "caroline@example.com",
      [{ name: "Op" }],
    ]);
    assertEquals(await h.store.getUser("carol"), null);
    assertEquals((await h.store.getUser("caroline"))?.passwordHash, rehashed);
    const caroline = { ...profile, username: "caroline", email: "caroline@example.com" };
    for (
      const [path, body, status, words] of [
        ["/users/caroline", { ...caroline, username: "viewer" }, 409, "`viewer` already exists"],
        ["/users/caroline", { ...caroline, email: "user@example.com" }, 409, "already exists"],
        ["/users/caroline?update_mask=nickname", caroline, 400, "Unknown update masks: 'nickname'"],
        ["/users/caroline?update_mask=password", caroline, 400, "Unknown update masks: 'password'"],
        ["/users/caroline", { ...caroline, roles: [{ name: "Root" }] }, 400, "Unknown roles"],
        ["/users/caroline", { username: "caroline" }, 400, "body 'email'"],
        ["/users/nobody", { ...caroline, username: "nobody" }, 404, "`nobody` was not found"],
      ] as const
    ) {
      answer = await call(h, "PATCH", path, { body });
      assertEquals(answer.status, status, `${path} ${JSON.stringify(body)}`);
      assert(answer.body.detail.includes(words), answer.body.detail);
    }
    assertEquals((await h.store.getUser("caroline"))?.email, "caroline@example.com");
  } finally {
    await h.close();
  }
});

Deno.test("users: nobody deletes themselves; the last Admin keeps the Admin role", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const admin = { username: "admin", email: "admin@example.com", first_name: "Admin" };
    const demote = { ...admin, last_name: "Tester", roles: [{ name: "Op" }] };
    let answer = await call(h, "PATCH", "/users/admin?update_mask=roles", { body: demote });
    assertEquals(answer.status, 409);
    assertEquals(
      answer.body.detail,
      "cannot give user 'admin' the role Op: it is the last Admin user; give another user the " +
        "Admin role first",
    );
    answer = await call(h, "DELETE", "/users/admin");
    assertEquals(answer.status, 409);
    assertEquals(
      answer.body.detail,
      "cannot delete user 'admin': it is the user making this request",
    );
    assertEquals((await h.store.getUser("admin"))?.role, "Admin");
    await call(h, "POST", "/users", { body: { ...CAROL, roles: [{ name: "Admin" }] } });
    answer = await call(h, "PATCH", "/users/admin?update_mask=roles", { body: demote });
    assertEquals([answer.status, answer.body.roles], [200, [{ name: "Op" }]]);
    const carol = { authorization: `Basic ${btoa("carol:carol-secret-pw")}` };
    answer = await call(h, "DELETE", "/users/admin", { as: null, headers: carol });
    assertEquals(answer.status, 204);
    answer = await call(h, "DELETE", "/users/op", { as: null, headers: carol });
    assertEquals(answer.status, 204);
    assertEquals((await h.store.listUsers({})).items.map((user) => user.username), [
      "carol",
      "user",
      "viewer",
    ]);
  } finally {
    await h.close();
  }
});

Deno.test("users, roles and permissions: only Admin, even to read", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const { password: _password, ...profile } = CAROL;
    const requests = [
      ["GET", "/users", undefined],
      ["GET", "/users/viewer", undefined],
      ["POST", "/users", CAROL],
      ["PATCH", "/users/viewer", { ...profile, username: "viewer", email: "v@example.com" }],
      ["DELETE", "/users/viewer", undefined],
      ["GET", "/roles", undefined],
      ["GET", "/roles/Viewer", undefined],
      ["GET", "/permissions", undefined],
    ] as const;
    for (const role of ["Viewer", "User", "Op"] as const) {
      for (const [method, path, body] of requests) {
        const answer = await call(h, method, path, { as: role, body });
        assertEquals(answer.status, 403, `${role} ${method} ${path}`);
      }
    }
    assertEquals(await h.store.getUser("carol"), null);
    assertEquals((await h.store.getUser("viewer"))?.email, "viewer@example.com");
    const statuses = [];
    for (const [method, path, body] of requests) {
      statuses.push((await call(h, method, path, { as: "Admin", body })).status);
    }
    assertEquals(statuses, [200, 200, 200, 200, 204, 200, 200, 200]);
    assertEquals((await call(h, "GET", "/users", { as: null })).status, 401);
  } finally {
    await h.close();
  }
});

Deno.test("roles: Airflow's Role shape, read from the role table", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    let answer = await call(h, "GET", "/roles");
    airflow.assert("RoleCollection", answer.body);
    assertEquals(answer.body.roles.map((role: { name: string }) => role.name), [
      "Admin",
      "Op",
      "User",
      "Viewer",
    ]);
    assertEquals(answer.body.total_entries, 4);
    answer = await call(h, "GET", "/roles?order_by=-name&limit=1&offset=1");
    assertEquals(answer.body.roles.map((role: { name: string }) => role.name), ["User"]);
    const can = (role: { actions: { action: { name: string }; resource: { name: string } }[] }) =>
      new Set(role.actions.map(({ action, resource }) => `${action.name} ${resource.name}`));
    answer = await call(h, "GET", "/roles/Op");
    airflow.assert("Role", answer.body);
    const op = can(answer.body);
    for (const granted of ["can_read Connections", "can_edit Pools", "can_create DAG Runs"]) {
      assert(op.has(granted), granted);
    }
    for (const denied of ["can_read Users", "can_edit Configurations"]) {
      assert(!op.has(denied), denied);
    }
    const viewer = can((await call(h, "GET", "/roles/Viewer")).body);
    assert(viewer.has("can_read DAGs") && viewer.has("can_read Pools"));
    assert(!viewer.has("can_edit Pools") && !viewer.has("can_read Connections"));
    const admin = can((await call(h, "GET", "/roles/Admin")).body);
    assert(admin.has("can_delete Users") && admin.size > op.size && op.size > viewer.size);
    answer = await call(h, "GET", "/roles/Public");
    assertEquals([answer.status, answer.body.title], [404, "Role not found"]);
    answer = await call(h, "GET", "/permissions");
    airflow.assert("ActionCollection", answer.body);
    assertEquals(answer.body, {
      actions: [{ name: "can_read" }, { name: "can_create" }, { name: "can_edit" }, {
        name: "can_delete",
      }],
      total_entries: 4,
    });
  } finally {
    await h.close();
  }
});
