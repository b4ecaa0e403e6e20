import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { CSRF_HEADER, SESSION_COOKIE } from "../auth/mod.ts";
import { ApiHarness } from "./_testing.ts";

Deno.test("bearer tokens: POST /auth/token with basic credentials; the token then works", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const issued = await h.request("POST", "/auth/token", { as: "Viewer" });
    assertEquals(issued.status, 200);
    const body = await issued.json();
    assertEquals([body.token_type, body.expires_in], ["Bearer", 86_400]);
    const headers = { authorization: `Bearer ${body.access_token}` };
    const dags = await h.request("GET", "/dags", { as: null, headers });
    assertEquals(dags.status, 200);
    await dags.body?.cancel();
    // The token carries the Viewer's rights, no more.
    const pause = await h.request("PATCH", "/dags/missing", {
      as: null,
      headers,
      body: { is_paused: true },
    });
    assertEquals(pause.status, 403);
    await pause.body?.cancel();
    // A token signed with another key, or tampered with, is refused.
    const tampered = body.access_token.replace(/.$/, (c: string) => (c === "A" ? "B" : "A"));
    const refused = await h.request("GET", "/dags", {
      as: null,
      headers: { authorization: `Bearer ${tampered}` },
    });
    assertEquals(refused.status, 401);
    await refused.body?.cancel();
    // A changed password ends the token.
    const user = (await h.store.getUser("viewer"))!;
    await h.store.updateUser({ ...user, passwordHash: user.passwordHash + "x" });
    const ended = await h.request("GET", "/dags", { as: null, headers });
    assertEquals(ended.status, 401);
    await ended.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("session cookie: reads need no CSRF token; changes need the session's token", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    const user = (await h.store.getUser("user"))!;
    const { token, claims } = await h.authenticator.issue(user, "session", h.clock.now());
    const cookie = `${SESSION_COOKIE}=${token}`;
    const read = await h.request("GET", "/dags", { as: null, headers: { cookie } });
    assertEquals(read.status, 200);
    await read.body?.cancel();
    const forged = await h.request("PATCH", "/dags/missing", {
      as: null,
      headers: { cookie },
      body: { is_paused: true },
    });
    assertEquals(forged.status, 403);
    assertEquals((await forged.json()).detail.includes("CSRF token"), true);
    const csrf = await h.authenticator.tokens.csrfToken(claims.sessionId);
    const allowed = await h.request("PATCH", "/dags/missing", {
      as: null,
      headers: { cookie, [CSRF_HEADER]: csrf },
      body: { is_paused: true },
    });
    assertEquals(allowed.status, 404);
    await allowed.body?.cancel();
    // A bearer token is not a session cookie, and a revoked session is over.
    h.authenticator.tokens.revoke(claims, h.clock.now());
    const revoked = await h.request("GET", "/dags", { as: null, headers: { cookie } });
    assertEquals(revoked.status, 401);
    await revoked.body?.cancel();
  } finally {
    await h.close();
  }
});
