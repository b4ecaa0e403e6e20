import assert from "node:assert/strict";
import type { User } from "../../core/mod.ts";
import { SessionTokens } from "./session_tokens.ts";

const user: User = {
  username: "ada",
  email: "ada@example.com",
  firstName: "Ada",
  lastName: "Lovelace",
  role: "Viewer",
  passwordHash: "pbkdf2-sha256$1$c2FsdA$aGFzaA",
  createdAt: 0,
};

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Deno.test("SessionTokens.verify: every other last character of the signature is refused", async () => {
  const tokens = new SessionTokens("k".repeat(32));
  const { token } = await tokens.issue(user, { kind: "api", now: 0, lifetimeMs: 60_000 });
  assert.equal((await tokens.verify(token, "api", 1))?.username, "ada");
  // The last of a 32-byte signature's 43 characters carries 2 unused bits: four characters decode
  // to the same bytes, yet only the issued spelling is the token.
  const accepted = [];
  for (const last of BASE64URL) {
    const changed = token.slice(0, -1) + last;
    if (await tokens.verify(changed, "api", 1)) accepted.push(last);
  }
  assert.deepEqual(accepted, [token.at(-1)]);
  assert.equal(await tokens.verify(token, "session", 1), null, "another kind");
  assert.equal(await tokens.verify(token, "api", 60_000), null, "expired");
  assert.equal(await tokens.verify(`${token}=`, "api", 1), null, "padding added");
  assert.equal(await tokens.verify(token.replace(".", ""), "api", 1), null, "no dot");
  const other = new SessionTokens("o".repeat(32));
  assert.equal(await other.verify(token, "api", 1), null, "another key");
});
