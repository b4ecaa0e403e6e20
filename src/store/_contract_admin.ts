/**
 * Contract tests: variables, pools, users, heartbeats, reset, isolation of returned objects and
 * concurrent calls.
 *
 * @module
 */

import assert from "node:assert/strict";
import { emptyStep, type User } from "../core/mod.ts";
import { RecordExistsError, RecordNotFoundError } from "./store.ts";
import {
  contractTest,
  dagDefinition,
  dagRun,
  insertRuns,
  type OpenStore,
  seedDags,
  T0,
  taskInstance,
} from "./_contract_fixtures.ts";

function user(username: string, overrides: Partial<User> = {}): User {
  return {
    username,
    email: `${username}@example.com`,
    firstName: username,
    lastName: "Tester",
    role: "Viewer",
    passwordHash: "$scrypt$n=16384$salt$hash",
    createdAt: T0,
    ...overrides,
  };
}

/** Register the admin tests. */
export function adminTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("variables: upsert, read several, page, delete", async (store) => {
    await store.setVariable({ key: "b", value: "1", description: null });
    await store.setVariable({ key: "a", value: "x", description: "first" });
    await store.setVariable({ key: "b", value: "2 ✓ \ud83d\ude80", description: "changed" });
    assert.deepEqual(await store.getVariable("b"), {
      key: "b",
      value: "2 ✓ \ud83d\ude80",
      description: "changed",
    });
    assert.equal(await store.getVariable("zz"), null);
    assert.deepEqual((await store.getVariables(["b", "missing", "a", "b"])).map((v) => v.key), [
      "b",
      "a",
    ]);
    assert.deepEqual(await store.getVariables([]), []);
    const page = await store.listVariables({});
    assert.deepEqual([page.items.map((v) => v.key), page.total], [["a", "b"], 2]);
    assert.deepEqual(
      (await store.listVariables({ orderBy: "-key", limit: 1 })).items.map((v) => v.key),
      ["b"],
    );
    await assert.rejects(() => store.listVariables({ orderBy: "secret" }), /secret/);
    // Text orders by code point (UTF-8 byte order): U+FFFD sorts before U+1F680.
    await store.setVariable({ key: "\ufffd", value: "", description: null });
    await store.setVariable({ key: "\ud83d\ude80", value: "", description: null });
    assert.deepEqual((await store.listVariables({ offset: 2 })).items.map((v) => v.key), [
      "\ufffd",
      "\ud83d\ude80",
    ]);
    assert.equal(await store.deleteVariable("\ufffd"), true);
    assert.equal(await store.deleteVariable("\ud83d\ude80"), true);
    assert.equal(await store.deleteVariable("a"), true);
    assert.equal(await store.deleteVariable("a"), false);
    await assert.rejects(
      () => store.setVariable({ key: "nul", value: "a\u0000b", description: null }),
      /NUL/,
    );
    assert.equal(await store.getVariable("nul"), null);
  });

  test("list limit defaults to 100 and total counts every match", async (store) => {
    for (let index = 0; index < 105; index++) {
      await store.setVariable({
        key: `v${String(index).padStart(3, "0")}`,
        value: "",
        description: null,
      });
    }
    const page = await store.listVariables({});
    assert.equal(page.items.length, 100);
    assert.equal(page.total, 105);
    assert.equal((await store.listVariables({ offset: 100 })).items[0].key, "v100");
    assert.equal((await store.listVariables({ limit: 0 })).items.length, 0);
  });

  test("pools: create, update, list, delete; default_pool is kept", async (store) => {
    await store.setPool({ name: "small", slots: 2, description: null, includeDeferred: false });
    await store.setPool({ name: "small", slots: 3, description: "three", includeDeferred: true });
    assert.deepEqual(await store.getPool("small"), {
      name: "small",
      slots: 3,
      description: "three",
      includeDeferred: true,
    });
    assert.deepEqual(
      (await store.listPools({ orderBy: "-slots" })).items.map((pool) => pool.name),
      ["default_pool", "small"],
    );
    assert.deepEqual((await store.loadSchedulingSnapshot()).pools.map((pool) => pool.slots), [
      128,
      3,
    ]);
    await assert.rejects(() => store.deletePool("default_pool"), /default pool cannot be deleted/);
    assert.equal(await store.deletePool("small"), true);
    assert.equal(await store.deletePool("small"), false);
    assert.notEqual(await store.getPool("default_pool"), null);
  });

  test("users: create, duplicate refused, update, delete, count", async (store) => {
    assert.equal(await store.countUsers(), 0);
    await store.createUser(user("admin", { role: "Admin" }));
    await store.createUser(user("bob"));
    await assert.rejects(
      () => store.createUser(user("bob", { email: "other@example.com" })),
      RecordExistsError,
    );
    assert.equal((await store.getUser("bob"))!.email, "bob@example.com");
    await store.updateUser(user("bob", { role: "Op", lastName: "Builder" }));
    assert.deepEqual(await store.getUser("bob"), user("bob", { role: "Op", lastName: "Builder" }));
    await assert.rejects(() => store.updateUser(user("nobody")), RecordNotFoundError);
    await assert.rejects(() => store.createUser(user("eve", { role: "God" as never })), /role/);
    assert.deepEqual(
      (await store.listUsers({ orderBy: "-username" })).items.map((u) => u.username),
      ["bob", "admin"],
    );
    assert.equal(await store.countUsers(), 2);
    assert.equal(await store.deleteUser("bob"), true);
    assert.equal(await store.deleteUser("bob"), false);
    assert.equal(await store.getUser("bob"), null);
    assert.equal(await store.countUsers(), 1);
  });

  test("heartbeats: the latest of each kind", async (store) => {
    assert.equal(await store.latestHeartbeat("scheduler"), null);
    const base = { hostname: "box", startedAt: T0 };
    await store.recordHeartbeat({ ...base, jobId: "s1", kind: "scheduler", heartbeatAt: T0 + 5 });
    await store.recordHeartbeat({ ...base, jobId: "s2", kind: "scheduler", heartbeatAt: T0 + 3 });
    await store.recordHeartbeat({ ...base, jobId: "e1", kind: "executor", heartbeatAt: T0 + 9 });
    assert.equal((await store.latestHeartbeat("scheduler"))!.jobId, "s1");
    await store.recordHeartbeat({ ...base, jobId: "s2", kind: "scheduler", heartbeatAt: T0 + 7 });
    assert.deepEqual(await store.latestHeartbeat("scheduler"), {
      ...base,
      jobId: "s2",
      kind: "scheduler",
      heartbeatAt: T0 + 7,
    });
    assert.equal((await store.latestHeartbeat("executor"))!.jobId, "e1");
  });

  test("reset drops everything and recreates the schema", async (store) => {
    const versions = await seedDags(store, "r.ts", [dagDefinition("r")]);
    await insertRuns(store, [dagRun("r", versions.r)]);
    await store.setVariable({ key: "k", value: "v", description: null });
    await store.setPool({ name: "p", slots: 1, description: null, includeDeferred: false });
    await store.reset();
    assert.equal(await store.getDag("r"), null);
    assert.equal((await store.listDagRuns({})).total, 0);
    assert.equal(await store.getVariable("k"), null);
    assert.deepEqual((await store.listPools({})).items.map((pool) => pool.name), ["default_pool"]);
    await seedDags(store, "r.ts", [dagDefinition("r")]);
    assert.equal((await store.listDags({})).total, 1);
  });

  test("returned and given objects are copies", async (store) => {
    const definition = dagDefinition("copy", { tags: ["t"] });
    const versions = await seedDags(store, "copy.ts", [definition]);
    definition.tags.push("mutated");
    const fetched = (await store.getDag("copy"))!;
    try {
      fetched.definition.tags.push("mutated"); // a shared definition is frozen instead
    } catch (error) {
      assert.ok(error instanceof TypeError, `a frozen definition throws a TypeError: ${error}`);
    }
    fetched.dag.isPaused = true;
    assert.deepEqual((await store.getDag("copy"))!.definition.tags, ["t"]);
    assert.equal((await store.getDag("copy"))!.dag.isPaused, false);
    const run = dagRun("copy", versions.copy, { conf: { list: [1] } });
    const instance = taskInstance(run, "a", { renderedFields: { command: "echo" } });
    await insertRuns(store, [run], [instance]);
    run.conf.list = [2];
    (instance.renderedFields as { command: string }).command = "rm";
    const snapshot = await store.loadSchedulingSnapshot();
    snapshot.activeRuns[0].run.record.conf.list = [3];
    // Definitions may be shared between snapshots, deeply frozen: changing one throws instead.
    try {
      snapshot.definitions[versions.copy].tags.push("x");
    } catch (error) {
      assert.ok(error instanceof TypeError, `a frozen definition throws a TypeError: ${error}`);
    }
    assert.deepEqual((await store.getDagRun(run))!.conf, { list: [1] });
    assert.deepEqual((await store.getTaskInstance(instance))!.renderedFields, { command: "echo" });
    assert.deepEqual((await store.loadSchedulingSnapshot()).definitions[versions.copy].tags, ["t"]);
    const step = emptyStep();
    const xcom = { ...instance, key: "k", value: { deep: { n: 1 } }, timestamp: T0 };
    step.xcoms = [{
      dagId: xcom.dagId,
      runId: xcom.runId,
      taskId: "a",
      mapIndex: -1,
      key: "k",
      value: xcom.value,
      timestamp: T0,
    }];
    await store.applySchedulingStep(step);
    xcom.value.deep.n = 2;
    const stored = (await store.getXCom({ ...instance, key: "k" }))!;
    assert.deepEqual(stored.value, { deep: { n: 1 } });
  });

  test("concurrent calls each take effect", async (store) => {
    await Promise.all(Array.from({ length: 50 }, (_, index) => {
      return store.setVariable({ key: `c${index}`, value: String(index), description: null });
    }));
    assert.equal((await store.listVariables({})).total, 50);
    const versions = await seedDags(store, "con.ts", [dagDefinition("con")]);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, day) => {
      return insertRuns(store, [dagRun("con", versions.con, { day })]);
    }));
    assert.ok(results.every((result) => result.status === "fulfilled"));
    assert.equal((await store.listDagRuns({})).total, 5);
  });
}
