import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { MemoryStore } from "../../store/mod.ts";
import { ensureAdminUser, generatePassword } from "./admin_user.ts";
import { verifyPassword } from "./password.ts";

const NOW = Date.parse("2024-03-10T12:00:00Z");

Deno.test("ensureAdminUser: no users → admin with a generated password, returned once", async () => {
  const store = new MemoryStore();
  await store.migrate();
  const result = await ensureAdminUser(store, { now: NOW });
  assertEquals([result.created, result.generated], [true, true]);
  assert(result.password !== undefined && /^[A-Za-z0-9_-]{24}$/.test(result.password));
  const admin = await store.getUser("admin");
  assertEquals([admin?.role, admin?.createdAt], ["Admin", NOW]);
  assert(await verifyPassword(result.password, admin!.passwordHash));
  const again = await ensureAdminUser(store, { now: NOW });
  assertEquals(again, { created: false, generated: false });
  assert(await verifyPassword(result.password, (await store.getUser("admin"))!.passwordHash));
  await store.close();
});

Deno.test("ensureAdminUser: a given password is used and not echoed back", async () => {
  const store = new MemoryStore();
  await store.migrate();
  const result = await ensureAdminUser(store, { password: "from-the-environment", now: NOW });
  assertEquals(result, { created: true, generated: false });
  assert(
    await verifyPassword("from-the-environment", (await store.getUser("admin"))!.passwordHash),
  );
  await store.close();
});

Deno.test("ensureAdminUser: with any user present nothing is created", async () => {
  const store = new MemoryStore();
  await store.migrate();
  await store.createUser({
    username: "alice",
    email: "alice@example.com",
    firstName: "Alice",
    lastName: "A",
    role: "Viewer",
    passwordHash: "pbkdf2-sha256$1$AA==$AA==",
    createdAt: NOW,
  });
  assertEquals(await ensureAdminUser(store, { password: "x", now: NOW }), {
    created: false,
    generated: false,
  });
  assertEquals(await store.getUser("admin"), null);
  await store.close();
});

Deno.test("generatePassword: 24 URL-safe characters, different each time", () => {
  const seen = new Set(Array.from({ length: 20 }, generatePassword));
  assertEquals(seen.size, 20);
  for (const password of seen) assert(/^[A-Za-z0-9_-]{24}$/.test(password), password);
});
