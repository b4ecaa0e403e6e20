import assert from "node:assert/strict";
import { bundleDagFile, BundleError, DagBundler, dataUrl, parseDagFile } from "./mod.ts";
import type { ProbeReport } from "./_test_probe.ts";
import { lines, withDagFolder } from "./_test_folder.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PROBE = new URL("./_test_probe.ts", import.meta.url).pathname;

const WITH_HELPER = {
  "uses_helper.ts": lines(
    `import { dag, task } from "updraft";`,
    `import { double } from "./_lib/math.ts";`,
    `export default dag({ id: "uses_helper" }, () => { task({ id: "t" }, () => double(2)); });`,
  ),
  "_lib/math.ts": "export const double = (value: number) => value * 2;\n",
};

/** Run the probe in a child `deno` process; its report. */
async function probe(
  folder: string,
  options: { idleMs: number; env?: Record<string, string>; clearEnv?: boolean },
): Promise<ProbeReport> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "--config",
      `${ROOT}deno.json`,
      PROBE,
      folder,
      `${folder}/uses_helper.ts`,
      String(options.idleMs),
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: options.clearEnv ?? false,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, `the probe failed: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
}

/** Poll until `check` holds; fail with `what` after a deadline (a guard, not a timing claim). */
async function waitFor(what: string, check: () => boolean, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test("bundling needs no Node.js: PATH holds only deno, and no child process is spawned", async () => {
  await withDagFolder(WITH_HELPER, async (folder) => {
    const bin = await Deno.makeTempDir({ prefix: "updraft_path_" });
    try {
      await Deno.symlink(Deno.execPath(), `${bin}/deno`);
      const env: Record<string, string> = { PATH: bin, HOME: Deno.env.get("HOME") ?? "/root" };
      const denoDir = Deno.env.get("DENO_DIR");
      if (denoDir) env.DENO_DIR = denoDir;
      const report = await probe(folder, { idleMs: 1_000, env, clearEnv: true });
      assert.deepEqual(report.first, { ok: true, dagIds: ["uses_helper"], message: null });
      assert.deepEqual(report.children, [], "bundling started no process");
    } finally {
      await Deno.remove(bin, { recursive: true });
    }
  });
});

Deno.test("the bundler Worker's thread ends after its idle time; the next parse starts it again", async () => {
  await withDagFolder(WITH_HELPER, async (folder) => {
    const report = await probe(folder, { idleMs: 1_000 });
    assert.ok(report.first.ok, report.first.message ?? "");
    assert.equal(report.workerThreadsLoaded, 1, "the bundler Worker is alive after a parse");
    assert.equal(report.workerThreadsReleased, 0, "and gone after its idle time");
    assert.deepEqual(report.second, { ok: true, dagIds: ["uses_helper"], message: null });
  });
});

Deno.test("DagBundler: started by the first request, released after idleMs, started again", async () => {
  await withDagFolder(WITH_HELPER, async (folder) => {
    const bundler = new DagBundler(folder, { idleMs: 200 });
    try {
      assert.equal(bundler.running, false, "nothing runs before the first request");
      const first = await bundleDagFile(`${folder}/uses_helper.ts`, { folder, bundler });
      assert.equal(bundler.workerStarts, 1);
      await waitFor("the idle release", () => !bundler.running);
      const second = await bundleDagFile(`${folder}/uses_helper.ts`, { folder, bundler });
      assert.equal(bundler.workerStarts, 2);
      assert.equal(second.code, first.code);
      assert.deepEqual(second.inputs.sort(), [
        `${folder}/_lib/math.ts`,
        `${folder}/uses_helper.ts`,
      ]);
    } finally {
      await bundler.close();
    }
    assert.equal(bundler.running, false);
    await assert.rejects(
      bundleDagFile(`${folder}/uses_helper.ts`, { folder, bundler }),
      /^BundleError: uses_helper\.ts: cannot bundle the DAG file: the DAG bundler of .* is closed$/,
    );
  });
});

Deno.test("DagBundler: queued requests are answered in order, each with its own bundle", async () => {
  await withDagFolder({
    "a.ts": "export const a = 1;\n",
    "b.ts": "export const b = (;\n",
    "c.ts": "export const c = 3;\n",
  }, async (folder) => {
    const bundler = new DagBundler(folder);
    try {
      const outcomes = await Promise.all(
        ["a.ts", "b.ts", "c.ts"].map((name) =>
          bundleDagFile(`${folder}/${name}`, { folder, bundler }).then(
            (bundle) => bundle.code.includes(`var ${name[0]} = `),
            (error: Error) => error.message,
          )
        ),
      );
      assert.deepEqual(outcomes, [true, 'b.ts:1:19: Unexpected ";"', true]);
      assert.equal(bundler.workerStarts, 1, "one Worker served them all");
    } finally {
      await bundler.close();
    }
  });
});

Deno.test("import error: an import leaving the DAG folder is refused, naming the file and import", async () => {
  const outside = await Deno.makeTempDir({ prefix: "updraft_outside_" });
  try {
    await Deno.writeTextFile(`${outside}/secret.ts`, "export const secret = 42;\n");
    await withDagFolder({
      "up.ts": lines(
        `import { dag } from "updraft";`,
        `import { secret } from "../x/secret.ts";`,
        "dag(secret);",
      ),
      "absolute.ts": lines(`import { secret } from "${outside}/secret.ts";`, "secret;"),
      "linked.ts": lines("", `import { secret } from "./_link/secret.ts";`, "secret;"),
    }, async (folder) => {
      await Deno.symlink(outside, `${folder}/_link`);
      const up = await parseDagFile(`${folder}/up.ts`, { folder, bundlerIdleMs: 200 });
      assert.ok(!up.ok);
      assert.match(
        up.message,
        /^up\.ts:2:24: cannot import "\.\.\/x\/secret\.ts": imports outside the DAG folder are not allowed \(it resolves to \/.*\/x\/secret\.ts\)$/,
      );
      assert.equal(up.line, 2);
      const absolute = await parseDagFile(`${folder}/absolute.ts`, { folder, bundlerIdleMs: 200 });
      assert.ok(!absolute.ok);
      assert.equal(
        absolute.message,
        `absolute.ts:1:24: cannot import "${outside}/secret.ts": imports outside the DAG folder ` +
          `are not allowed (it resolves to ${outside}/secret.ts)`,
      );
      const linked = await parseDagFile(`${folder}/linked.ts`, { folder, bundlerIdleMs: 200 });
      assert.ok(!linked.ok);
      assert.equal(
        linked.message,
        'linked.ts:2:24: cannot import "./_link/secret.ts": imports outside the DAG folder ' +
          `are not allowed (it resolves to ${await Deno.realPath(outside)}/secret.ts)`,
      );
      assert.equal(linked.line, 2);
    });
  } finally {
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("bundleDagFile: relative imports resolve as esbuild resolves them", async () => {
  await withDagFolder({
    "main.ts": lines(
      `import { a } from "./_lib/plain";`,
      `import { b } from "./_lib/rewritten.js";`,
      `import { c } from "./_lib/folder";`,
      `import data from "./_lib/data.json";`,
      `import { e } from "./_lib/view.tsx";`,
      `import { f } from "./_lib/module.mjs";`,
      "export const all = [a, b, c, data.d, typeof e, f];",
    ),
    "_lib/plain.ts": "export const a = 1;\n",
    "_lib/rewritten.ts": "export const b = 2;\n",
    "_lib/folder/index.ts": "export const c = 3;\n",
    "_lib/data.json": `{ "d": 4 }\n`,
    "_lib/view.tsx": "export const e = () => <p>5</p>;\n",
    "_lib/module.mjs": "export const f = 6;\n",
    "_lib/notes.md": "# seven\n",
    "notes.ts": `import notes from "./_lib/notes.md";\nnotes;\n`,
  }, async (folder) => {
    const bundler = new DagBundler(folder);
    try {
      const bundle = await bundleDagFile(`${folder}/main.ts`, { folder, bundler });
      assert.deepEqual(bundle.inputs.map((input) => input.slice(folder.length + 1)).sort(), [
        "_lib/data.json",
        "_lib/folder/index.ts",
        "_lib/module.mjs",
        "_lib/plain.ts",
        "_lib/rewritten.ts",
        "_lib/view.tsx",
        "main.ts",
      ]);
      const module = await import(dataUrl(bundle.code));
      assert.deepEqual(module.all, [1, 2, 3, 4, "function", 6]);
      await assert.rejects(bundleDagFile(`${folder}/notes.ts`, { folder, bundler }), (error) => {
        assert.ok(error instanceof BundleError);
        assert.equal(
          error.message,
          'notes.ts:1:19: No loader is configured for ".md" files: _lib/notes.md',
        );
        return true;
      });
    } finally {
      await bundler.close();
    }
  });
});

Deno.test("bundleDagFile: a bundler serves its own folder only", async () => {
  await withDagFolder({ "a.ts": "export const a = 1;\n" }, async (folder) => {
    const bundler = new DagBundler(`${folder}/elsewhere`);
    await assert.rejects(
      bundleDagFile(`${folder}/a.ts`, { folder, bundler }),
      /a\.ts: cannot bundle the DAG file: the bundler given is for the folder .*\/elsewhere, not /,
    );
    assert.equal(bundler.workerStarts, 0);
    await bundler.close();
  });
});
