import assert from "node:assert/strict";
import { emptyStep } from "../../core/mod.ts";
import { dagDefinition, dagRun, parsedFile, T0, taskInstance } from "../_contract_fixtures.ts";
import { SqliteStore } from "./mod.ts";
import { LATEST_VERSION } from "./_migrations.ts";

const STORE_MODULE = new URL("./mod.ts", import.meta.url).href;
const FIXTURES_MODULE = new URL("../_contract_fixtures.ts", import.meta.url).href;
const CORE_MODULE = new URL("../../core/mod.ts", import.meta.url).href;

/** Run `code` in a child `deno eval`, wait for it to print `ready`, then SIGKILL it. */
async function runAndKill(code: string): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", code],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const decoder = new TextDecoder();
  let output = "";
  const reader = child.stdout.getReader();
  try {
    while (!output.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) break;
      output += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
    if (output.includes("ready")) child.kill("SIGKILL");
  }
  const status = await child.status;
  const errors = await new Response(child.stderr).text();
  assert.ok(output.includes("ready"), `the child did not finish writing: ${errors}`);
  assert.equal(status.signal, "SIGKILL", "the child was killed, not exited");
}

async function withDatabase(body: (path: string) => Promise<void>): Promise<void> {
  const directory = await Deno.makeTempDir({ prefix: "updraft_durability_" });
  try {
    await body(`${directory}/updraft.db`);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
}

Deno.test("SqliteStore: a resolved write survives SIGKILL; a failed one leaves nothing", async () => {
  await withDatabase(async (path) => {
    await runAndKill(`
      import { SqliteStore } from ${JSON.stringify(STORE_MODULE)};
      import { emptyStep } from ${JSON.stringify(CORE_MODULE)};
      import { dagDefinition, dagRun, parsedFile, T0, taskInstance } from ${
      JSON.stringify(FIXTURES_MODULE)
    };
      const store = SqliteStore.open(${JSON.stringify(path)});
      await store.migrate();
      await store.recordParsedFile(parsedFile("k.ts", [dagDefinition("k")]), {
        now: T0,
        pausedAtCreation: false,
      });
      const versionHash = (await store.getDag("k")).dag.versionHash;
      const run = dagRun("k", versionHash);
      const good = emptyStep();
      good.runs = [{ run, expectedRevision: null, changes: [] }];
      good.taskInstances = [{ instance: taskInstance(run, "a"), expectedRevision: null, changes: [] }];
      await store.applySchedulingStep(good);
      const bad = emptyStep();
      bad.runs = [{ run: dagRun("k", versionHash, { day: 1 }), expectedRevision: null, changes: [] }];
      bad.taskInstances = [{ instance: taskInstance(run, "b"), expectedRevision: null, changes: [] }];
      bad.runs.push({ run, expectedRevision: null, changes: [] });
      await store.applySchedulingStep(bad).then(() => { throw new Error("accepted"); }, () => {});
      await store.setVariable({ key: "last", value: "written", description: null });
      console.log("ready");
      setInterval(() => {}, 1000);
    `);
    const store = SqliteStore.open(path);
    try {
      assert.equal(await store.migrate(), LATEST_VERSION);
      assert.deepEqual(await store.getVariable("last"), {
        key: "last",
        value: "written",
        description: null,
      });
      const versionHash = (await store.getDag("k"))!.dag.versionHash;
      const run = dagRun("k", versionHash);
      assert.deepEqual(await store.getDagRun(run), run);
      assert.deepEqual(await store.getTaskInstance(taskInstance(run, "a")), taskInstance(run, "a"));
      assert.equal(await store.getTaskInstance(taskInstance(run, "b")), null);
      assert.equal((await store.listDagRuns({})).total, 1, "the failed step left no run");
    } finally {
      await store.close();
    }
  });
});

Deno.test("SqliteStore: two connections to one file see each other's writes", async () => {
  await withDatabase(async (path) => {
    const server = SqliteStore.open(path, { defaultPoolSlots: 7 });
    const cli = SqliteStore.open(path);
    try {
      await server.migrate();
      assert.equal(await cli.migrate(), LATEST_VERSION, "a second migrate is a no-op");
      assert.equal((await cli.getPool("default_pool"))!.slots, 7);
      await cli.recordParsedFile(parsedFile("c.ts", [dagDefinition("c")]), {
        now: T0,
        pausedAtCreation: true,
      });
      const versionHash = (await server.getDag("c"))!.dag.versionHash;
      const steps = Array.from({ length: 10 }, (_, day) => {
        const step = emptyStep();
        const run = dagRun("c", versionHash, { day });
        step.runs = [{ run, expectedRevision: null, changes: [] }];
        step.taskInstances = [{
          instance: taskInstance(run, "a"),
          expectedRevision: null,
          changes: [],
        }];
        return (day % 2 === 0 ? server : cli).applySchedulingStep(step);
      });
      await Promise.all(steps);
      assert.equal((await server.listDagRuns({})).total, 10);
      assert.equal((await cli.listTaskInstances({})).total, 10);
      const stat = await Deno.stat(`${path}-wal`);
      assert.ok(stat.isFile, "the database runs in WAL mode");
    } finally {
      await cli.close();
      await server.close();
    }
  });
});

Deno.test("SqliteStore: another connection's write moves the scheduling version", async () => {
  await withDatabase(async (path) => {
    const server = SqliteStore.open(path);
    const cli = SqliteStore.open(path);
    try {
      await server.migrate();
      await cli.migrate();
      const before = await server.schedulingVersion();
      assert.equal(await server.schedulingVersion(), before, "stable while nothing is written");
      await cli.recordParsedFile(parsedFile("o.ts", [dagDefinition("o")]), {
        now: T0,
        pausedAtCreation: true,
      });
      assert.notEqual(await server.schedulingVersion(), before);
    } finally {
      await cli.close();
      await server.close();
    }
  });
});

Deno.test("SqliteStore: a database from a newer Updraft is refused", async () => {
  await withDatabase(async (path) => {
    const store = SqliteStore.open(path);
    try {
      await store.migrate();
      const { DatabaseSync } = await import("node:sqlite");
      const raw = new DatabaseSync(path);
      raw.exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
      raw.close();
      await assert.rejects(() => store.migrate(), /schema version 99 is newer/);
    } finally {
      await store.close();
    }
  });
});

Deno.test("SqliteStore: opening an impossible path names it", () => {
  assert.throws(
    () => SqliteStore.open("/nonexistent-dir-for-updraft/x/updraft.db"),
    /opening SQLite database \/nonexistent-dir-for-updraft\/x\/updraft\.db failed/,
  );
  assert.throws(
    () => SqliteStore.open(":memory:", { defaultPoolSlots: 1.5 }),
    /defaultPoolSlots/,
  );
});
