/**
 * The generated one-file scripts are committed: the Workers' (`deno task bundle:workers`) and the
 * dashboard's client script (`deno task bundle:client`). This test runs the same commands into a
 * temporary folder and compares.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

/** Each `deno bundle` command of the tasks, with the file it writes and its task. */
async function bundleCommands(): Promise<{ args: string[]; output: string; task: string }[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  return ["bundle:workers", "bundle:client"].flatMap((task) =>
    (config.tasks[task] as string).split("&&").map((command) => {
      const args = command.trim().split(/\s+/).slice(1);
      return { args, output: args[args.indexOf("--output") + 1], task };
    })
  );
}

Deno.test("the generated scripts (Workers, dashboard client) are up to date and inline no package", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-worker-bundles-" });
  try {
    const commands = await bundleCommands();
    assert.equal(commands.length, 3, "the sandbox and parse Workers, the dashboard's client");
    for (const { args, output, task } of commands) {
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
        `${output} is stale: run \`deno task ${task}\``,
      );
      assert.ok(
        !committed.includes("registry.npmjs.org"),
        `${output} inlines an npm package: mark it --external in deno.json's ${task}`,
      );
    }
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
