import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import {
  constantTimeEqual,
  hashPassword,
  PASSWORD_ITERATIONS,
  verifyPassword,
} from "./password.ts";

Deno.test("hashPassword: self-describing PBKDF2-SHA256 with a random 16-byte salt", async () => {
  const first = await hashPassword("correct horse");
  const second = await hashPassword("correct horse");
  const [scheme, iterations, salt, hash] = first.split("$");
  assertEquals([scheme, Number(iterations)], ["pbkdf2-sha256", PASSWORD_ITERATIONS]);
  assert(PASSWORD_ITERATIONS >= 210_000);
  assertEquals(atob(salt).length, 16);
  assertEquals(atob(hash).length, 32);
  assert(first !== second, "two hashes of one password differ by their salts");
  assert(!first.includes("correct horse"));
});

Deno.test("verifyPassword: accepts the password, refuses others and malformed hashes", async () => {
  const stored = await hashPassword("s3cret: with colon");
  assert(await verifyPassword("s3cret: with colon", stored));
  assert(!(await verifyPassword("s3cret: with colo", stored)));
  assert(!(await verifyPassword("", stored)));
  for (
    const malformed of [
      "",
      "plain",
      stored.replace("pbkdf2-sha256", "md5"),
      stored.replace(`$${PASSWORD_ITERATIONS}$`, "$0$"),
      stored.replace(`$${PASSWORD_ITERATIONS}$`, "$99999999999$"),
      stored.split("$").slice(0, 3).join("$"),
      stored.replace(/\$[^$]+$/, "$not base64!"),
    ]
  ) {
    assert(!(await verifyPassword("s3cret: with colon", malformed)), malformed);
  }
});

Deno.test("verifyPassword: honours the iteration count stored with the hash", async () => {
  const stored = await hashPassword("pw");
  const [, , salt] = stored.split("$");
  // A hash made with fewer rounds (as an older install might have) is verified with those.
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode("pw"),
    "PBKDF2",
    false,
    [
      "deriveBits",
    ],
  );
  const bits = await crypto.subtle.deriveBits(
    {
      name: "PBKDF2",
      hash: "SHA-256",
      salt: Uint8Array.from(atob(salt), (c) => c.charCodeAt(0)),
      iterations: 1000,
    },
    key,
    256,
  );
  const older = `pbkdf2-sha256$1000$${salt}$${btoa(String.fromCharCode(...new Uint8Array(bits)))}`;
  assert(await verifyPassword("pw", older));
  assert(!(await verifyPassword("pw", older.replace("$1000$", "$1001$"))));
});

Deno.test("constantTimeEqual: equal only for identical bytes", () => {
  assert(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])));
  assert(!constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])));
  assert(!constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2])));
  assert(constantTimeEqual(new Uint8Array([]), new Uint8Array([])));
});
