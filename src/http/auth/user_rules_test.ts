import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Role, User } from "../../core/mod.ts";
import { MemoryStore } from "../../store/mod.ts";
import { allUsers, emailTaken, userChangeRefusal } from "./user_rules.ts";

async function storeWith(roles: Record<string, Role>): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.migrate();
  for (const [username, role] of Object.entries(roles)) {
    await store.createUser({
      username,
      email: `${username}@example.com`,
      firstName: username,
      lastName: "Example",
      role,
      passwordHash: "not-a-real-hash",
      createdAt: 0,
    });
  }
  return store;
}

async function user(store: MemoryStore, username: string): Promise<User> {
  return (await store.getUser(username))!;
}

Deno.test("userChangeRefusal: nobody deletes themselves, whatever their role", async () => {
  const store = await storeWith({ ada: "Admin", bob: "Admin", eve: "Viewer" });
  for (const username of ["ada", "eve"]) {
    const refusal = await userChangeRefusal(store, {
      user: await user(store, username),
      change: "delete",
      actor: username,
    });
    assertEquals(refusal, "self", username);
  }
  const other = { user: await user(store, "eve"), change: "delete" as const, actor: "ada" };
  assertEquals(await userChangeRefusal(store, other), null);
  await store.close();
});

Deno.test("userChangeRefusal: the last Admin is neither deleted nor demoted", async () => {
  const store = await storeWith({ ada: "Admin", eve: "Viewer" });
  const ada = await user(store, "ada");
  assertEquals(
    await userChangeRefusal(store, { user: ada, change: "delete", actor: null }),
    "last_admin",
  );
  assertEquals(
    await userChangeRefusal(store, { user: ada, change: { role: "Op" }, actor: "ada" }),
    "last_admin",
  );
  // Keeping the role, or changing a non-Admin, is always allowed.
  assertEquals(
    await userChangeRefusal(store, { user: ada, change: { role: "Admin" }, actor: "ada" }),
    null,
  );
  const eve = await user(store, "eve");
  assertEquals(
    await userChangeRefusal(store, { user: eve, change: { role: "Op" }, actor: "ada" }),
    null,
  );
  await store.close();
});

Deno.test("userChangeRefusal: with a second Admin, an Admin may be deleted or demoted", async () => {
  const store = await storeWith({ ada: "Admin", bob: "Admin" });
  const ada = await user(store, "ada");
  assertEquals(await userChangeRefusal(store, { user: ada, change: "delete", actor: "bob" }), null);
  assertEquals(
    await userChangeRefusal(store, { user: ada, change: { role: "Viewer" }, actor: "ada" }),
    null,
  );
  await store.close();
});

Deno.test("allUsers reads every page", async () => {
  const roles = Object.fromEntries(
    Array.from({ length: 1_001 }, (_, index) => [`user${index}`, "Viewer" as Role]),
  );
  const store = await storeWith(roles);
  const users = await allUsers(store);
  assertEquals(users.length, 1_001);
  assertEquals(new Set(users.map((entry) => entry.username)).size, 1_001);
  await store.close();
});

Deno.test("emailTaken: another user's email, in any case; a user's own email is theirs", async () => {
  const store = await storeWith({ ada: "Admin", bob: "Viewer" });
  assertEquals(await emailTaken(store, "ADA@Example.com", null), true);
  assertEquals(await emailTaken(store, "ada@example.com", await user(store, "ada")), false);
  assertEquals(await emailTaken(store, "ada@example.com", await user(store, "bob")), true);
  assertEquals(await emailTaken(store, "carol@example.com", null), false);
});
