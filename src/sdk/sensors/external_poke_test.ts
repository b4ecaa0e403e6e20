import assert from "node:assert/strict";
import type { ExternalTaskStates, TaskInstanceState } from "../../core/mod.ts";
import { isSkipTask } from "../errors.ts";
import { type ExternalPokeFields, pokeExternalStates } from "./_external_poke.ts";

const DAY = Date.UTC(2024, 0, 1);

function fields(overrides: Partial<ExternalPokeFields> = {}): ExternalPokeFields {
  return {
    externalDagId: "load",
    externalTaskIds: null,
    externalTaskGroupId: null,
    allowedStates: ["success"],
    failedStates: [],
    skippedStates: [],
    executionDeltaMs: 0,
    checkExistence: false,
    ...overrides,
  };
}

function states(
  run: ExternalTaskStates["run"],
  tasks: [string, TaskInstanceState, number?][] = [],
): ExternalTaskStates {
  return {
    dagId: "load",
    logicalDate: DAY,
    dagExists: true,
    taskIds: ["a", "b", "g.x", "g.y"],
    run,
    tasks: tasks.map(([taskId, state, mapIndex]) => ({ taskId, state, mapIndex: mapIndex ?? -1 })),
  };
}

const poke = (f: ExternalPokeFields, s: ExternalTaskStates, softFail = false) =>
  pokeExternalStates(f, s, { softFail, log: () => {} });
const running = { runId: "r", state: "running" as const };

Deno.test("external tasks: done when every watched task is in an allowed state", () => {
  const two = fields({ externalTaskIds: ["a", "b"] });
  assert.equal(poke(two, states(null)), false, "no run yet: not yet");
  assert.equal(poke(two, states(running, [["a", "success"], ["b", "running"]])), false);
  assert.equal(poke(two, states(running, [["a", "success"]])), false, "b has no instance yet");
  assert.equal(poke(two, states(running, [["a", "success"], ["b", "success"]])), true);
  const mapped = fields({ externalTaskIds: ["a"] });
  assert.equal(poke(mapped, states(running, [["a", "success", 0], ["a", "running", 1]])), false);
  assert.equal(poke(mapped, states(running, [["a", "success", 0], ["a", "success", 1]])), true);
});

Deno.test("external tasks: a failed state fails (or skips with softFail); a skipped state skips", () => {
  const watch = fields({
    externalTaskIds: ["a", "b"],
    failedStates: ["failed"],
    skippedStates: ["skipped"],
  });
  const failedOne = states(running, [["a", "failed"], ["b", "running"]]);
  assert.throws(
    () => poke(watch, failedOne),
    /^Error: Some of the external tasks \["a","b"\] in DAG "load" failed\.$/,
  );
  assert.throws(() => poke(watch, failedOne, true), (error) => isSkipTask(error));
  assert.throws(
    () => poke(watch, states(running, [["a", "skipped"], ["b", "success"]])),
    (error) => isSkipTask(error) && /skippedStates/.test((error as Error).message),
  );
  assert.equal(
    poke(fields({ externalTaskIds: ["a"] }), states(running, [["a", "failed"]])),
    false,
    "without failedStates a failure just never becomes allowed",
  );
});

Deno.test("external task group and whole run", () => {
  const group = fields({ externalTaskGroupId: "g", failedStates: ["failed"] });
  assert.equal(poke(group, states(running, [["a", "failed"], ["g.x", "success"]])), false);
  assert.equal(
    poke(group, states(running, [["a", "failed"], ["g.x", "success"], ["g.y", "success"]])),
    true,
  );
  assert.throws(() => poke(group, states(running, [["g.x", "failed"]])), /task group "g"/);
  const whole = fields({ failedStates: ["failed"] });
  assert.equal(poke(whole, states(running)), false);
  assert.equal(poke(whole, states({ runId: "r", state: "success" })), true);
  assert.throws(() => poke(whole, states({ runId: "r", state: "failed" })), /external DAG "load"/);
});

Deno.test("checkExistence fails at once for an unknown DAG, task or group", () => {
  const unknownDag = { ...states(null), dagExists: false, taskIds: [] };
  assert.throws(
    () => poke(fields({ checkExistence: true }), unknownDag),
    /The external DAG "load" does not exist/,
  );
  assert.throws(
    () => poke(fields({ checkExistence: true, externalTaskIds: ["zz"] }), states(null)),
    /The external task "zz" in DAG "load" does not exist/,
  );
  assert.throws(
    () => poke(fields({ checkExistence: true, externalTaskGroupId: "h" }), states(null)),
    /task group "h" in DAG "load" does not exist/,
  );
  assert.equal(poke(fields({ checkExistence: true, externalTaskIds: ["a"] }), states(null)), false);
});
