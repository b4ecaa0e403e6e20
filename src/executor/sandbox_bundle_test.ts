import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const COMMITTED = new URL("./_sandbox_worker.bundle.js", import.meta.url);

Deno.test("the sandbox Worker bundle is up to date with its sources and inlines no package", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-sandbox-bundle-" });
  try {
    const fresh = `${folder}/bundle.js`;
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--config",
        new URL("deno.json", ROOT).pathname,
        "--packages",
        "external",
        "--external",
        "croner",
        "--output",
        fresh,
        "src/executor/sandbox_worker.ts",
      ],
      cwd: ROOT.pathname,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    const expected = await Deno.readTextFile(fresh);
    const committed = await Deno.readTextFile(COMMITTED);
    assert.ok(
      committed === expected,
      "src/executor/_sandbox_worker.bundle.js is stale: run `deno task bundle:sandbox`",
    );
    assert.ok(
      !committed.includes("registry.npmjs.org"),
      "the sandbox bundle inlines an npm package: mark it --external in deno.json's bundle:sandbox",
    );
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
