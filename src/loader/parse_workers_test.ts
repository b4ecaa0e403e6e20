import assert from "node:assert/strict";
import { parseDagFile, ParseWorkers } from "./mod.ts";
import { lines, withDagFolder } from "./_test_folder.ts";

const IMPORT = `import { dag, task } from "updraft";`;

/** A DAG file whose description reports what `probe` (an expression) finds. */
function probeFile(id: string, probe: string, ...before: string[]): string {
  return lines(
    IMPORT,
    "const helper = () => {};",
    ...before,
    `export default dag({ id: "${id}", description: String(${probe}) }, () => {`,
    `  task({ id: "t" }, helper);`,
    "});",
  );
}

/** Parse the files in order with one pool; each outcome's description, or its error. */
async function parseInTurn(
  files: Record<string, string>,
  workers: ParseWorkers,
): Promise<{ name: string; described: string; started: number }[]> {
  return await withDagFolder(files, async (folder) => {
    const seen = [];
    for (const name of Object.keys(files)) {
      const parsed = await parseDagFile(`${folder}/${name}`, { folder, workers });
      const described = parsed.ok ? String(parsed.dags[0].description) : parsed.message;
      seen.push({ name, described, started: workers.started });
    }
    return seen;
  });
}

Deno.test("ParseWorkers: clean files share one Worker, each with its own top-level names", async () => {
  const workers = new ParseWorkers();
  try {
    const seen = await parseInTurn({
      "a.ts": probeFile("a", "typeof helper"),
      "b.ts": probeFile("b", "typeof helper"),
      "c.ts": probeFile("c", "typeof helper"),
    }, workers);
    assert.deepEqual(seen.map((file) => file.described), ["function", "function", "function"]);
    assert.equal(workers.started, 1, "one Worker parsed all three files");
  } finally {
    workers.close();
  }
});

Deno.test("ParseWorkers: a file that changes the Worker retires it; the next file sees nothing", async () => {
  const workers = new ParseWorkers();
  try {
    const seen = await parseInTurn({
      "a_global.ts": probeFile("a_global", "1", "(globalThis as any).leaked = 1;"),
      "b_probe.ts": probeFile("b_probe", "(globalThis as any).leaked"),
      "c_builtin.ts": probeFile("c_builtin", "1", "(Array.prototype as any).extra = 1;"),
      "d_probe.ts": probeFile("d_probe", "([] as any).extra"),
      "e_timer.ts": probeFile("e_timer", "1", "setInterval(() => {}, 60_000);"),
      "f_probe.ts": probeFile("f_probe", "'clean'"),
      "g_throws.ts": lines(IMPORT, `throw new Error("broken");`),
      "h_probe.ts": probeFile("h_probe", "'clean'"),
      "i_probe.ts": probeFile("i_probe", "'clean'"),
    }, workers);
    assert.deepEqual(seen.map((file) => [file.name, file.started]), [
      ["a_global.ts", 1],
      ["b_probe.ts", 2],
      ["c_builtin.ts", 2],
      ["d_probe.ts", 3],
      ["e_timer.ts", 3],
      ["f_probe.ts", 4],
      ["g_throws.ts", 4],
      ["h_probe.ts", 5],
      ["i_probe.ts", 5],
    ]);
    assert.equal(seen[1].described, "undefined", "the global did not leak");
    assert.equal(seen[3].described, "undefined", "the built-in change did not leak");
    assert.match(seen[6].described, /^g_throws\.ts:2: .*broken/);
  } finally {
    workers.close();
  }
});
