/**
 * Contract tests: the scheduling version moves with every write a scheduling snapshot reads,
 * and only with those.
 *
 * @module
 */

import assert from "node:assert/strict";
import { emptyStep } from "../core/mod.ts";
import {
  contractTest,
  dagDefinition,
  dagRun,
  insertRuns,
  type OpenStore,
  parsedFile,
  seedDags,
  T0,
} from "./_contract_fixtures.ts";

/** Register the scheduling version tests. */
export function versionTests(name: string, open: OpenStore): void {
  const test = (title: string, body: Parameters<typeof contractTest>[3]) =>
    contractTest(name, open, title, body);

  test("the scheduling version moves with each write a snapshot reads", async (store) => {
    const versions = await seedDags(store, "v.ts", [dagDefinition("v")]);
    const seen = new Set<string>();
    const moved = async (what: string, write: () => Promise<unknown>) => {
      const before = await store.schedulingVersion();
      seen.add(before);
      await write();
      const after = await store.schedulingVersion();
      assert.notEqual(after, before, `${what} moves the scheduling version`);
      assert.ok(!seen.has(after), `${what} gives a version not seen before`);
    };
    const run = dagRun("v", versions.v);
    await moved("a step", () => insertRuns(store, [run]));
    await moved("pausing a DAG", () => store.setDagPaused("v", true, T0));
    await moved(
      "recording a parsed file",
      () =>
        store.recordParsedFile(parsedFile("v.ts", [dagDefinition("v", { tags: ["new"] })], "2"), {
          now: T0,
          pausedAtCreation: false,
        }),
    );
    await moved(
      "setting a pool",
      () => store.setPool({ name: "p", slots: 1, description: null, includeDeferred: false }),
    );
    await moved("deleting a pool", () => store.deletePool("p"));
    await moved("deleting a run", () => store.deleteDagRun(run));
    await moved("forgetting a file", () => store.forgetFile("v.ts", T0));
  });

  test("reads, heartbeats, variables and users leave the scheduling version alone", async (store) => {
    await seedDags(store, "still.ts", [dagDefinition("still")]);
    const before = await store.schedulingVersion();
    await store.loadSchedulingSnapshot();
    await store.listDags({});
    await store.recordHeartbeat({
      jobId: "j",
      kind: "scheduler",
      hostname: "h",
      startedAt: T0,
      heartbeatAt: T0,
    });
    await store.setVariable({ key: "k", value: "v", description: null });
    assert.equal(await store.schedulingVersion(), before);
  });

  test("a step's result carries the version the store reports after it", async (store) => {
    const versions = await seedDags(store, "r.ts", [dagDefinition("r")]);
    const step = emptyStep();
    const run = dagRun("r", versions.r);
    step.runs = [{ run, expectedRevision: null, changes: [] }];
    const result = await store.applySchedulingStep(step);
    assert.equal(result.version, await store.schedulingVersion());
  });
}
