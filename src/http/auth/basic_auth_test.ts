import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { User } from "../../core/mod.ts";
import { MemoryStore } from "../../store/mod.ts";
import { BasicAuthenticator, parseBasicAuthorization } from "./basic_auth.ts";
import { hashPassword } from "./password.ts";
import { isAllowed, MINIMUM_ROLE } from "./permissions.ts";

const NOW = Date.parse("2024-03-10T12:00:00Z");

function header(username: string, password: string): string {
  return `Basic ${
    btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)))
  }`;
}

async function storeWith(users: Record<string, string>) {
  const store = new MemoryStore();
  await store.migrate();
  for (const [username, password] of Object.entries(users)) {
    const user: User = {
      username,
      email: `${username}@example.com`,
      firstName: username,
      lastName: "T",
      role: "User",
      passwordHash: await hashPassword(password),
      createdAt: NOW,
    };
    await store.createUser(user);
  }
  return store;
}

Deno.test("parseBasicAuthorization: reads user and password; refuses anything else", () => {
  assertEquals(parseBasicAuthorization(header("ann", "pa:ss wörd")), {
    username: "ann",
    password: "pa:ss wörd",
  });
  assertEquals(parseBasicAuthorization("basic " + btoa("ann:")), { username: "ann", password: "" });
  for (
    const bad of [
      undefined,
      null,
      "",
      "Bearer abc",
      "Basic",
      "Basic !!!",
      "Basic " + btoa("no-colon"),
      "Basic " + btoa(":nouser"),
    ]
  ) {
    assertEquals(parseBasicAuthorization(bad), null, String(bad));
  }
});

Deno.test("BasicAuthenticator: right password → user; wrong, unknown or missing → null", async () => {
  const store = await storeWith({ ann: "right" });
  const auth = new BasicAuthenticator(store);
  assertEquals((await auth.authenticate(header("ann", "right"), NOW))?.username, "ann");
  assertEquals(await auth.authenticate(header("ann", "wrong"), NOW), null);
  assertEquals(await auth.authenticate(header("bob", "right"), NOW), null);
  assertEquals(await auth.authenticate(undefined, NOW), null);
  assertEquals(auth.realm, "Updraft");
  await store.close();
});

Deno.test("BasicAuthenticator: successes are remembered for cacheMs, failures never", async () => {
  const store = await storeWith({ ann: "right" });
  const auth = new BasicAuthenticator(store, { cacheMs: 60_000 });
  await auth.authenticate(header("ann", "wrong"), NOW);
  assertEquals(auth.cachedCount, 0);
  await auth.authenticate(header("ann", "right"), NOW);
  assertEquals(auth.cachedCount, 1);
  assertEquals((await auth.authenticate(header("ann", "right"), NOW + 59_000))?.username, "ann");
  assertEquals(auth.cachedCount, 1);
  // Still valid after expiry, verified afresh and remembered again.
  assertEquals((await auth.authenticate(header("ann", "right"), NOW + 61_000))?.username, "ann");
  assertEquals(auth.cachedCount, 1);
  await store.close();
});

Deno.test("BasicAuthenticator: a changed password invalidates the remembered one", async () => {
  const store = await storeWith({ ann: "old" });
  const auth = new BasicAuthenticator(store);
  assert(await auth.authenticate(header("ann", "old"), NOW));
  const user = (await store.getUser("ann"))!;
  await store.updateUser({ ...user, passwordHash: await hashPassword("new") });
  assertEquals(await auth.authenticate(header("ann", "old"), NOW), null);
  assertEquals((await auth.authenticate(header("ann", "new"), NOW))?.username, "ann");
  await store.deleteUser("ann");
  assertEquals(await auth.authenticate(header("ann", "new"), NOW), null);
  await store.close();
});

Deno.test("BasicAuthenticator: the cache holds at most cacheSize entries", async () => {
  const store = await storeWith({ a: "1", b: "2", c: "3" });
  const auth = new BasicAuthenticator(store, { cacheSize: 2 });
  for (const [name, password] of [["a", "1"], ["b", "2"], ["c", "3"]]) {
    assert(await auth.authenticate(header(name, password), NOW));
  }
  assertEquals(auth.cachedCount, 2);
  await store.close();
});

Deno.test("permissions: any role reads; User edits runs; Op edits variables", () => {
  assert(isAllowed("Viewer", { resource: "dags", action: "read" }));
  assert(!isAllowed("Viewer", { resource: "dags", action: "edit" }));
  assert(isAllowed("User", { resource: "dag_runs", action: "create" }));
  assert(isAllowed("User", { resource: "task_instances", action: "edit" }));
  assert(!isAllowed("User", { resource: "variables", action: "create" }));
  assert(isAllowed("Op", { resource: "variables", action: "delete" }));
  assert(isAllowed("Admin", { resource: "variables", action: "edit" }));
  assertEquals(MINIMUM_ROLE.users.read, "Admin");
  assertEquals(MINIMUM_ROLE.connections.read, "Op");
  assert(!isAllowed("User", { resource: "pools", action: "edit" }));
  assert(isAllowed("Op", { resource: "pools", action: "edit" }));
  assert(!isAllowed("Op", { resource: "users", action: "read" }));
});
