/**
 * Contract tests: recording parsed DAG files, forgetting files, pausing DAGs.
 *
 * @module
 */

import assert from "node:assert/strict";
import { emptyStep } from "../core/mod.ts";
import { RecordNotFoundError } from "./store.ts";
import {
  contractTest,
  dagDefinition,
  dagRun,
  DAY,
  insertRuns,
  type OpenStore,
  parsedFile,
  seedDags,
  T0,
} from "./_contract_fixtures.ts";

/** Register the DAG file tests. */
export function dagFileTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("migrate is idempotent and creates default_pool", async (store) => {
    const version = await store.migrate();
    assert.ok(version >= 1);
    assert.equal(await store.migrate(), version);
    const pool = await store.getPool("default_pool");
    assert.ok(pool !== null && pool.slots > 0, "default_pool exists with slots");
    assert.equal((await store.listPools({})).total, 1);
  });

  test("recordParsedFile adds new DAGs, paused per definition or option", async (store) => {
    const file = parsedFile("two.ts", [
      dagDefinition("follows_option"),
      dagDefinition("starts_unpaused", { isPausedUponCreation: false }),
    ]);
    const result = await store.recordParsedFile(file, { now: T0, pausedAtCreation: true });
    assert.deepEqual(result, {
      added: ["follows_option", "starts_unpaused"],
      updated: [],
      deactivated: [],
      conflicts: [],
    });
    const first = (await store.getDag("follows_option"))!;
    assert.equal(first.dag.isPaused, true);
    assert.equal(first.dag.isActive, true);
    assert.equal(first.dag.fileloc, "two.ts");
    assert.equal(first.dag.lastParsedAt, T0);
    assert.equal(first.dag.nextRun, null);
    assert.match(first.dag.versionHash, /^[0-9a-f]{16,64}$/);
    assert.deepEqual(first.definition, file.ok && file.dags[0]);
    assert.equal((await store.getDag("starts_unpaused"))!.dag.isPaused, false);
    const version = (await store.getDagVersion(first.dag.versionHash))!;
    assert.equal(version.dagId, "follows_option");
    assert.equal(version.bundleHash, "bundle-two.ts-1");
    assert.equal(version.createdAt, T0);
    const bundle = (await store.getBundle("bundle-two.ts-1"))!;
    assert.equal(bundle.source, "// two.ts revision 1\n");
    assert.equal(bundle.fileloc, "two.ts");
    assert.equal(await store.getDag("nothing"), null);
    assert.equal(await store.getDagVersion("0000000000000000"), null);
  });

  test("recording the same file twice changes nothing", async (store) => {
    const versions = await seedDags(store, "same.ts", [dagDefinition("same")]);
    const nextRun = { logicalDate: T0, dataInterval: { start: T0, end: T0 + DAY }, runAfter: T0 };
    const snapshot = await store.loadSchedulingSnapshot();
    const step = emptyStep();
    step.dags = [{
      dagId: "same",
      expectedRevision: snapshot.dags[0].revision,
      nextRun,
      lastAutomatedRun: null,
    }];
    assert.equal((await store.applySchedulingStep(step)).conflicts, 0);
    const again = await store.recordParsedFile(parsedFile("same.ts", [dagDefinition("same")]), {
      now: T0 + 1000,
      pausedAtCreation: true,
    });
    assert.deepEqual(again, { added: [], updated: [], deactivated: [], conflicts: [] });
    const dag = (await store.getDag("same"))!.dag;
    assert.equal(dag.versionHash, versions.same);
    assert.deepEqual(dag.nextRun, nextRun, "an unchanged DAG keeps its next run");
    assert.equal(dag.isPaused, false);
    assert.equal(dag.lastParsedAt, T0 + 1000);
  });

  test("a changed definition gets a new version; old ones stay", async (store) => {
    const before = await seedDags(store, "change.ts", [dagDefinition("change")]);
    const snapshot = await store.loadSchedulingSnapshot();
    const step = emptyStep();
    const nextRun = { logicalDate: T0, dataInterval: { start: T0, end: T0 + DAY }, runAfter: T0 };
    step.dags = [{
      dagId: "change",
      expectedRevision: snapshot.dags[0].revision,
      nextRun,
      lastAutomatedRun: null,
    }];
    await store.applySchedulingStep(step);
    const changed = dagDefinition("change", { description: "now described" });
    const result = await store.recordParsedFile(parsedFile("change.ts", [changed], "2"), {
      now: T0 + 5,
      pausedAtCreation: true,
    });
    assert.deepEqual(result, { added: [], updated: ["change"], deactivated: [], conflicts: [] });
    const dag = (await store.getDag("change"))!;
    assert.notEqual(dag.dag.versionHash, before.change);
    assert.equal(dag.definition.description, "now described");
    assert.equal(dag.dag.nextRun, null, "the scheduler recomputes the next run");
    assert.equal(dag.dag.isPaused, false, "the paused flag is kept");
    assert.equal((await store.getDagVersion(before.change))!.definition.description, null);
    assert.notEqual(await store.getBundle("bundle-change.ts-1"), null);
    assert.notEqual(await store.getBundle("bundle-change.ts-2"), null);
  });

  test("DAGs a file stops defining become inactive and come back", async (store) => {
    await seedDags(store, "pair.ts", [dagDefinition("stays"), dagDefinition("goes")]);
    await store.setDagPaused("goes", true, T0);
    const result = await store.recordParsedFile(
      parsedFile("pair.ts", [dagDefinition("stays")], "2"),
      { now: T0, pausedAtCreation: false },
    );
    assert.deepEqual(result.deactivated, ["goes"]);
    assert.equal((await store.getDag("goes"))!.dag.isActive, false);
    assert.deepEqual((await store.listDags({})).items.map((item) => item.dag.dagId), ["stays"]);
    assert.equal((await store.listDags({ onlyActive: false })).total, 2);
    const back = await store.recordParsedFile(
      parsedFile("pair.ts", [dagDefinition("stays"), dagDefinition("goes")], "3"),
      { now: T0, pausedAtCreation: false },
    );
    assert.deepEqual(back.added, []);
    assert.deepEqual(back.updated, ["stays", "goes"]);
    const goes = (await store.getDag("goes"))!.dag;
    assert.equal(goes.isActive, true);
    assert.equal(goes.isPaused, true, "a reactivated DAG keeps its paused flag");
    // Dropped again, then back with identical content: reactivated, same version.
    await store.recordParsedFile(parsedFile("pair.ts", [dagDefinition("stays")], "1"), {
      now: T0,
      pausedAtCreation: false,
    });
    const revert = await store.recordParsedFile(
      parsedFile("pair.ts", [dagDefinition("stays"), dagDefinition("goes")], "3"),
      { now: T0, pausedAtCreation: false },
    );
    assert.deepEqual(revert.updated, ["stays", "goes"], "reactivated with an old version");
    assert.equal((await store.getDag("goes"))!.dag.versionHash, goes.versionHash);
  });

  test("a DAG id active in another file is a conflict", async (store) => {
    await seedDags(store, "owner.ts", [dagDefinition("shared")]);
    const owned = (await store.getDag("shared"))!.dag;
    const result = await store.recordParsedFile(
      parsedFile("intruder.ts", [dagDefinition("shared"), dagDefinition("own")]),
      { now: T0 + 1, pausedAtCreation: false },
    );
    assert.deepEqual(result.conflicts, [{ dagId: "shared", fileloc: "owner.ts" }]);
    assert.deepEqual(result.added, ["own"]);
    assert.deepEqual((await store.getDag("shared"))!.dag, owned, "the owner keeps the DAG");
    assert.equal((await store.getDag("own"))!.dag.fileloc, "intruder.ts");
    const errors = await store.listImportErrors({});
    assert.equal(errors.total, 1);
    const [error] = errors.items;
    assert.equal(error.fileloc, "intruder.ts");
    assert.match(error.message, /shared/);
    assert.match(error.message, /owner\.ts/);
    assert.deepEqual(await store.getImportError(error.id), error);
    await store.recordParsedFile(parsedFile("intruder.ts", [dagDefinition("own")]), {
      now: T0 + 2,
      pausedAtCreation: false,
    });
    assert.equal((await store.listImportErrors({})).total, 0, "fixed file: error removed");
  });

  test("an inactive DAG id may move to another file", async (store) => {
    await seedDags(store, "old.ts", [dagDefinition("mover")]);
    await store.forgetFile("old.ts", T0);
    const result = await store.recordParsedFile(parsedFile("new.ts", [dagDefinition("mover")]), {
      now: T0,
      pausedAtCreation: true,
    });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.updated, ["mover"]);
    const dag = (await store.getDag("mover"))!.dag;
    assert.equal(dag.fileloc, "new.ts");
    assert.equal(dag.isActive, true);
    assert.equal(dag.isPaused, false);
  });

  test("a failed parse records an import error and keeps the last good version", async (store) => {
    const versions = await seedDags(store, "broken.ts", [dagDefinition("broken")]);
    const failure = { fileloc: "broken.ts", ok: false as const, message: "boom", line: 3 };
    const result = await store.recordParsedFile(failure, { now: T0 + 10, pausedAtCreation: true });
    assert.deepEqual(result, { added: [], updated: [], deactivated: [], conflicts: [] });
    const dag = (await store.getDag("broken"))!.dag;
    assert.equal(dag.versionHash, versions.broken);
    assert.equal(dag.isActive, true);
    const [error] = (await store.listImportErrors({})).items;
    assert.deepEqual({ ...error, id: 0 }, {
      id: 0,
      fileloc: "broken.ts",
      message: "boom",
      line: 3,
      timestamp: T0 + 10,
    });
    await store.recordParsedFile({ ...failure, message: "worse", line: null }, {
      now: T0 + 20,
      pausedAtCreation: true,
    });
    const errors = await store.listImportErrors({});
    assert.equal(errors.total, 1, "one import error per file");
    assert.deepEqual(errors.items[0], {
      ...error,
      message: "worse",
      line: null,
      timestamp: T0 + 20,
    });
    assert.deepEqual(await store.listKnownFiles(), [
      { fileloc: "broken.ts", bundleHash: "bundle-broken.ts-1" },
    ]);
  });

  test("forgetFile deactivates its DAGs, drops its error, keeps history", async (store) => {
    const versions = await seedDags(store, "gone.ts", [dagDefinition("g1"), dagDefinition("g2")]);
    await store.recordParsedFile(
      { fileloc: "only_error.ts", ok: false, message: "bad", line: null },
      { now: T0, pausedAtCreation: true },
    );
    const run = dagRun("g1", versions.g1);
    await insertRuns(store, [run]);
    assert.deepEqual(await store.listKnownFiles(), [
      { fileloc: "gone.ts", bundleHash: "bundle-gone.ts-1" },
      { fileloc: "only_error.ts", bundleHash: null },
    ]);
    assert.deepEqual(await store.forgetFile("gone.ts", T0 + 1), ["g1", "g2"]);
    assert.deepEqual(await store.forgetFile("only_error.ts", T0 + 1), []);
    assert.equal((await store.getDag("g1"))!.dag.isActive, false);
    assert.deepEqual(await store.getDagRun(run), run, "history stays");
    assert.equal((await store.listImportErrors({})).total, 0);
    assert.deepEqual(await store.listKnownFiles(), []);
  });

  test("setDagPaused toggles, unpausing clears the next run", async (store) => {
    await seedDags(store, "pause.ts", [dagDefinition("pause")]);
    const snapshot = await store.loadSchedulingSnapshot();
    const nextRun = { logicalDate: T0, dataInterval: { start: T0, end: T0 + DAY }, runAfter: T0 };
    const step = emptyStep();
    step.dags = [{
      dagId: "pause",
      expectedRevision: snapshot.dags[0].revision,
      nextRun,
      lastAutomatedRun: { start: 1, end: 2 },
    }];
    await store.applySchedulingStep(step);
    const paused = await store.setDagPaused("pause", true, T0);
    assert.equal(paused.isPaused, true);
    assert.deepEqual(paused.nextRun, nextRun, "pausing keeps the next run");
    const unpaused = await store.setDagPaused("pause", false, T0);
    assert.equal(unpaused.isPaused, false);
    assert.equal(unpaused.nextRun, null);
    assert.deepEqual(unpaused.lastAutomatedRun, { start: 1, end: 2 });
    assert.deepEqual((await store.getDag("pause"))!.dag, unpaused);
    await assert.rejects(() => store.setDagPaused("nope", true, T0), RecordNotFoundError);
  });

  test("definitions round-trip exactly; non-JSON input is refused", async (store) => {
    const odd = dagDefinition("odd", {
      description: 'ünïcødé 🚀 \u0000 nul, lone \ud800 surrogate, quote " and \\',
      params: {
        nested: { list: [1, -2.5, 1e300, 5e-324, true, null, "", [[]], {}] },
        "key with spaces": "v",
      },
      tags: ["a", "ß"],
    });
    await seedDags(store, "odd.ts", [odd]);
    assert.deepEqual((await store.getDag("odd"))!.definition, { ...odd, fileloc: "odd.ts" });
    for (const bad of [NaN, Infinity, new Date(0), () => 1, undefined, 10n]) {
      const definition = dagDefinition("bad", { params: { bad: [bad] } as never });
      await assert.rejects(
        () =>
          store.recordParsedFile(parsedFile("bad.ts", [definition]), {
            now: T0,
            pausedAtCreation: true,
          }),
        /bad\.ts/,
      );
    }
    await assert.rejects(() =>
      store.recordParsedFile(parsedFile("twice.ts", [dagDefinition("x"), dagDefinition("x")]), {
        now: T0,
        pausedAtCreation: true,
      })
    );
    assert.equal(await store.getDag("bad"), null);
    assert.equal(await store.getDag("x"), null);
    assert.deepEqual(await store.listKnownFiles(), [{
      fileloc: "odd.ts",
      bundleHash: "bundle-odd.ts-1",
    }]);
  });
}
