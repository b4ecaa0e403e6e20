import assert from "node:assert/strict";
import { FernetKey, MultiFernet } from "../core/mod.ts";
import { SqliteStore } from "../store/mod.ts";
import { CliFixture } from "./_testing.ts";

async function withFixture(body: (fixture: CliFixture) => Promise<void>): Promise<void> {
  const fixture = await CliFixture.create();
  try {
    await body(fixture);
  } finally {
    await fixture.dispose();
  }
}

const OLD = FernetKey.generate().text;
const NEW = FernetKey.generate().text;

Deno.test("rotate-fernet-key re-encrypts connections and variables with the first key of new,old", async () => {
  await withFixture(async (fixture) => {
    const old = { UPDRAFT_FERNET_KEY: OLD };
    const uri = "postgres://ada:pa55-w0rd@db.internal:5432/sales";
    assert.equal(
      (await fixture.run(["connections", "add", "db", "--conn-uri", uri], { env: old })).code,
      0,
    );
    assert.equal(
      (await fixture.run(["variables", "set", "api_key", "v4riable-s3cret"], { env: old })).code,
      0,
    );

    const rotated = await fixture.run(["rotate-fernet-key"], {
      env: { UPDRAFT_FERNET_KEY: `${NEW},${OLD}` },
    });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.equal(
      rotated.stdout,
      "Re-encrypted 1 connection secret and 1 variable with the first Fernet key.\n",
    );
    assert.match(rotated.stderr, /keep only the first key in UPDRAFT_FERNET_KEY/);
    assert.ok(!(rotated.stdout + rotated.stderr).includes(NEW), "keys are never printed");

    // The new key alone reads everything; the old one alone reads nothing.
    const store = SqliteStore.open(fixture.database, { cipher: MultiFernet.fromText(NEW) });
    try {
      assert.equal((await store.getConnection("db"))?.password, "pa55-w0rd");
      assert.equal((await store.getVariable("api_key"))?.value, "v4riable-s3cret");
    } finally {
      await store.close();
    }
    const stale = await fixture.run(["variables", "get", "api_key"], { env: old });
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /reading variable api_key failed: could not decrypt the value/);
    assert.ok(!stale.stderr.includes("v4riable-s3cret"));
    const fresh = await fixture.run(["variables", "get", "api_key"], {
      env: { UPDRAFT_FERNET_KEY: NEW },
    });
    assert.equal(fresh.stdout, "v4riable-s3cret\n");
  });
});

Deno.test("rotate-fernet-key with the key file: one key notes there is nothing to rotate from", async () => {
  await withFixture(async (fixture) => {
    assert.equal((await fixture.run(["variables", "set", "region", "eu-west-1"])).code, 0);
    const once = await fixture.run(["rotate-fernet-key"]);
    assert.equal(once.code, 0, once.stderr);
    assert.equal(
      once.stdout,
      "Re-encrypted 0 connection secrets and 1 variable with the first Fernet key.\n",
    );
    assert.match(once.stderr, /the key file .*fernet_key holds one key/);

    // A new key listed first in the key file, then the old one, as with UPDRAFT_FERNET_KEY.
    const file = `${fixture.home}/fernet_key`;
    const oldKey = (await Deno.readTextFile(file)).trim();
    await Deno.writeTextFile(file, `${NEW},${oldKey}\n`);
    const rotated = await fixture.run(["rotate-fernet-key"]);
    assert.equal(rotated.code, 0, rotated.stderr);
    await Deno.writeTextFile(file, `${NEW}\n`);
    const read = await fixture.run(["variables", "get", "region"]);
    assert.equal(read.stdout, "eu-west-1\n", read.stderr);
  });
});

Deno.test("rotate-fernet-key with a key list that never encrypted the values fails, naming one", async () => {
  await withFixture(async (fixture) => {
    await fixture.run(["variables", "set", "api_key", "v4riable-s3cret"], {
      env: { UPDRAFT_FERNET_KEY: OLD },
    });
    const wrong = await fixture.run(["rotate-fernet-key"], {
      env: { UPDRAFT_FERNET_KEY: `${NEW},${FernetKey.generate().text}` },
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /rotating the Fernet key of variable api_key failed/);
    assert.ok(!wrong.stderr.includes("v4riable-s3cret"));
  });
});
