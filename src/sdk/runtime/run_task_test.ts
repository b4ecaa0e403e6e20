import assert from "node:assert/strict";
import type { TaskContextData, XComValue } from "../../core/mod.ts";
import {
  bash,
  branch,
  dag,
  empty,
  FailTask,
  shortCircuit,
  SkipTask,
  task,
  type TaskContext,
} from "../mod.ts";
import { classifyTaskError, runCallback, runTask, type RunTaskRequest } from "./mod.ts";

const LOGICAL = Date.UTC(2024, 0, 3);

function request(taskId: string, extra: Partial<RunTaskRequest> = {}): RunTaskRequest {
  const context: TaskContextData = {
    dagId: "rt",
    runId: "scheduled__2024-01-03T00:00:00+00:00",
    taskId,
    mapIndex: -1,
    tryNumber: 2,
    maxTries: 3,
    runType: "scheduled",
    externalTrigger: false,
    logicalDate: LOGICAL,
    dataIntervalStart: LOGICAL,
    dataIntervalEnd: LOGICAL + 86_400_000,
    prevLogicalDate: LOGICAL - 86_400_000,
    nextLogicalDate: LOGICAL + 86_400_000,
    runStartDate: LOGICAL + 86_400_000,
    params: { table: "users" },
    conf: { full: true },
    dag: { dagId: "rt", owner: "updraft", tags: [], fileloc: "rt.ts", timezone: "UTC" },
  };
  return {
    dagId: "rt",
    taskId,
    context,
    renderedFields: {},
    xcoms: [],
    signal: new AbortController().signal,
    ...extra,
  };
}

const xcom = (taskId: string, value: XComValue["value"], extra: Partial<XComValue> = {}) => ({
  taskId,
  mapIndex: -1,
  key: "return_value",
  value,
  ...extra,
});

let seen: TaskContext | undefined;
const lines: string[] = [];
const hooks = { log: (line: string) => void lines.push(line) };

const rt = dag({ id: "rt", params: { table: "users" } }, () => {
  const extract = task({ id: "extract" }, () => [3, 1, 2]);
  task({ id: "context" }, (ctx) => {
    seen = ctx;
    ctx.log("hello", { n: 1 }, "two\nlines");
  });
  task({ id: "pushes" }, (ctx) => {
    ctx.xcom.push("first", 1);
    ctx.xcom.push("second", { a: [true] });
    ctx.xcom.push("first", 2);
    return "done";
  });
  task({ id: "nothing" }, () => null);
  task({ id: "later" }, async () => {
    await Promise.resolve();
    return 7;
  });
  task({ id: "pulls" }, (ctx) => ({
    one: ctx.xcom.pull("extract") ?? null,
    missing: ctx.xcom.pull("absent") ?? "undefined",
    list: ctx.xcom.pull(["pushes", "absent", "extract"]),
    keyed: ctx.xcom.pull("pushes", "first") ?? null,
    mapped: ctx.xcom.pull("mapped") ?? null,
  }));
  const sum = task(
    { id: "sum" },
    (_ctx, numbers: number[], bonus: number, extra: unknown) =>
      numbers.reduce((a, b) => a + b, bonus) + (extra === undefined ? 0 : 100),
  );
  const pushes = task({ id: "pusher" }, () => 1);
  sum(extract, 10, pushes);
  task({ id: "needs_key" }, (_ctx, value: number) => value)(pushes.output<number>("missing"));
  task({ id: "bad_return" }, () => new Map() as unknown as number);
  task({ id: "bad_push" }, (ctx) => ctx.xcom.push("when", new Date(0)));
  task({ id: "fails" }, () => {
    throw new FailTask("no point retrying");
  });
  task({ id: "skips" }, () => {
    throw new SkipTask("nothing to do today");
  });
  task({ id: "breaks" }, () => {
    throw new TypeError("bad input");
  });
  branch({ id: "pick" }, (ctx) => ctx.params.pick as string | string[] | null);
  branch({ id: "pick_bad" }, () => 42 as unknown as string);
  shortCircuit({ id: "gate" }, (ctx) => ctx.conf.value);
  empty({ id: "join", onSuccess: (ctx) => void lines.push(`success callback ${ctx.taskId}`) });
  task(
    { id: "with_callbacks", onFailure: (_ctx, error) => void lines.push(`failed: ${error}`) },
    () => 1,
  );
  bash({ id: "shell", command: "true" });
});
const moduleExports = { default: rt, helper: () => 1, other: 42 };

Deno.test("runTask builds ctx from the context data", async () => {
  lines.length = 0;
  const result = await runTask(
    moduleExports,
    request("context", { renderedFields: { a: "b" } }),
    hooks,
  );
  assert.deepEqual(result, { xcoms: [] });
  assert.ok(seen);
  assert.equal(seen.dagId, "rt");
  assert.equal(seen.taskId, "context");
  assert.equal(seen.runId, "scheduled__2024-01-03T00:00:00+00:00");
  assert.equal(seen.mapIndex, -1);
  assert.equal(seen.tryNumber, 2);
  assert.equal(seen.maxTries, 3);
  assert.equal(seen.logicalDate.getTime(), LOGICAL);
  assert.equal(seen.ds, "2024-01-03");
  assert.equal(seen.dsNodash, "20240103");
  assert.equal(seen.ts, "2024-01-03T00:00:00+00:00");
  assert.equal(seen.dataIntervalStart.getTime(), LOGICAL);
  assert.equal(seen.dataIntervalEnd.getTime(), LOGICAL + 86_400_000);
  assert.deepEqual(seen.params, { table: "users" });
  assert.deepEqual(seen.conf, { full: true });
  assert.equal(seen.runType, "scheduled");
  assert.equal(seen.externalTrigger, false);
  assert.deepEqual(seen.fields, { a: "b" });
  assert.equal(seen.signal.aborted, false);
  assert.deepEqual(lines, ["hello { n: 1 } two", "lines"]);
});

Deno.test("runTask collects pushes (a re-push replaces) then return_value", async () => {
  const result = await runTask(moduleExports, request("pushes"), hooks);
  assert.deepEqual(result.xcoms, [
    { key: "second", value: { a: [true] } },
    { key: "first", value: 2 },
    { key: "return_value", value: "done" },
  ]);
  assert.deepEqual((await runTask(moduleExports, request("nothing"), hooks)).xcoms, []);
  assert.deepEqual((await runTask(moduleExports, request("later"), hooks)).xcoms, [
    { key: "return_value", value: 7 },
  ]);
});

Deno.test("xcom.pull: one id gives the value or undefined; a list omits what is missing", async () => {
  const xcoms = [
    xcom("extract", [3, 1, 2]),
    xcom("pushes", "done"),
    xcom("pushes", 2, { key: "first" }),
    xcom("mapped", "b", { mapIndex: 1 }),
    xcom("mapped", "a", { mapIndex: 0 }),
  ];
  const result = await runTask(moduleExports, request("pulls", { xcoms }), hooks);
  assert.deepEqual(result.xcoms[0].value, {
    one: [3, 1, 2],
    missing: "undefined",
    list: ["done", [3, 1, 2]],
    keyed: 2,
    mapped: ["a", "b"],
  });
});

Deno.test("TaskFlow inputs resolve from upstream XComs and literals", async () => {
  const result = await runTask(
    moduleExports,
    request("sum", { xcoms: [xcom("extract", [3, 1, 2])] }),
    hooks,
  );
  assert.deepEqual(result.xcoms, [{ key: "return_value", value: 16 }]);
  await assert.rejects(
    runTask(moduleExports, request("needs_key"), hooks),
    /task "needs_key" takes XCom "missing" of task "pusher" as input, but that task did not push it/,
  );
});

Deno.test("XComs must be JSON", async () => {
  await assert.rejects(
    runTask(moduleExports, request("bad_return"), hooks),
    {
      name: "TypeError",
      message:
        'XCom "return_value" of task "bad_return" must be JSON: value is a Map, not a plain object',
    },
  );
  await assert.rejects(
    runTask(moduleExports, request("bad_push"), hooks),
    {
      name: "TypeError",
      message: 'XCom "when" of task "bad_push" must be JSON: value is a Date, not a plain object',
    },
  );
});

Deno.test("branch results: one id, a list, null; unknown ids and non-strings fail", async () => {
  const pick = (value: unknown) =>
    runTask(
      moduleExports,
      request("pick", {
        context: { ...request("pick").context, params: { pick: value as string } },
      }),
      hooks,
    );
  assert.deepEqual(await pick("join"), {
    xcoms: [{ key: "return_value", value: "join" }],
    followed: ["join"],
  });
  assert.deepEqual((await pick(["join", "extract"])).followed, ["join", "extract"]);
  assert.deepEqual(await pick(null), { xcoms: [], followed: [] });
  await assert.rejects(
    pick("nowhere"),
    /branch task "pick" chose "nowhere", which is not a task of DAG "rt"/,
  );
  await assert.rejects(
    runTask(moduleExports, request("pick_bad"), hooks),
    /branch task "pick_bad" must return a task id, a list of task ids or null; it returned 42/,
  );
});

Deno.test("shortCircuit: Python-like truthiness; the value is still pushed", async () => {
  const gate = async (value: unknown) => {
    const base = request("gate");
    return await runTask(
      moduleExports,
      { ...base, context: { ...base.context, conf: { value: value as never } } },
      hooks,
    );
  };
  assert.deepEqual(await gate(true), {
    xcoms: [{ key: "return_value", value: true }],
    proceed: true,
  });
  assert.deepEqual(await gate(false), {
    xcoms: [{ key: "return_value", value: false }],
    proceed: false,
  });
  assert.equal((await gate([])).proceed, false);
  assert.equal((await gate({})).proceed, false);
  assert.equal((await gate(0)).proceed, false);
  assert.equal((await gate("")).proceed, false);
  assert.equal((await gate(["a"])).proceed, true);
  assert.deepEqual(await gate(null), { xcoms: [], proceed: false });
});

Deno.test("classifyTaskError: FailTask, SkipTask, anything else", async () => {
  const outcome = async (taskId: string) => {
    try {
      await runTask(moduleExports, request(taskId), hooks);
    } catch (error) {
      return classifyTaskError(error);
    }
    assert.fail("the task should have thrown");
  };
  const failed = await outcome("fails");
  assert.equal(failed.status, "failed");
  assert.ok(failed.status === "failed" && failed.noRetry);
  assert.ok(failed.status === "failed" && failed.error.startsWith("FailTask: no point retrying"));
  assert.deepEqual(await outcome("skips"), { status: "skipped", reason: "nothing to do today" });
  const broken = await outcome("breaks");
  assert.ok(broken.status === "failed" && !broken.noRetry);
  assert.ok(broken.status === "failed" && broken.error.startsWith("TypeError: bad input"));
  assert.match(broken.status === "failed" ? broken.error : "", /run_task_test\.ts/);
  assert.deepEqual(classifyTaskError("a string"), {
    status: "failed",
    error: "the task threw a non-Error value: a string",
    noRetry: false,
  });
});

Deno.test("empty tasks do nothing; bash tasks are the executor's", async () => {
  assert.deepEqual(await runTask(moduleExports, request("join"), hooks), { xcoms: [] });
  await assert.rejects(
    runTask(moduleExports, request("shell"), hooks),
    /task "shell" is a bash task: the executor runs it, not runTask\(\)/,
  );
});

Deno.test("unknown DAGs and tasks are named", async () => {
  await assert.rejects(
    runTask(moduleExports, { ...request("x"), dagId: "nope" }, hooks),
    /cannot run task "x": the DAG file does not export a DAG "nope"/,
  );
  await assert.rejects(
    runTask(moduleExports, request("ghost"), hooks),
    /cannot run task "ghost": DAG "rt" has no such task/,
  );
});

Deno.test("runCallback runs the task's callback with the error; none is fine", async () => {
  lines.length = 0;
  await runCallback(
    moduleExports,
    { ...request("with_callbacks"), kind: "onFailure", error: "it broke" },
    hooks,
  );
  await runCallback(moduleExports, { ...request("join"), kind: "onSuccess", error: null }, hooks);
  await runCallback(moduleExports, { ...request("join"), kind: "onRetry", error: "x" }, hooks);
  assert.deepEqual(lines, ["failed: it broke", "success callback join"]);
});
