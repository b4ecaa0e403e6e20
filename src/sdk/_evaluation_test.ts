import assert from "node:assert/strict";
import { setTrustedEvaluation } from "./_evaluation.ts";
import { bash, dag, task } from "./mod.ts";
import type { TaskOptions } from "./types.ts";

/** Evaluate `build` with trusted evaluation on, and turn it off again whatever happens. */
function trusted<T>(build: () => T): T {
  setTrustedEvaluation(true);
  try {
    return build();
  } finally {
    setTrustedEvaluation(false);
  }
}

const defineDag = () =>
  dag({
    id: "etl",
    schedule: "@daily",
    startDate: "2024-01-01",
    defaultArgs: { retries: 2, owner: "data" },
  }, () => {
    const extract = task({ id: "extract", retries: 5 }, () => [1, 2]);
    const load = task({ id: "load" }, (_ctx, rows: number[]) => rows.length);
    load(extract);
    bash({ id: "notify", command: "echo {{ ds }}" }).after(load);
  });

Deno.test("trusted evaluation gives the same DAG as a checked one, built when read", () => {
  const checked = defineDag().toDefinition("etl.ts");
  const evaluated = trusted(defineDag);
  assert.deepEqual(evaluated.toDefinition("etl.ts"), checked);
  assert.equal(evaluated.getTask("extract")?.settings.retries, 5, "own option over defaultArgs");
  assert.equal(evaluated.getTask("load")?.settings.retries, 2, "defaultArgs applied when read");
  assert.deepEqual([...evaluated.getTask("notify")!.upstream], ["load"]);
});

Deno.test("trusted evaluation skips the checks until a task is read; reading still checks", () => {
  const broken = () =>
    dag({ id: "loose" }, () => {
      task({ id: "odd", retries: -1 } as TaskOptions, () => {});
      task({ id: "fine" }, () => {});
    });
  assert.throws(broken, /retries/, "a checked evaluation rejects the option at once");
  const evaluated = trusted(broken);
  assert.equal(evaluated.getTask("fine")?.settings.taskId, "fine");
  assert.throws(() => evaluated.getTask("odd")?.settings, /retries/);
});
