/**
 * Contract tests: rotating the Fernet key keeps every connection and variable readable and
 * unchanged, whether the store encrypts them or keeps them as given.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Connection } from "../core/mod.ts";
import { contractTest, type OpenStore } from "./_contract_fixtures.ts";

const CONNECTION: Connection = {
  connId: "warehouse",
  connType: "postgres",
  description: null,
  host: "db.example.com",
  schema: "sales",
  login: "etl",
  password: "s3cr3t ✓",
  port: 5432,
  extra: '{"token": "t0k3n"}',
};

/** Register the secrets tests. */
export function secretTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("secrets: rotation keeps connections and variables as they were", async (store) => {
    const empty = await store.rotateSecrets();
    assert.deepEqual(empty, { connections: 0, variables: 0 }, "nothing stored, nothing rotated");
    await store.createConnection(CONNECTION);
    await store.createConnection({ ...CONNECTION, connId: "bare", password: null, extra: null });
    await store.setVariable({ key: "api_key", value: "v4lue ✓ \ud83d\ude80", description: "d" });
    await store.setVariable({ key: "empty", value: "", description: null });
    const versionBefore = await store.schedulingVersion();
    const first = await store.rotateSecrets();
    // A store that encrypts rotates each stored secret; one keeping plaintext rotates none.
    assert.ok(
      [0, 2].includes(first.connections) && [0, 2].includes(first.variables),
      JSON.stringify(first),
    );
    assert.deepEqual(await store.rotateSecrets(), first, "a second rotation does the same");
    assert.deepEqual(await store.getConnection("warehouse"), CONNECTION);
    assert.equal((await store.getConnection("bare"))?.password, null);
    assert.deepEqual(await store.getVariable("api_key"), {
      key: "api_key",
      value: "v4lue ✓ \ud83d\ude80",
      description: "d",
    });
    assert.deepEqual((await store.listVariables({ orderBy: "-value" })).items.map((v) => v.key), [
      "api_key",
      "empty",
    ]);
    assert.equal(await store.schedulingVersion(), versionBefore, "scheduling does not read them");
  });
}
