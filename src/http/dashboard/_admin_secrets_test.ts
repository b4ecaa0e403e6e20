import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { HIDDEN_PLACEHOLDER, hideExtra, restoreHiddenExtra } from "./_admin_secrets.ts";

Deno.test("admin secrets: an extra's secret strings are hidden at any depth and restored on save", () => {
  const stored = JSON.stringify({
    sslmode: "require",
    auth: { private_key: "pk", nested: { note: "under a secret key too" } },
    retries: 3,
    token: 42,
  });
  const shown = JSON.parse(hideExtra(stored));
  assertEquals(shown, {
    sslmode: "require",
    auth: { private_key: HIDDEN_PLACEHOLDER, nested: { note: "under a secret key too" } },
    retries: 3,
    token: 42,
  });
  // "auth" is no secret fragment, so only private_key is hidden there.
  shown.sslmode = "verify-full";
  assertEquals(restoreHiddenExtra(shown, stored), {
    ...JSON.parse(stored),
    sslmode: "verify-full",
  });
  // A placeholder typed under a key that was not hidden stays as typed.
  assertEquals(restoreHiddenExtra({ host: HIDDEN_PLACEHOLDER }, stored), {
    host: HIDDEN_PLACEHOLDER,
  });
  assertEquals(hideExtra(null), "");
  assertEquals(hideExtra('{"a": 1}'), '{"a": 1}', "text without secrets is shown as stored");
});
