import assert from "node:assert/strict";
import type { ParsedFile } from "../core/mod.ts";
import { type DagFolderWatcher, watchDagFolder, type WatchOptions } from "./mod.ts";
import { lines, withDagFolder, writeFiles } from "./_test_folder.ts";

const dagFile = (id: string, value = 1) =>
  lines(
    `import { dag, task } from "updraft";`,
    `export default dag({ id: "${id}" }, () => { task({ id: "t" }, () => ${value}); });`,
  );

/** Records what a watcher reports. */
class Recorder {
  readonly events: string[] = [];
  readonly parsed: ParsedFile[] = [];
  readonly errors: unknown[] = [];

  options(extra: Partial<WatchOptions> = {}): WatchOptions {
    return {
      onParsed: (file) => {
        this.parsed.push(file);
        this.events.push(`${file.ok ? "parsed" : "error"} ${file.fileloc}`);
        return Promise.resolve();
      },
      onDeleted: (fileloc) => {
        this.events.push(`deleted ${fileloc}`);
        return Promise.resolve();
      },
      onError: (error) => void this.errors.push(error),
      rescanIntervalMs: 60_000,
      ...extra,
    };
  }

  count(event: string): number {
    return this.events.filter((seen) => seen === event).length;
  }

  last(fileloc: string): ParsedFile | undefined {
    return this.parsed.findLast((file) => file.fileloc === fileloc);
  }
}

/** Poll until `check` holds; fail with `what` after a deadline (a guard, not a timing claim). */
async function waitFor(what: string, check: () => boolean, deadlineMs = 2_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function watching(
  files: Record<string, string>,
  use: (folder: string, recorder: Recorder, watcher: DagFolderWatcher) => Promise<void>,
  extra: Partial<WatchOptions> = {},
): Promise<void> {
  await withDagFolder(files, async (folder) => {
    const recorder = new Recorder();
    const watcher = watchDagFolder(folder, recorder.options(extra));
    try {
      await watcher.ready;
      await use(folder, recorder, watcher);
    } finally {
      await watcher.close();
    }
    assert.deepEqual(recorder.errors, []);
  });
}

Deno.test("watchDagFolder: the first scan parses DAG files only, skipping _ and . names", async () => {
  await watching({
    "a.ts": dagFile("a"),
    "nested/b.js": lines(
      `import { dag } from "updraft";`,
      `export const b = dag({ id: "b" }, () => {});`,
    ),
    "_helpers.ts": "export const x = 1;\n",
    "_private/c.ts": dagFile("c"),
    ".hidden/d.ts": dagFile("d"),
    "notes.md": "# not a DAG",
    "types.d.ts": "export type X = number;\n",
  }, (_folder, recorder) => {
    assert.deepEqual(recorder.events.sort(), ["parsed a.ts", "parsed nested/b.js"]);
    const nested = recorder.last("nested/b.js");
    assert.ok(nested?.ok);
    assert.deepEqual(nested.dags.map((dag) => [dag.dagId, dag.fileloc]), [["b", "nested/b.js"]]);
    return Promise.resolve();
  });
});

Deno.test("watchDagFolder: new, changed and deleted files are picked up", async () => {
  await watching({ "a.ts": dagFile("a") }, async (folder, recorder) => {
    await writeFiles(folder, { "b.ts": dagFile("b") });
    await waitFor("the new file", () => recorder.count("parsed b.ts") === 1);
    await Deno.writeTextFile(`${folder}/a.ts`, dagFile("a", 2));
    await waitFor("the change", () => recorder.count("parsed a.ts") === 2);
    const changed = recorder.last("a.ts");
    assert.ok(changed?.ok && changed.bundle.source.includes("() => 2"));
    await Deno.remove(`${folder}/b.ts`);
    await waitFor("the deletion", () => recorder.count("deleted b.ts") === 1);
    await Deno.writeTextFile(`${folder}/a.ts`, "export default dag(");
    await waitFor("the broken change", () => recorder.count("error a.ts") === 1);
  });
});

Deno.test("watchDagFolder: a helper change re-parses the files importing it, only those", async () => {
  await watching({
    "uses.ts": lines(
      `import { dag, task } from "updraft";`,
      `import { VALUE } from "./_lib/value.ts";`,
      `export default dag({ id: "uses" }, () => { task({ id: "t" }, () => VALUE); });`,
    ),
    "other.ts": dagFile("other"),
    "_lib/value.ts": "export const VALUE = 1;\n",
  }, async (folder, recorder) => {
    assert.equal(recorder.count("parsed uses.ts"), 1);
    await Deno.writeTextFile(`${folder}/_lib/value.ts`, "export const VALUE = 2;\n");
    await waitFor("the importer's re-parse", () => recorder.count("parsed uses.ts") === 2);
    const reparsed = recorder.last("uses.ts");
    assert.ok(reparsed?.ok && reparsed.bundle.code.includes("VALUE = 2"));
    await watcherSettles();
    assert.equal(recorder.count("parsed other.ts"), 1, "files not importing it are left alone");
  });
});

Deno.test("watchDagFolder: a file failing on a missing helper is re-parsed when it appears", async () => {
  await watching({
    "needs.ts": lines(
      `import { dag } from "updraft";`,
      `import { make } from "./_make.ts";`,
      `export default dag({ id: "needs" }, () => make());`,
    ),
  }, async (folder, recorder) => {
    assert.equal(recorder.count("error needs.ts"), 1);
    await writeFiles(folder, {
      "_make.ts": lines(
        `import { empty } from "updraft";`,
        `export const make = () => void empty({ id: "e" });`,
      ),
    });
    await waitFor("the re-parse", () => recorder.count("parsed needs.ts") === 1);
  });
});

Deno.test("watchDagFolder: rescan() finds changes; unchanged content is not re-parsed", async () => {
  await watching({ "a.ts": dagFile("a") }, async (folder, recorder, watcher) => {
    const text = await Deno.readTextFile(`${folder}/a.ts`);
    await Deno.writeTextFile(`${folder}/a.ts`, text); // new mtime, same content
    await watcher.rescan();
    await watcherSettles();
    assert.equal(recorder.count("parsed a.ts"), 1);
    await Deno.writeTextFile(`${folder}/a.ts`, dagFile("a", 3));
    await watcher.rescan();
    assert.equal(recorder.count("parsed a.ts"), 2, "rescan() settles after the parse is reported");
  });
});

Deno.test("watchDagFolder: known files missing on the first scan are reported deleted", async () => {
  await watching({ "kept.ts": dagFile("kept") }, (_folder, recorder) => {
    assert.deepEqual(recorder.events.sort(), ["deleted gone.ts", "parsed kept.ts"]);
    return Promise.resolve();
  }, { knownFiles: ["gone.ts", "kept.ts"] });
});

Deno.test("watchDagFolder: one slow file does not block the others", async () => {
  await watching({
    "a_slow.ts": lines(`import { dag } from "updraft";`, "while (true) {}"),
    "b.ts": dagFile("b"),
    "c.ts": dagFile("c"),
  }, (_folder, recorder) => {
    assert.deepEqual(recorder.events, ["parsed b.ts", "parsed c.ts", "error a_slow.ts"]);
    assert.match((recorder.last("a_slow.ts") as { message: string }).message, /timed out/);
    return Promise.resolve();
  }, { parseTimeoutMs: 2_000, concurrency: 2 });
});

Deno.test("watchDagFolder: callback errors are reported, not thrown", async () => {
  await withDagFolder({ "a.ts": dagFile("a") }, async (folder) => {
    const errors: unknown[] = [];
    const watcher = watchDagFolder(folder, {
      onParsed: () => Promise.reject(new Error("store is down")),
      onDeleted: () => Promise.resolve(),
      onError: (error) => void errors.push(error),
      rescanIntervalMs: 60_000,
    });
    await watcher.ready;
    await watcher.close();
    assert.equal((errors[0] as Error).message, "store is down");
  });
});

/** Give pending file events time to arrive (for assertions that something did not happen). */
function watcherSettles(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}
