import assert from "node:assert/strict";
import type { TaskInstanceState } from "./states.ts";
import {
  countUpstream,
  evaluateTriggerRule,
  type TriggerRuleDecision,
  type UpstreamCounts,
} from "./trigger_rules.ts";

type Outcome = "run" | "wait" | "skipped" | "upstream_failed" | "removed";

/** Upstream states from a shorthand: S F UF SK R, and "running"/"none" for unfinished. */
function states(spec: Record<string, number>): TaskInstanceState[] {
  const names: Record<string, TaskInstanceState> = {
    S: "success",
    F: "failed",
    UF: "upstream_failed",
    SK: "skipped",
    R: "removed",
    running: "running",
    none: null,
    queued: "queued",
    up_for_retry: "up_for_retry",
  };
  return Object.entries(spec).flatMap(([key, count]) => Array(count).fill(names[key]));
}

function outcome(decision: TriggerRuleDecision): Outcome {
  return decision.kind === "write" ? decision.state : decision.kind;
}

function check(
  rule: string,
  spec: Record<string, number>,
  expected: Outcome,
  options: { setup?: UpstreamCounts; mapIndex?: number } = {},
): TriggerRuleDecision {
  const decision = evaluateTriggerRule(rule, countUpstream(states(spec)), options);
  assert.equal(outcome(decision), expected, `${rule} ${JSON.stringify(spec)}`);
  return decision;
}

Deno.test("countUpstream counts each state and the finished ones", () => {
  assert.deepEqual(
    countUpstream(["success", "failed", "upstream_failed", "skipped", "removed", "running", null]),
    { total: 7, success: 1, failed: 1, upstreamFailed: 1, skipped: 1, removed: 1, done: 5 },
  );
  assert.deepEqual(countUpstream([]), {
    total: 0,
    success: 0,
    failed: 0,
    upstreamFailed: 0,
    skipped: 0,
    removed: 0,
    done: 0,
  });
});

Deno.test("TV-01…TV-05 all_success", () => {
  check("all_success", { S: 1 }, "run"); // TV-01
  check("all_success", { S: 1, F: 1 }, "upstream_failed"); // TV-02
  check("all_success", { S: 1, SK: 1 }, "skipped"); // TV-03
  check("all_success", { S: 1, running: 1 }, "wait"); // TV-04
  check("all_success", { F: 1, SK: 1, running: 1 }, "upstream_failed"); // TV-05
});

Deno.test("TV-06…TV-08 all_failed", () => {
  check("all_failed", { F: 2 }, "run"); // TV-06
  check("all_failed", { S: 2 }, "skipped"); // TV-07
  check("all_failed", { F: 1, UF: 1 }, "run"); // TV-08
});

Deno.test("TV-09…TV-11 all_done", () => {
  check("all_done", { S: 2 }, "run"); // TV-09
  check("all_done", { S: 1, none: 1 }, "wait"); // TV-10
  check("all_done", { S: 1, F: 1, SK: 1 }, "run"); // TV-11
});

Deno.test("TV-12…TV-14 one_success", () => {
  check("one_success", { F: 1, UF: 1, SK: 1, R: 1 }, "upstream_failed"); // TV-12
  check("one_success", { SK: 2 }, "skipped"); // TV-13
  check("one_success", { S: 1, running: 1, none: 1 }, "run"); // TV-14
  // Never decided before every upstream is done (fact 182).
  check("one_success", { SK: 1, F: 1, running: 1 }, "wait");
});

Deno.test("TV-15…TV-17 one_failed", () => {
  check("one_failed", { S: 2 }, "skipped"); // TV-15
  check("one_failed", { F: 2, SK: 2 }, "run"); // TV-16
  check("one_failed", { UF: 2, SK: 2 }, "run"); // TV-17
  check("one_failed", { S: 1, running: 1 }, "wait");
});

Deno.test("TV-18…TV-20 one_done", () => {
  check("one_done", { S: 2 }, "run"); // TV-18
  check("one_done", { F: 2 }, "run"); // TV-18, with failed
  check("one_done", { SK: 2 }, "skipped"); // TV-19
  check("one_done", { UF: 2 }, "skipped"); // TV-20
  check("one_done", { UF: 1, running: 1 }, "wait");
});

Deno.test("TV-21…TV-24 none_failed", () => {
  check("none_failed", { S: 1, SK: 1 }, "run"); // TV-21
  check("none_failed", { S: 1, SK: 1, F: 1 }, "upstream_failed"); // TV-22
  check("none_failed", { S: 1, SK: 1, UF: 1 }, "upstream_failed"); // TV-23
  check("none_failed", { SK: 2 }, "run"); // TV-24: all skipped runs
  check("none_failed", { S: 1, running: 1 }, "wait");
});

Deno.test("TV-25…TV-28 none_failed_min_one_success", () => {
  check("none_failed_min_one_success", { S: 1, SK: 1 }, "run"); // TV-25
  check("none_failed_min_one_success", { SK: 2 }, "skipped"); // TV-26
  check("none_failed_min_one_success", { S: 1, SK: 1, F: 1 }, "upstream_failed"); // TV-27
  check("none_failed_min_one_success", { S: 1, SK: 1, UF: 1 }, "upstream_failed"); // TV-28
  check("none_failed_min_one_success", { SK: 1, running: 1 }, "wait");
});

Deno.test("TV-29…TV-31 none_skipped", () => {
  check("none_skipped", { S: 2, F: 1 }, "run"); // TV-29
  check("none_skipped", { S: 1, SK: 1 }, "skipped"); // TV-30
  check("none_skipped", { running: 1 }, "wait"); // TV-31
});

Deno.test("TV-32…TV-34 all_skipped", () => {
  check("all_skipped", { SK: 3 }, "run"); // TV-32
  check("all_skipped", { S: 1 }, "skipped"); // TV-33
  check("all_skipped", { UF: 1 }, "skipped"); // TV-34
  check("all_skipped", { SK: 1, none: 1 }, "wait");
});

Deno.test("TV-35 always runs whatever the upstream state", () => {
  const anyState: Record<string, number>[] = [{ running: 1 }, { none: 1 }, { F: 1 }, { SK: 1 }, {
    UF: 2,
  }];
  for (const spec of anyState) {
    check("always", spec, "run");
  }
  check("dummy", { none: 1 }, "run"); // deprecated spelling of always
});

Deno.test("TV-36 any rule with no upstream runs", () => {
  for (
    const rule of [
      "all_success",
      "all_failed",
      "all_done",
      "one_success",
      "one_failed",
      "one_done",
      "none_failed",
      "none_failed_min_one_success",
      "none_skipped",
      "all_skipped",
      "all_done_setup_success",
      "always",
      "not_a_rule",
    ]
  ) {
    check(rule, {}, "run");
  }
});

Deno.test("TV-37 an unknown rule never passes, and says so", () => {
  const specs: Record<string, number>[] = [{ S: 1 }, { F: 1 }, { SK: 2 }, { running: 1 }];
  for (const spec of specs) {
    const decision = check("Unknown Trigger Rule", spec, "wait");
    assert.match(
      (decision as { reason: string }).reason,
      /^trigger rule 'Unknown Trigger Rule' is unknown, so this task can never run/,
    );
  }
});

const setup = (spec: Record<string, number>) => ({ setup: countUpstream(states(spec)) });

Deno.test("TV-38…TV-45 all_done_setup_success", () => {
  check("all_done_setup_success", { S: 2 }, "run"); // TV-38
  check("all_done_setup_success", { S: 2, running: 1 }, "wait", setup({ running: 1 })); // TV-39
  check("all_done_setup_success", { S: 2, F: 1 }, "upstream_failed", setup({ F: 1 })); // TV-40
  check("all_done_setup_success", { S: 3, F: 1 }, "run", setup({ S: 1, F: 1 })); // TV-41
  check("all_done_setup_success", { S: 3, running: 1 }, "wait", setup({ S: 1, running: 1 })); // TV-42
  check("all_done_setup_success", { S: 2, SK: 2 }, "skipped", setup({ SK: 2 })); // TV-43
  check("all_done_setup_success", { S: 2, SK: 1, F: 1 }, "upstream_failed", setup({ SK: 1, F: 1 })); // TV-44
  check("all_done_setup_success", { S: 1, F: 1, running: 0, SK: 0 }, "run"); // work failures only
  check("all_done_setup_success", { S: 2, F: 1 }, "run", setup({ S: 1 })); // TV-45
});

Deno.test("precedence: failure wins over skip (fact 31)", () => {
  check("all_success", { F: 1, SK: 1 }, "upstream_failed");
  check("all_success", { UF: 1, SK: 1 }, "upstream_failed");
  check("none_failed", { F: 1, SK: 1 }, "upstream_failed");
  check("none_failed_min_one_success", { F: 1, SK: 1 }, "upstream_failed");
  check("none_failed_min_one_success", { UF: 1, SK: 2 }, "upstream_failed");
  // all_success decides immediately, without waiting for unfinished upstreams (fact 29).
  check("all_success", { SK: 1, running: 2 }, "skipped");
  check("none_failed", { F: 1, running: 2 }, "upstream_failed");
  check("none_skipped", { SK: 1, none: 3 }, "skipped");
  check("all_failed", { S: 1, none: 3 }, "skipped");
});

Deno.test("deprecated none_failed_or_skipped is none_failed_min_one_success", () => {
  check("none_failed_or_skipped", { SK: 2 }, "skipped");
  check("none_failed_or_skipped", { S: 1, SK: 1 }, "run");
});

Deno.test("removed upstreams: unmapped instances wait, mapped ones do not require them (fact 32)", () => {
  check("all_success", { S: 3, R: 2 }, "wait");
  check("all_success", { S: 3, R: 2 }, "run", { mapIndex: 1 });
  check("all_success", { S: 3, R: 2 }, "removed", { mapIndex: 3 });
  check("none_failed", { S: 1, SK: 1, R: 1 }, "run", { mapIndex: 0 });
  check("all_failed", { F: 1, R: 1 }, "run", { mapIndex: 0 });
  check("all_failed", { F: 1, R: 1 }, "wait");
});

Deno.test("reasons say what the rule needs and what the upstream tasks did", () => {
  const wait = check("all_success", { S: 1, running: 1 }, "wait");
  assert.equal(
    (wait as { reason: string }).reason,
    "trigger rule 'all_success' needs all 2 upstream tasks to succeed (upstream: 1 success, 1 not done)",
  );
  const written = check("all_success", { S: 1, F: 1 }, "upstream_failed");
  assert.equal(
    (written as { reason: string }).reason,
    "trigger rule 'all_success': an upstream task failed (upstream: 1 success, 1 failed)",
  );
  const skipped = check("one_success", { SK: 2 }, "skipped");
  assert.equal(
    (skipped as { reason: string }).reason,
    "trigger rule 'one_success': every upstream task was skipped (upstream: 2 skipped)",
  );
});
