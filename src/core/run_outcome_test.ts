import assert from "node:assert/strict";
import { decideRunState } from "./run_outcome.ts";

Deno.test("a failed leaf fails the run once everything finished (fact 15a)", () => {
  assert.deepEqual(
    decideRunState({ leafStates: ["success", "failed"], unfinishedCount: 0, deadlocked: false }),
    { state: "failed", reason: "task_failure" },
  );
  assert.equal(
    decideRunState({ leafStates: ["upstream_failed"], unfinishedCount: 0, deadlocked: false })
      .state,
    "failed",
  );
});

Deno.test("success and skipped leaves succeed the run (facts 15b, 16, 17)", () => {
  assert.deepEqual(
    decideRunState({ leafStates: ["success", "skipped"], unfinishedCount: 0, deadlocked: false }),
    { state: "success", reason: "all leaves succeeded or were skipped" },
  );
  // Every task skipped (short-circuit false) is a success.
  assert.equal(
    decideRunState({ leafStates: ["skipped"], unfinishedCount: 0, deadlocked: false }).state,
    "success",
  );
  // A failed task in the middle does not matter when the leaves succeeded (fact 16).
  assert.equal(
    decideRunState({ leafStates: ["success"], unfinishedCount: 0, deadlocked: false }).state,
    "success",
  );
});

Deno.test("removed leaves are left out; no leaves left is a success (fact 14, 15b)", () => {
  assert.equal(
    decideRunState({ leafStates: ["removed", "success"], unfinishedCount: 0, deadlocked: false })
      .state,
    "success",
  );
  assert.equal(
    decideRunState({ leafStates: ["removed"], unfinishedCount: 0, deadlocked: false }).state,
    "success",
  );
  assert.equal(
    decideRunState({ leafStates: [], unfinishedCount: 0, deadlocked: false }).state,
    "success",
  );
});

Deno.test("the run keeps running while anything is unfinished, even with a failed leaf (fact 18)", () => {
  assert.deepEqual(
    decideRunState({
      leafStates: ["upstream_failed", "running"],
      unfinishedCount: 1,
      deadlocked: false,
    }),
    { state: "running", reason: "1 task instance still unfinished" },
  );
  assert.deepEqual(
    decideRunState({
      leafStates: ["success", "restarting"],
      unfinishedCount: 3,
      deadlocked: false,
    }),
    { state: "running", reason: "3 task instances still unfinished" },
  );
});

Deno.test("a deadlocked run fails (facts 15c, 20)", () => {
  assert.deepEqual(
    decideRunState({ leafStates: [null], unfinishedCount: 1, deadlocked: true }),
    { state: "failed", reason: "all_tasks_deadlocked" },
  );
  // Finished leaves decide before a deadlock is considered.
  assert.equal(
    decideRunState({ leafStates: ["failed"], unfinishedCount: 0, deadlocked: true }).reason,
    "task_failure",
  );
});
