/**
 * The Workers' one-file scripts (`deno task bundle:workers`) are generated and committed: this
 * test runs the same commands into a temporary folder and compares.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

/** Each `deno bundle` command of the task, with the file it writes. */
async function bundleCommands(): Promise<{ args: string[]; output: string }[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const task: string = config.tasks["bundle:workers"];
  return task.split("&&").map((command) => {
    const args = command.trim().split(/\s+/).slice(1);
    return { args, output: args[args.indexOf("--output") + 1] };
  });
}

Deno.test("the Workers' generated scripts are up to date and inline no package", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-worker-bundles-" });
  try {
    const commands = await bundleCommands();
    assert.equal(commands.length, 2, "the sandbox and the parse Worker");
    for (const { args, output } of commands) {
      const fresh = `${folder}/bundle.js`;
      const result = await new Deno.Command(Deno.execPath(), {
        args: args.map((arg, i) => (args[i - 1] === "--output" ? fresh : arg)),
        cwd: ROOT.pathname,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
      const committed = await Deno.readTextFile(new URL(output, ROOT));
      assert.ok(
        committed === await Deno.readTextFile(fresh),
        `${output} is stale: run \`deno task bundle:workers\``,
      );
      assert.ok(
        !committed.includes("registry.npmjs.org"),
        `${output} inlines an npm package: mark it --external in deno.json's bundle:workers`,
      );
    }
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
