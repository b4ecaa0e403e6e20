import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { FernetError, FernetKey, MultiFernet } from "./fernet.ts";
import { importKeyParts, sealToken, tokenBytes, tokenTimestampSeconds } from "./_fernet_token.ts";

// The Fernet spec's vector (github.com/fernet/spec, generate.json / verify.json).
const SPEC_KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
const SPEC_TOKEN =
  "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
const SPEC_TIMESTAMP = 499162800; // 1985-10-26T01:20:00-07:00
/** A check that an error is a {@link FernetError} whose message contains `text`. */
function failure(text: string): (error: unknown) => boolean {
  return (error) => error instanceof FernetError && error.message.includes(text);
}

const SPEC_IV = Uint8Array.from({ length: 16 }, (_, index) => index);

Deno.test("the spec's token decrypts to its plaintext", async () => {
  assert.equal(await FernetKey.fromText(SPEC_KEY).decrypt(SPEC_TOKEN), "hello");
  assert.equal(tokenTimestampSeconds(tokenBytes(SPEC_TOKEN)), SPEC_TIMESTAMP);
});

Deno.test("sealing with the spec's timestamp and IV gives the spec's token", async () => {
  const raw = Uint8Array.fromBase64(SPEC_KEY, { alphabet: "base64url" });
  const token = await sealToken(await importKeyParts(raw), new TextEncoder().encode("hello"), {
    timestampSeconds: SPEC_TIMESTAMP,
    iv: SPEC_IV,
  });
  assert.equal(token, SPEC_TOKEN);
});

Deno.test("encrypt then decrypt round-trips text of any length, stamped by the clock", async () => {
  const clock = new ManualClock("2026-01-02T03:04:05Z");
  const key = FernetKey.generate({ clock });
  for (const plaintext of ["", "p", "a".repeat(16), "päss wörd 🔑", "x".repeat(10_000)]) {
    const token = await key.encrypt(plaintext);
    assert.equal(await key.decrypt(token), plaintext);
    assert.equal(
      tokenTimestampSeconds(tokenBytes(token)),
      Date.parse("2026-01-02T03:04:05Z") / 1000,
    );
  }
  // A random IV per token: the same plaintext never gives the same token.
  assert.notEqual(await key.encrypt("same"), await key.encrypt("same"));
});

Deno.test("a generated key is 44 url-safe characters and reads back as the same key", async () => {
  const key = FernetKey.generate();
  assert.equal(key.text.length, 44);
  assert.equal(/^[A-Za-z0-9_-]{43}=$/.test(key.text), true);
  const again = FernetKey.fromText(key.text + "\n");
  assert.equal(again.text, key.text);
  assert.equal(await again.decrypt(await key.encrypt("secret")), "secret");
  // Without its padding too, as some tools write it.
  assert.equal(FernetKey.fromText(key.text.slice(0, 43)).text, key.text);
});

Deno.test("an invalid key text is refused, naming its length or alphabet", () => {
  assert.throws(() => FernetKey.fromText("short"), failure("it has 5 characters"));
  assert.throws(() => FernetKey.fromText(SPEC_KEY + "AAAA"), failure("it has 48 characters"));
  const standardAlphabet = SPEC_KEY.replace("_", "/").replace("-", "+");
  assert.throws(() => FernetKey.fromText(standardAlphabet), failure("url-safe base64 alphabet"));
});

Deno.test("a token from another key fails without echoing the plaintext", async () => {
  const token = await FernetKey.generate().encrypt("hunter2-password");
  const error = await FernetKey.generate().decrypt(token).then(() => null, (error) => error);
  assert.ok(error instanceof FernetError);
  assert.match(error.message, /could not decrypt the token with this key/);
  assert.equal(error.message.includes("hunter2"), false);
});

Deno.test("an altered token fails: any flipped byte, truncation or garbage", async () => {
  const key = FernetKey.fromText(SPEC_KEY);
  const bytes = Uint8Array.fromBase64(SPEC_TOKEN, { alphabet: "base64url" });
  for (const index of [9, 30, bytes.length - 1]) {
    const altered = bytes.slice();
    altered[index] ^= 0x01;
    await assert.rejects(
      () => key.decrypt(altered.toBase64({ alphabet: "base64url" })),
      failure("could not decrypt the token with this key"),
    );
  }
  const versionChanged = bytes.slice();
  versionChanged[0] = 0x81;
  await assert.rejects(
    () => key.decrypt(versionChanged.toBase64({ alphabet: "base64url" })),
    failure("version byte"),
  );
  await assert.rejects(() => key.decrypt(SPEC_TOKEN.slice(0, 40)), failure("truncated"));
  await assert.rejects(() => key.decrypt("not a token!"), failure("not url-safe base64"));
  await assert.rejects(() => key.decrypt(""), failure("could not decrypt the token"));
});

Deno.test("MultiFernet encrypts with the first key and decrypts with any", async () => {
  const oldKey = FernetKey.generate();
  const newKey = FernetKey.generate();
  const rotated = MultiFernet.fromText(`${newKey.text}, ${oldKey.text}`);
  const oldToken = await oldKey.encrypt("old secret");
  assert.equal(await rotated.decrypt(oldToken), "old secret");
  const fresh = await rotated.encrypt("new secret");
  assert.equal(await newKey.decrypt(fresh), "new secret");
  await assert.rejects(() => oldKey.decrypt(fresh), FernetError);
  await assert.rejects(
    () => rotated.decrypt(SPEC_TOKEN),
    failure("could not decrypt the token with any of these 2 keys"),
  );
});

Deno.test("MultiFernet.rotate re-encrypts with the first key and keeps the timestamp", async () => {
  const oldKey = FernetKey.fromText(SPEC_KEY);
  const newKey = FernetKey.generate();
  const rotated = await new MultiFernet([newKey, oldKey]).rotate(SPEC_TOKEN);
  assert.equal(await newKey.decrypt(rotated), "hello");
  assert.equal(tokenTimestampSeconds(tokenBytes(rotated)), SPEC_TIMESTAMP);
});

Deno.test("a key list names the invalid key and refuses an empty list", () => {
  const good = FernetKey.generate().text;
  assert.throws(() => MultiFernet.fromText(`${good},nope`), failure("key 2 of 2"));
  assert.throws(() => MultiFernet.fromText(" , "), failure("it holds no key"));
  assert.equal(MultiFernet.fromText(good).keys.length, 1);
});
