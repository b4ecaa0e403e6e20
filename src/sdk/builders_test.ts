import assert from "node:assert/strict";
import { DefinitionError, type TaskDefinition } from "../core/mod.ts";
import {
  bash,
  type BashOptions,
  branch,
  dag,
  type DefaultArgs,
  empty,
  shortCircuit,
  task,
  type TaskOptions,
} from "./mod.ts";

/** The serialized tasks of a one-off DAG built by `build`. */
function tasksOf(build: () => void, options: { defaultArgs?: DefaultArgs } = {}) {
  const definition = dag({ id: "d", defaultArgs: options.defaultArgs }, build).toDefinition("d.ts");
  return Object.fromEntries(definition.tasks.map((t) => [t.taskId, t])) as Record<
    string,
    TaskDefinition
  >;
}

function messageOf(define: () => unknown): string {
  try {
    define();
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${error}`);
    return error.message;
  }
  assert.fail("expected a DefinitionError");
}

Deno.test("task(): Airflow's defaults", () => {
  const { t } = tasksOf(() => void task({ id: "t" }, () => 1));
  assert.deepEqual(t, {
    taskId: "t",
    operator: "task",
    kind: "function",
    triggerRule: "all_success",
    retries: 0,
    retryDelayMs: 300_000,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    dependsOnPast: false,
    waitForDownstream: false,
    pool: "default_pool",
    poolSlots: 1,
    priorityWeight: 1,
    weightRule: "downstream",
    permissions: {},
    callbacks: { onFailure: false, onSuccess: false, onRetry: false },
    doc: null,
    branch: false,
    shortCircuit: null,
    templateFields: {},
    fields: {},
    upstream: [],
    inputs: [],
    variablesUsed: [],
    connections: [],
    connectionsUsed: [],
  });
});

Deno.test("task(): every option", () => {
  const noop = () => {};
  const { t } = tasksOf(() =>
    void task({
      id: "t",
      retries: 3,
      retryDelay: "30s",
      retryExponentialBackoff: true,
      maxRetryDelay: "1h",
      executionTimeout: 90_000,
      triggerRule: "one_failed",
      waitForDownstream: true,
      pool: "db",
      poolSlots: 2,
      priorityWeight: 10,
      weightRule: "absolute",
      permissions: { net: ["api.example.com"], env: ["TOKEN"] },
      onFailure: noop,
      onRetry: noop,
      doc: "does t",
    }, () => 1)
  );
  assert.equal(t.retries, 3);
  assert.equal(t.retryDelayMs, 30_000);
  assert.equal(t.retryExponentialBackoff, true);
  assert.equal(t.maxRetryDelayMs, 3_600_000);
  assert.equal(t.executionTimeoutMs, 90_000);
  assert.equal(t.triggerRule, "one_failed");
  assert.equal(t.waitForDownstream, true);
  assert.equal(t.dependsOnPast, true, "waitForDownstream implies dependsOnPast");
  assert.equal(t.pool, "db");
  assert.equal(t.poolSlots, 2);
  assert.equal(t.priorityWeight, 10);
  assert.equal(t.weightRule, "absolute");
  assert.deepEqual(t.permissions, { net: ["api.example.com"], env: ["TOKEN"] });
  assert.deepEqual(t.callbacks, { onFailure: true, onSuccess: false, onRetry: true });
  assert.equal(t.doc, "does t");
});

Deno.test("defaultArgs apply unless the task sets the option", () => {
  const onFailure = () => {};
  const tasks = tasksOf(() => {
    task({ id: "inherits" }, () => 1);
    task({ id: "overrides", retries: 0, permissions: { read: ["/data"] } }, () => 1);
    bash({ id: "shell", command: "true", retryDelay: undefined });
  }, {
    defaultArgs: { retries: 2, retryDelay: "1m", permissions: { net: ["x.org"] }, onFailure },
  });
  assert.equal(tasks.inherits.retries, 2);
  assert.equal(tasks.inherits.retryDelayMs, 60_000);
  assert.deepEqual(tasks.inherits.permissions, { net: ["x.org"] });
  assert.equal(tasks.inherits.callbacks.onFailure, true);
  assert.equal(tasks.overrides.retries, 0);
  assert.deepEqual(tasks.overrides.permissions, { read: ["/data"] });
  assert.equal(tasks.shell.retryDelayMs, 60_000, "an undefined option keeps the default");
});

Deno.test("deprecated trigger rules are rewritten (fact 25)", () => {
  const tasks = tasksOf(() => {
    empty({ id: "dummy", triggerRule: "dummy" });
    empty({ id: "old", triggerRule: "none_failed_or_skipped" });
  });
  assert.equal(tasks.dummy.triggerRule, "always");
  assert.equal(tasks.old.triggerRule, "none_failed_min_one_success");
});

Deno.test("bash(): templated command and env, variables used", () => {
  const { shell } = tasksOf(() =>
    void bash({
      id: "shell",
      command: "echo {{ ds }} {{ var.value.host }} {{ var.json['cfg'].x }}",
      env: { TOKEN: "{{ var.value.token }}", PLAIN: "1" },
    })
  );
  assert.equal(shell.operator, "bash");
  assert.equal(shell.kind, "bash");
  assert.deepEqual(shell.templateFields, {
    command: "echo {{ ds }} {{ var.value.host }} {{ var.json['cfg'].x }}",
    env: { TOKEN: "{{ var.value.token }}", PLAIN: "1" },
  });
  assert.deepEqual(shell.variablesUsed, ["cfg", "host", "token"]);
  const { bare } = tasksOf(() => void bash({ id: "bare", command: "true" }));
  assert.deepEqual(bare.templateFields, { command: "true", env: {} });
});

Deno.test("empty(), branch() and shortCircuit() definitions", () => {
  const tasks = tasksOf(() => {
    empty({ id: "join" });
    branch({ id: "pick" }, () => "join");
    shortCircuit({ id: "gate" }, () => true);
    shortCircuit({ id: "soft", ignoreDownstreamTriggerRules: false }, () => false);
  });
  assert.equal(tasks.join.kind, "empty");
  assert.equal(tasks.join.operator, "empty");
  assert.equal(tasks.pick.branch, true);
  assert.equal(tasks.pick.operator, "branch");
  assert.equal(tasks.pick.kind, "function");
  assert.deepEqual(tasks.gate.shortCircuit, { ignoreDownstreamTriggerRules: true });
  assert.equal(tasks.gate.operator, "shortCircuit");
  assert.deepEqual(tasks.soft.shortCircuit, { ignoreDownstreamTriggerRules: false });
});

const taskErrors: [string, () => void, string][] = [
  [
    "unknown trigger rule",
    () => void task({ id: "t", triggerRule: "sometimes" }, () => 1),
    'DAG "d", task "t", triggerRule: unknown trigger rule "sometimes"; valid trigger rules: ' +
    "all_success, all_failed, all_done, all_done_setup_success, one_success, one_failed, " +
    "one_done, none_failed, none_failed_min_one_success, none_skipped, always, all_skipped",
  ],
  [
    "all_done_min_one_success does not exist in 2.x (fact 24)",
    () => void empty({ id: "t", triggerRule: "all_done_min_one_success" }),
    'DAG "d", task "t", triggerRule: unknown trigger rule "all_done_min_one_success"',
  ],
  [
    "bad duration",
    () => void task({ id: "t", retryDelay: "5 minutes" }, () => 1),
    'DAG "d", task "t", retryDelay: invalid duration "5 minutes"',
  ],
  [
    "invalid task id",
    () => void empty({ id: "a/b" }),
    'DAG "d", id: invalid task id "a/b": use only letters, digits, "_", "." and "-"',
  ],
  [
    "pool slots below 1",
    () => void empty({ id: "t", poolSlots: 0 }),
    'DAG "d", task "t", poolSlots: must be an integer ≥ 1, got 0',
  ],
  [
    "negative retries",
    () => void empty({ id: "t", retries: -1 }),
    'DAG "d", task "t", retries: must be an integer ≥ 0, got -1',
  ],
  [
    "unknown weight rule",
    () => void empty({ id: "t", weightRule: "sideways" }),
    'DAG "d", task "t", weightRule: unknown weight rule "sideways"',
  ],
  [
    "unknown permission",
    () => void empty({ id: "t", permissions: { ffi: ["x"] } as never }),
    'DAG "d", task "t", permissions.ffi: unknown permission; valid: net, read, write, env, run',
  ],
  [
    "permission not a list",
    () => void empty({ id: "t", permissions: { net: "x.org" } as never }),
    'DAG "d", task "t", permissions.net: must be a list of non-empty strings, got "x.org"',
  ],
  [
    "callback not a function",
    () => void empty({ id: "t", onFailure: "call me" as never }),
    'DAG "d", task "t", onFailure: must be a function',
  ],
  [
    "unknown task option",
    () => void task({ id: "t", retry: 3 } as TaskOptions, () => 1),
    'DAG "d", task "t", retry: unknown option; valid options: id, retries,',
  ],
  [
    "task without a function",
    () => void task({ id: "t" }, undefined as never),
    'DAG "d", task "t": task() needs a function as second argument, got undefined',
  ],
  [
    "bash without a command",
    () => void bash({ id: "t" } as BashOptions),
    'DAG "d", task "t", command: must be a non-empty string, got undefined',
  ],
  [
    "bash env not strings",
    () => void bash({ id: "t", command: "true", env: { N: 1 as never } }),
    'DAG "d", task "t", env.N: must be a string, got 1',
  ],
];

for (const [name, define, expected] of taskErrors) {
  Deno.test(`task error: ${name}`, () => {
    const message = messageOf(() => dag({ id: "d" }, define));
    assert.ok(message.startsWith(expected), `message was: ${message}`);
  });
}

Deno.test("builders record where they were called", () => {
  const built = dag({ id: "sites" }, () => void empty({ id: "e" }));
  const site = built.getTask("e")?.callSite;
  assert.ok(site);
  assert.match(site.file, /builders_test\.ts$/);
  assert.ok(site.line > (built.callSite?.line ?? 0) - 1);
});
