import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { defaultConfig } from "./config.ts";
import { loadSecretKey } from "./secret_key.ts";

Deno.test("loadSecretKey: created once in the home folder (0600), shared by processes starting together", async () => {
  const home = await Deno.makeTempDir({ prefix: "updraft-secret-key-" });
  try {
    const config = defaultConfig(home);
    const keys = await Promise.all(Array.from({ length: 6 }, () => loadSecretKey(config)));
    assertEquals(new Set(keys).size, 1);
    assert(keys[0].length >= 32);
    const info = await Deno.stat(`${home}/secret_key`);
    assertEquals((info.mode ?? 0) & 0o777, 0o600);
    assertEquals(await loadSecretKey(config), keys[0]);
    const leftovers = [...Deno.readDirSync(home)].filter((entry) => entry.name.endsWith(".tmp"));
    assertEquals(leftovers, []);
    const configured = "a configured secret key of at least thirty-two characters";
    assertEquals(await loadSecretKey({ ...config, secretKey: configured }), configured);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("loadSecretKey: a key file that is too short is reported, not replaced", async () => {
  const home = await Deno.makeTempDir({ prefix: "updraft-secret-key-" });
  try {
    await Deno.writeTextFile(`${home}/secret_key`, "short\n");
    const error = await loadSecretKey(defaultConfig(home)).catch((error) => error);
    assert(error instanceof Error && error.message.includes("holds 5 characters"), String(error));
    assertEquals(await Deno.readTextFile(`${home}/secret_key`), "short\n");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
