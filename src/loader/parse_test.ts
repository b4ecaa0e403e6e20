import assert from "node:assert/strict";
import type { ParsedFile } from "../core/mod.ts";
import { dagDefinitionSchema, parseDagFile } from "./mod.ts";
import { lines, withDagFolder } from "./_test_folder.ts";
import { readThreadFiles } from "./_test_probe.ts";

const FIXTURES = new URL("../../tests/fixtures/dags/", import.meta.url).pathname;
const IMPORT = `import { dag, task, empty } from "updraft";`;

type Failed = Extract<ParsedFile, { ok: false }>;

/** Parse each file of a temporary folder; returns the outcomes by file name. */
async function parseAll(
  files: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<Record<string, ParsedFile>> {
  return await withDagFolder(files, async (folder) => {
    const outcomes: Record<string, ParsedFile> = {};
    for (const name of Object.keys(files).filter((name) => !name.startsWith("_"))) {
      outcomes[name] = await parseDagFile(`${folder}/${name}`, { folder, ...options });
    }
    return outcomes;
  });
}

function failed(outcome: ParsedFile | undefined): Failed {
  assert.ok(outcome && !outcome.ok, `expected an import error, got ${JSON.stringify(outcome)}`);
  return outcome;
}

Deno.test("parseDagFile: the fixtures parse, with every exported DAG and only those", async () => {
  const multi = await parseDagFile(`${FIXTURES}multi.ts`, { folder: FIXTURES });
  assert.ok(multi.ok, !multi.ok ? multi.message : "");
  assert.deepEqual(multi.dags.map((d) => d.dagId), ["multi_default", "multi_hourly"]);
  assert.equal(multi.fileloc, "multi.ts");
  assert.equal(multi.bundle.fileloc, "multi.ts");
  assert.match(multi.bundle.bundleHash, /^[0-9a-f]{64}$/);
  const example = await parseDagFile(`${FIXTURES}example.ts`, { folder: FIXTURES });
  assert.ok(example.ok);
  const [definition] = example.dags;
  assert.equal(definition.fileloc, "example.ts");
  assert.deepEqual(definition.tasks.map((t) => [t.taskId, t.upstream, t.retries]), [
    ["extract", [], 1],
    ["transform", ["extract"], 2],
    ["load", ["transform"], 1],
  ]);
  for (const dag of [...multi.dags, ...example.dags]) dagDefinitionSchema.parse(dag);
  const operators = await parseDagFile(`${FIXTURES}operators.ts`, { folder: FIXTURES });
  assert.ok(operators.ok);
  assert.deepEqual(operators.dags[0].tasks[0].permissions, { net: ["api.example.com"] });
  assert.equal(operators.dags[0].tasks[0].operator, "FetchJsonOperator");
  const taskflow = await parseDagFile(`${FIXTURES}taskflow.ts`, { folder: FIXTURES });
  assert.ok(taskflow.ok);
  assert.deepEqual(taskflow.dags[0].tasks.find((t) => t.taskId === "report")?.upstream, [
    "big",
    "small",
  ]);
});

Deno.test("parseDagFile: a file without DAGs is fine (no error, no DAG)", async () => {
  const { "plain.ts": plain } = await parseAll({ "plain.ts": "export const answer = 42;\n" });
  assert.ok(plain.ok);
  assert.deepEqual(plain.dags, []);
});

Deno.test("import error: syntax error", async () => {
  const outcome = failed(
    (await parseAll({ "syntax.ts": lines(IMPORT, "", "const = 3;") }))[
      "syntax.ts"
    ],
  );
  assert.equal(outcome.fileloc, "syntax.ts");
  assert.equal(outcome.message, 'syntax.ts:3:7: Expected identifier but found "="');
  assert.equal(outcome.line, 3);
});

Deno.test("import error: missing import", async () => {
  const outcome = failed(
    (await parseAll({
      "missing.ts": lines(IMPORT, `import { helper } from "./_nowhere.ts";`, "helper();"),
    }))["missing.ts"],
  );
  assert.equal(outcome.message, 'missing.ts:2:24: Could not resolve "./_nowhere.ts"');
  assert.equal(outcome.line, 2);
});

Deno.test("import error: exception at the top level, with the mapped stack", async () => {
  const outcome = failed(
    (await parseAll({
      "throws.ts": lines(IMPORT, `import { explode } from "./_lib.ts";`, "", "explode();"),
      "_lib.ts": lines(
        "export function explode() {",
        `  throw new Error("boom at the top level");`,
        "}",
      ),
    }))["throws.ts"],
  );
  assert.equal(
    outcome.message,
    lines(
      "_lib.ts:2: the DAG file failed while it was parsed: Error: boom at the top level",
      "    at explode (_lib.ts:2:9)",
      "    at throws.ts:4:1",
    ).trimEnd(),
  );
  assert.equal(outcome.line, 4, "the line in the DAG file itself");
});

Deno.test("import error: an endless loop times out, and is stopped", async () => {
  const outcome = failed(
    (await parseAll({
      // Uses the SDK, so the bundle's imports are inlined (a classic script can hold no import).
      "loop.ts": lines(IMPORT, "export const used = [dag, task, empty];", "while (true) {}"),
    }, { timeoutMs: 300 }))["loop.ts"],
  );
  assert.match(outcome.message, /^loop\.ts: timed out after 300ms while parsing/);
  assert.equal(outcome.line, null);
  // Stopped, not abandoned: Worker.terminate() cannot stop a busy loop, only the script time
  // limit can, so no Worker thread may still be spinning afterwards.
  // CPU per Worker thread (ms), by thread id.
  const workerCpuMs = () => {
    const byThread = new Map<string, number>();
    for (const [thread, stat] of readThreadFiles("stat")) {
      if (!stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).startsWith("worker")) continue;
      const fields = stat.split(") ")[1].split(" ");
      byThread.set(thread, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return byThread;
  };
  const before = workerCpuMs();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  let used = 0;
  for (const [thread, cpuMs] of workerCpuMs()) used += cpuMs - (before.get(thread) ?? 0);
  assert.ok(used < 300, `Worker threads used ${used} ms of CPU in the second after the timeout`);
});

Deno.test("import error: a top-level await that never settles times out", async () => {
  const outcome = failed(
    (await parseAll({ "wait.ts": lines(IMPORT, "await new Promise(() => {});") }, {
      timeoutMs: 200,
    }))["wait.ts"],
  );
  assert.match(outcome.message, /^wait\.ts: timed out after 200ms while parsing/);
});

Deno.test("import error: reading a file or the environment at parse time is denied", async () => {
  const outcomes = await parseAll({
    "reads.ts": lines(IMPORT, `const secret = Deno.readTextFileSync("/etc/hostname");`),
    "env.ts": lines(IMPORT, "", `export const home = Deno.env.get("HOME");`),
    "net.ts": lines(IMPORT, `await fetch("http://127.0.0.1:4999/");`),
  });
  const reads = failed(outcomes["reads.ts"]);
  assert.match(
    reads.message,
    /^reads\.ts:2: the DAG file failed while it was parsed: NotCapable: Requires read access to "\/etc\/hostname"/,
  );
  assert.match(reads.message, /DAG files are parsed without any permission/);
  assert.equal(reads.line, 2);
  const env = failed(outcomes["env.ts"]);
  assert.match(env.message, /^env\.ts:3: .*NotCapable: Requires env access to "HOME"/);
  assert.equal(env.line, 3);
  assert.match(failed(outcomes["net.ts"]).message, /NotCapable: Requires net access/);
});

Deno.test("import errors for invalid definitions name the file, line, DAG, task and field", async () => {
  const outcomes = await parseAll({
    "rule.ts": lines(
      IMPORT,
      "",
      `export default dag({ id: "rules" }, () => {`,
      `  empty({ id: "fine" });`,
      `  task({ id: "odd", triggerRule: "sometimes" }, () => 1);`,
      "});",
    ),
    "cron.ts": lines(
      IMPORT,
      `export default dag({ id: "c", schedule: "61 * * * *", startDate: "2024-01-01" }, () => {});`,
    ),
    "cycle.ts": lines(
      IMPORT,
      `export default dag({ id: "cyc" }, () => {`,
      `  const a = empty({ id: "a" });`,
      `  const b = empty({ id: "b" });`,
      "  a.before(b).before(a);",
      "});",
    ),
    "start.ts": lines(
      IMPORT,
      "",
      "",
      `export const d = dag({ id: "s", schedule: "@daily" }, () => {});`,
    ),
    "dup.ts": lines(
      IMPORT,
      `export const one = dag({ id: "same" }, () => {});`,
      `export const two = dag({ id: "same" }, () => {});`,
    ),
    "outside.ts": lines(IMPORT, "", `export const t = task({ id: "t" }, () => 1);`),
    "forged.ts": lines(
      `export default { [Symbol.for("updraft.Dag")]: true, dagId: "forged",`,
      `  toDefinition: (fileloc) => ({ dagId: "forged", fileloc, tasks: "none" }) };`,
    ),
  });
  const rule = failed(outcomes["rule.ts"]);
  assert.match(
    rule.message,
    /^rule\.ts:5: DAG "rules", task "odd", triggerRule: unknown trigger rule "sometimes"; valid trigger rules: all_success,/,
  );
  assert.equal(rule.line, 5);
  const cron = failed(outcomes["cron.ts"]);
  assert.match(
    cron.message,
    /^cron\.ts:2: DAG "c", schedule: invalid cron expression "61 \* \* \* \*"/,
  );
  const cycle = failed(outcomes["cycle.ts"]);
  assert.equal(cycle.message, 'cycle.ts:2: DAG "cyc": the dependencies form a cycle: a → b → a');
  assert.equal(cycle.line, 2);
  const start = failed(outcomes["start.ts"]);
  assert.match(
    start.message,
    /^start\.ts:4: DAG "s", startDate: the DAG is missing the start_date/,
  );
  const duplicate = failed(outcomes["dup.ts"]);
  assert.equal(
    duplicate.message,
    'dup.ts:3: DAG "same", id: duplicate DAG id: the file defines two DAGs with this id',
  );
  const outside = failed(outcomes["outside.ts"]);
  assert.match(outside.message, /^outside\.ts:3: task\(\) was called outside a DAG/);
  const forged = failed(outcomes["forged.ts"]);
  assert.match(forged.message, /^forged\.ts: invalid DAG definition at \["forged"\]\./);
});

Deno.test("import errors: a DAG file that needs top-level await still gets its lines", async () => {
  const outcome = failed(
    (await parseAll({
      "tla.ts": lines(
        IMPORT,
        "await Promise.resolve();",
        `export default dag({ id: "t" }, () => {`,
        `  task({ id: "x", retries: -1 }, () => 1);`,
        "});",
      ),
    }))["tla.ts"],
  );
  assert.match(outcome.message, /^tla\.ts:4: DAG "t", task "x", retries: must be an integer ≥ 0/);
  assert.equal(outcome.line, 4);
});

Deno.test("parseDagFile: a DAG defined by a helper reports the helper's line", async () => {
  const outcome = failed(
    (await parseAll({
      "uses_helper.ts": lines(
        IMPORT,
        `import { addTasks } from "./_helpers/tasks.ts";`,
        `export default dag({ id: "h" }, () => {`,
        "  addTasks();",
        "});",
      ),
      "_helpers/tasks.ts": lines(
        `import { task } from "updraft";`,
        "export function addTasks() {",
        `  task({ id: "bad", retryDelay: "soon" }, () => 1);`,
        "}",
      ),
    }))["uses_helper.ts"],
  );
  assert.match(
    outcome.message,
    /^_helpers\/tasks\.ts:3: DAG "h", task "bad", retryDelay: invalid duration "soon"/,
  );
  assert.equal(outcome.line, 4, "the DAG file's line that led there");
});
