import assert from "node:assert/strict";
import { fixedFolder, glob, holdsFile, segmentPattern } from "./_glob.ts";

Deno.test("fixedFolder: the folder before the first wildcard or template", () => {
  assert.equal(fixedFolder("/data/in/rates.csv"), "/data/in");
  assert.equal(fixedFolder("/data/in/*.csv"), "/data/in");
  assert.equal(fixedFolder("/data/{{ ds }}/x.csv"), "/data");
  assert.equal(fixedFolder("/data/in/**/part-?"), "/data/in");
  assert.equal(fixedFolder("/data//in/./x"), "/data/in");
  assert.equal(fixedFolder("/x.csv"), "");
  assert.equal(fixedFolder("/*/x.csv"), "");
  assert.equal(fixedFolder("data/x.csv"), "");
});

Deno.test("segmentPattern: fnmatch's *, ?, [seq] and [!seq]; the rest literal", () => {
  const matches = (pattern: string, name: string) => segmentPattern(pattern).test(name);
  assert.ok(matches("*.csv", "rates.csv"));
  assert.ok(!matches("*.csv", "rates.csv.tmp"));
  assert.ok(matches("part-?", "part-1"));
  assert.ok(matches("[ab]x", "bx"));
  assert.ok(!matches("[!ab]x", "ax"));
  assert.ok(matches("a+b(1).txt", "a+b(1).txt"));
  assert.ok(matches("[x", "[x"));
});

Deno.test("glob: wildcards per folder, ** across folders when recursive, hidden names skipped", async () => {
  const root = await Deno.makeTempDir({ prefix: "updraft-glob-test-" });
  try {
    for (const path of ["a/1.csv", "a/b/2.csv", "a/b/c/3.csv", "a/.hidden.csv", "z/empty/"]) {
      await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
      if (!path.endsWith("/")) await Deno.writeTextFile(`${root}/${path}`, "x");
    }
    const relative = (paths: string[]) => paths.map((path) => path.slice(root.length + 1));
    assert.deepEqual(relative(await glob(`${root}/a/*.csv`, false)), ["a/1.csv"]);
    assert.deepEqual(relative(await glob(`${root}/a/.*.csv`, false)), ["a/.hidden.csv"]);
    assert.deepEqual(relative(await glob(`${root}/a/**/*.csv`, false)), ["a/b/2.csv"]);
    assert.deepEqual(relative(await glob(`${root}/a/**/*.csv`, true)), [
      "a/1.csv",
      "a/b/2.csv",
      "a/b/c/3.csv",
    ]);
    assert.deepEqual(relative(await glob(`${root}/*/b`, false)), ["a/b"]);
    assert.deepEqual(await glob(`${root}/missing/*.csv`, true), []);
    assert.deepEqual(await glob(`${root}/a/1.csv/*`, false), [], "a file is not a folder");
    assert.ok(await holdsFile(`${root}/a/b`), "a folder holding a file at any depth");
    assert.ok(!await holdsFile(`${root}/z`), "a folder holding only folders");
    assert.ok(!await holdsFile(`${root}/nothing`));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
