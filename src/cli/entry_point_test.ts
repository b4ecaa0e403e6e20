import assert from "node:assert/strict";
import { passingDag } from "./_testing.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

async function updraft(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, MAIN, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { UPDRAFT_DEBUG: "" },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("the real entry point: dags list in a subprocess", async () => {
  const root = await Deno.makeTempDir({ prefix: "updraft-entry-test-" });
  try {
    await Deno.mkdir(`${root}/dags`);
    await Deno.writeTextFile(`${root}/dags/greet.ts`, passingDag("greet"));
    const listed = await updraft([
      "dags",
      "list",
      "--home",
      `${root}/home`,
      "--dags-folder",
      `${root}/dags`,
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^dag_id +\| fileloc/);
    assert.match(listed.stdout, /\ngreet +\| greet\.ts +\| ada/);
    const unknown = await updraft(["dags", "lsit", "--home", `${root}/home`]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^updraft: unknown command 'dags lsit'/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
