// The sandbox runtime against bundles made by the real bundler, imported from data: URLs as the
// executor's sandboxes do.
import assert from "node:assert/strict";
import type { TaskContextData } from "../core/mod.ts";
import {
  classifyTaskError,
  installSdkModules,
  runTask,
  type RunTaskRequest,
} from "../sdk/runtime/mod.ts";
import { bundleDagFile, dataUrl } from "./mod.ts";
import { lines, withDagFolder } from "./_test_folder.ts";

const SOURCE = lines(
  `import { branch, dag, FailTask, shortCircuit, SkipTask, task } from "updraft";`,
  `import { double } from "./_lib/math.ts";`,
  "",
  `export const bundled = dag({ id: "bundled", params: { factor: 2 } }, () => {`,
  `  const extract = task({ id: "extract" }, () => [1, 2, 3]);`,
  `  const doubled = task({ id: "doubled" }, (ctx, numbers: number[]) => {`,
  `    ctx.log("doubling", numbers.length, "numbers on", ctx.ds);`,
  `    ctx.xcom.push("count", numbers.length);`,
  "    return numbers.map(double);",
  "  });",
  "  doubled(extract);",
  `  branch({ id: "pick" }, (ctx) => (ctx.xcom.pull("doubled") as number[]).length > 2 ? ["doubled"] : null);`,
  `  shortCircuit({ id: "gate" }, (ctx) => ctx.xcom.pull(["extract", "nothing"]));`,
  `  task({ id: "fails" }, () => { throw new FailTask("stop now"); });`,
  `  task({ id: "skips" }, () => { throw new SkipTask("not today"); });`,
  `  task({ id: "breaks" }, () => double(Number.NaN));`,
  `  task({ id: "date" }, () => new Date(0));`,
  "});",
);
const MATH = lines(
  "export function double(value: number): number {",
  `  if (Number.isNaN(value)) throw new RangeError("cannot double NaN");`,
  "  return value * 2;",
  "}",
);

function request(taskId: string, xcoms: RunTaskRequest["xcoms"] = []): RunTaskRequest {
  const context: TaskContextData = {
    dagId: "bundled",
    runId: "manual__2024-03-10T12:34:56.789000+00:00",
    taskId,
    mapIndex: -1,
    tryNumber: 1,
    maxTries: 1,
    runType: "manual",
    externalTrigger: true,
    logicalDate: Date.UTC(2024, 2, 10, 12, 34, 56, 789),
    dataIntervalStart: Date.UTC(2024, 2, 10, 12, 34, 56, 789),
    dataIntervalEnd: Date.UTC(2024, 2, 10, 12, 34, 56, 789),
    prevLogicalDate: null,
    nextLogicalDate: null,
    runStartDate: null,
    params: { factor: 2 },
    conf: {},
    dag: { dagId: "bundled", owner: "updraft", tags: [], fileloc: "bundled.ts", timezone: "UTC" },
  };
  return {
    dagId: "bundled",
    taskId,
    context,
    renderedFields: {},
    xcoms,
    signal: new AbortController().signal,
  };
}

async function withBundle(use: (moduleExports: Record<string, unknown>) => Promise<void>) {
  await withDagFolder({ "bundled.ts": SOURCE, "_lib/math.ts": MATH }, async (folder) => {
    installSdkModules();
    const bundle = await bundleDagFile(`${folder}/bundled.ts`, { folder });
    await use(await import(dataUrl(bundle.code)));
  });
}

Deno.test("runTask on a real bundle: ctx, TaskFlow inputs, pushes and the return value", async () => {
  await withBundle(async (moduleExports) => {
    const logged: string[] = [];
    const result = await runTask(
      moduleExports,
      request("doubled", [{
        taskId: "extract",
        mapIndex: -1,
        key: "return_value",
        value: [1, 2, 3],
      }]),
      { log: (line) => void logged.push(line) },
    );
    assert.deepEqual(result, {
      xcoms: [{ key: "count", value: 3 }, { key: "return_value", value: [2, 4, 6] }],
    });
    assert.deepEqual(logged, ["doubling 3 numbers on 2024-03-10"]);
  });
});

Deno.test("runTask on a real bundle: branch and short-circuit results", async () => {
  await withBundle(async (moduleExports) => {
    const hooks = { log: () => {} };
    const doubled = { taskId: "doubled", mapIndex: -1, key: "return_value", value: [2, 4, 6] };
    assert.deepEqual(await runTask(moduleExports, request("pick", [doubled]), hooks), {
      xcoms: [{ key: "return_value", value: ["doubled"] }],
      followed: ["doubled"],
    });
    const gateOpen = await runTask(
      moduleExports,
      request("gate", [
        { taskId: "extract", mapIndex: -1, key: "return_value", value: [1] },
      ]),
      hooks,
    );
    assert.equal(gateOpen.proceed, true);
    const gateShut = await runTask(moduleExports, request("gate"), hooks);
    assert.deepEqual(gateShut, { xcoms: [{ key: "return_value", value: [] }], proceed: false });
  });
});

Deno.test("task errors from a real bundle: FailTask, SkipTask, stacks in the user's files", async () => {
  await withBundle(async (moduleExports) => {
    const outcome = async (taskId: string) => {
      try {
        await runTask(moduleExports, request(taskId), { log: () => {} });
      } catch (error) {
        return classifyTaskError(error);
      }
      assert.fail(`${taskId} should have thrown`);
    };
    const failed = await outcome("fails");
    assert.ok(failed.status === "failed" && failed.noRetry);
    assert.ok(failed.status === "failed" && failed.error.startsWith("FailTask: stop now"));
    assert.deepEqual(await outcome("skips"), { status: "skipped", reason: "not today" });
    const broken = await outcome("breaks");
    assert.deepEqual(broken, {
      status: "failed",
      noRetry: false,
      error: lines(
        "RangeError: cannot double NaN",
        "    at double (_lib/math.ts:2:34)",
        "    at bundled.ts:16:32",
      ).trimEnd(),
    });
    const date = await outcome("date");
    assert.ok(date.status === "failed");
    assert.match(
      date.error,
      /^TypeError: XCom "return_value" of task "date" must be JSON: value is a Date/,
    );
  });
});
