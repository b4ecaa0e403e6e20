import assert from "node:assert/strict";
import vm from "node:vm";
import { bundleAsScript } from "./_script.ts";
import { bundleDagFile, BundleError } from "./mod.ts";
import { sha256Hex } from "./bundle.ts";
import { lines, withDagFolder } from "./_test_folder.ts";

const FIXTURES = new URL("../../tests/fixtures/dags/", import.meta.url).pathname;

Deno.test("bundleDagFile: one ESM module with its helpers, an inline source map and its inputs", async () => {
  const bundle = await bundleDagFile(`${FIXTURES}taskflow.ts`, { folder: FIXTURES });
  assert.equal(bundle.fileloc, "taskflow.ts");
  assert.equal(bundle.source, await Deno.readTextFile(`${FIXTURES}taskflow.ts`));
  assert.match(bundle.code, /function total\(numbers\)/, "the helper is inlined");
  assert.match(bundle.code, /Symbol\.for\("updraft\.modules"\)/, "the SDK comes from the global");
  assert.doesNotMatch(bundle.code, /from\s*["']updraft["']/, "no import of updraft is left");
  assert.match(bundle.code, /\nexport \{\n {2}taskflow_default as default\n\};\n/);
  assert.match(bundle.code, /\/\/# sourceMappingURL=data:application\/json;base64,/);
  assert.equal(bundle.bundleHash, await sha256Hex(bundle.code));
  assert.match(bundle.bundleHash, /^[0-9a-f]{64}$/);
  assert.deepEqual(bundle.inputs.sort(), [
    `${FIXTURES}_shared/numbers.ts`,
    `${FIXTURES}taskflow.ts`,
  ]);
});

Deno.test("bundleDagFile: the same source gives the same hash; a change gives another", async () => {
  await withDagFolder({ "a.ts": "export const x = 1;\n" }, async (folder) => {
    const first = await bundleDagFile(`${folder}/a.ts`, { folder });
    const again = await bundleDagFile(`${folder}/a.ts`, { folder });
    assert.equal(first.bundleHash, again.bundleHash);
    await Deno.writeTextFile(`${folder}/a.ts`, "export const x = 2;\n");
    const changed = await bundleDagFile(`${folder}/a.ts`, { folder });
    assert.notEqual(changed.bundleHash, first.bundleHash);
  });
});

Deno.test("bundleDagFile: the module names are a parameter", async () => {
  await withDagFolder({
    "p.ts": lines(`import { get } from "@updraft/ftp";`, "export const x = get;"),
  }, async (folder) => {
    const bundle = await bundleDagFile(`${folder}/p.ts`, {
      folder,
      modules: { updraft: ["dag"], "@updraft/ftp": ["get", "post"] },
    });
    assert.match(bundle.code, /\["@updraft\/ftp"\]/);
    assert.match(bundle.code, /const \{ get \} = /);
    await assert.rejects(bundleDagFile(`${folder}/p.ts`, { folder }), (error: unknown) => {
      assert.ok(error instanceof BundleError);
      assert.match(
        error.message,
        /^p\.ts:1:21: cannot import "@updraft\/ftp": DAG files may import "updraft", "@updraft\/email", .*"@updraft\/sql" and relative files only/,
      );
      assert.equal(error.line, 1);
      return true;
    });
  });
});

Deno.test("bundleDagFile: errors name the file, line and column", async () => {
  await withDagFolder({
    "syntax.ts": lines(`import { dag } from "updraft";`, "", "const = 3;"),
    "missing.ts": lines(
      `import { dag } from "updraft";`,
      `import { x } from "./nowhere.ts";`,
      "x();",
    ),
    "deep.ts": lines(`import { y } from "./_lib/broken.ts";`, "export const z = y;"),
    "_lib/broken.ts": lines("export const y = (;"),
    "bad_name.ts": lines(`import { dagg } from "updraft";`, "export const d = dagg;"),
  }, async (folder) => {
    const failure = async (file: string) => {
      try {
        await bundleDagFile(`${folder}/${file}`, { folder });
      } catch (error) {
        assert.ok(error instanceof BundleError);
        return { message: error.message, file: error.file, line: error.line };
      }
      assert.fail(`${file} should not bundle`);
    };
    assert.deepEqual(await failure("syntax.ts"), {
      message: 'syntax.ts:3:7: Expected identifier but found "="',
      file: "syntax.ts",
      line: 3,
    });
    assert.deepEqual(await failure("missing.ts"), {
      message: 'missing.ts:2:19: Could not resolve "./nowhere.ts"',
      file: "missing.ts",
      line: 2,
    });
    assert.deepEqual(await failure("deep.ts"), {
      message: '_lib/broken.ts:1:19: Unexpected ";"',
      file: "_lib/broken.ts",
      line: 1,
    });
    assert.match(
      (await failure("bad_name.ts")).message,
      /^bad_name\.ts:1:10: No matching export .*"dagg"/,
    );
    const unreadable = await failure("gone.ts");
    assert.match(unreadable.message, /^gone\.ts: cannot read the DAG file: /);
  });
});

Deno.test("bundleDagFile: a file importing only Updraft's modules needs no plugin, and evaluates", async () => {
  await withDagFolder({
    "alone.ts": lines(
      `import { dag as makeDag, task } from "updraft";`,
      `import * as sdk from "updraft";`,
      `export const a = makeDag; export const b = task; export const c = sdk.dag;`,
    ),
  }, async (folder) => {
    const bundle = await bundleDagFile(`${folder}/alone.ts`, {
      folder,
      modules: { updraft: ["dag", "task"] },
    });
    assert.ok(!bundle.code.includes("updraft-module-"), "no sentinel or virtual namespace left");
    // No import is left: the parse Worker runs it as a classic script under its time limit.
    const script = bundleAsScript(bundle.code);
    assert.ok(script !== null);
    new vm.Script(script);
    const installed = { dag: () => "dag", task: () => "task" };
    const modules = Symbol.for("updraft.modules");
    const global = globalThis as unknown as Record<symbol, unknown>;
    const previous = global[modules];
    global[modules] = { updraft: installed };
    try {
      const exported = await import(
        `data:text/javascript;base64,${
          btoa(String.fromCharCode(...new TextEncoder().encode(bundle.code)))
        }`
      );
      assert.equal(exported.a, installed.dag);
      assert.equal(exported.b, installed.task);
      assert.equal(exported.c, installed.dag);
    } finally {
      global[modules] = previous;
    }
  });
});
