import assert from "node:assert/strict";
import { isSensitiveKey, redactSensitive, SENSITIVE_KEY_FRAGMENTS } from "./sensitive_keys.ts";

Deno.test("isSensitiveKey: Airflow's fragments anywhere in the key, in any case", () => {
  for (const key of ["DB_PASSWORD", "github_token", "my-api_key", " Secret ", "Authorization"]) {
    assert.equal(isSensitiveKey(key), true, key);
  }
  for (const key of ["region", "retries", "host", "pass", "key"]) {
    assert.equal(isSensitiveKey(key), false, key);
  }
  for (const fragment of SENSITIVE_KEY_FRAGMENTS) assert.equal(isSensitiveKey(fragment), true);
});

Deno.test("redactSensitive: strings under a sensitive key are replaced at any depth", () => {
  const result = redactSensitive({
    region: "eu",
    Secret_Access_Key: "s",
    nested: { private_key: { pem: "k", bits: 2048 }, list: [{ API_KEY: "a" }] },
    tokens: ["t1", "t2", null, true],
  }, "***");
  assert.deepEqual(result, {
    redacted: true,
    value: {
      region: "eu",
      Secret_Access_Key: "***",
      nested: { private_key: { pem: "***", bits: 2048 }, list: [{ API_KEY: "***" }] },
      tokens: ["***", "***", null, true],
    },
  });
});

Deno.test("redactSensitive: nothing to replace leaves the value and says so", () => {
  const value = { region: "eu", token: 42, list: ["a"] };
  assert.deepEqual(redactSensitive(value, "x"), { value, redacted: false });
  assert.deepEqual(redactSensitive("password", "x"), { value: "password", redacted: false });
  assert.deepEqual(redactSensitive(null, "x"), { value: null, redacted: false });
});
