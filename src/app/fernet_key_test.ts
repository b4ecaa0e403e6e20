import assert from "node:assert/strict";
import { FernetError, FernetKey } from "../core/mod.ts";
import { ConfigError, loadConfig, settingsTable } from "./config.ts";
import { fernetKeyPath, loadFernetKey } from "./fernet_key.ts";

async function withHome(run: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "updraft-fernet-" });
  try {
    await run(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("first start creates <home>/fernet_key for the owner only; later starts reuse it", async () => {
  await withHome(async (home) => {
    const config = await loadConfig({ env: { UPDRAFT_HOME: `${home}/new-home` } });
    const first = await loadFernetKey(config);
    const path = fernetKeyPath(config);
    const text = await Deno.readTextFile(path);
    assert.match(text, /^[A-Za-z0-9_-]{43}=\n$/);
    if (Deno.build.os !== "windows") assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const token = await first.encrypt("db-password");
    const second = await loadFernetKey(config);
    assert.equal(await second.decrypt(token), "db-password");
    assert.equal(second.keys[0].text, text.trim());
    assert.deepEqual([...Deno.readDirSync(`${home}/new-home`)].map((entry) => entry.name), [
      "fernet_key",
    ]);
  });
});

Deno.test("processes starting together all end up with the same key", async () => {
  await withHome(async (home) => {
    const config = await loadConfig({ env: { UPDRAFT_HOME: home } });
    const loaded = await Promise.all(Array.from({ length: 8 }, () => loadFernetKey(config)));
    const stored = (await Deno.readTextFile(fernetKeyPath(config))).trim();
    for (const keys of loaded) assert.equal(keys.keys[0].text, stored);
    // The drafts are gone; only the key file remains.
    assert.deepEqual([...Deno.readDirSync(home)].map((entry) => entry.name), ["fernet_key"]);
  });
});

Deno.test("UPDRAFT_FERNET_KEY wins over the file: encrypts with the first key, reads any", async () => {
  await withHome(async (home) => {
    const newKey = FernetKey.generate();
    const oldKey = FernetKey.generate();
    const config = await loadConfig({
      env: { UPDRAFT_HOME: home, UPDRAFT_FERNET_KEY: `${newKey.text},${oldKey.text}` },
    });
    assert.equal(config.fernetKey, `${newKey.text},${oldKey.text}`);
    const keys = await loadFernetKey(config);
    assert.equal(await keys.decrypt(await oldKey.encrypt("old")), "old");
    assert.equal(await newKey.decrypt(await keys.encrypt("new")), "new");
    await assert.rejects(Deno.stat(fernetKeyPath(config)), Deno.errors.NotFound);
  });
});

Deno.test("an invalid UPDRAFT_FERNET_KEY stops start-up without repeating the value", async () => {
  await withHome(async (home) => {
    const badKey = "my-secret-but-too-short";
    const error = await loadConfig({ env: { UPDRAFT_HOME: home, UPDRAFT_FERNET_KEY: badKey } })
      .then(() => null, (error) => error);
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /^UPDRAFT_FERNET_KEY: invalid Fernet key: it has 23 characters/);
    assert.equal(error.message.includes(badKey), false);
    const wrongAlphabet = FernetKey.generate().text.slice(0, 42) + "+=";
    await assert.rejects(
      loadConfig({ env: { UPDRAFT_HOME: home, UPDRAFT_FERNET_KEY: wrongAlphabet } }),
      (error) => error instanceof ConfigError && /url-safe base64 alphabet/.test(error.message),
    );
  });
});

Deno.test("a damaged key file is reported and left as it is, never replaced", async () => {
  await withHome(async (home) => {
    const config = await loadConfig({ env: { UPDRAFT_HOME: home } });
    await Deno.writeTextFile(fernetKeyPath(config), "damaged\n");
    await assert.rejects(
      loadFernetKey(config),
      (error) =>
        error instanceof FernetError &&
        error.message.includes(`cannot read the Fernet key file ${fernetKeyPath(config)}`) &&
        error.message.includes("it has 7 characters"),
    );
    assert.equal(await Deno.readTextFile(fernetKeyPath(config)), "damaged\n");
  });
});

Deno.test("the settings table lists fernetKey with its environment variable", () => {
  const row = settingsTable().find((setting) => setting.key === "fernetKey");
  assert.deepEqual(row, { key: "fernetKey", env: "UPDRAFT_FERNET_KEY", default: null });
});
