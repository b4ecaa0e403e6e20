import assert from "node:assert/strict";
import { DefinitionError } from "../core/mod.ts";
import { bash, dag, type DagOptions, empty, task } from "./mod.ts";

/** The DefinitionError `define` throws; fails the test when it throws nothing or another error. */
function definitionError(define: () => unknown): DefinitionError {
  try {
    define();
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${error}`);
    return error;
  }
  assert.fail("expected a DefinitionError, nothing was thrown");
}

const noTasks = () => {};

Deno.test("dag() defaults: manual schedule, UTC, no catchup, owner updraft", () => {
  const definition = dag({ id: "plain" }, noTasks).toDefinition("plain.ts");
  assert.deepEqual(definition, {
    dagId: "plain",
    fileloc: "plain.ts",
    description: null,
    schedule: { kind: "none" },
    scheduleText: null,
    startDate: null,
    endDate: null,
    timezone: "UTC",
    catchup: false,
    tags: [],
    owner: "updraft",
    params: {},
    maxActiveRuns: null,
    maxActiveTasks: null,
    dagrunTimeoutMs: null,
    isPausedUponCreation: null,
    doc: null,
    tasks: [],
  });
});

Deno.test("dag() reads every option", () => {
  const definition = dag({
    id: "full.dag-1",
    schedule: "@daily",
    startDate: "2024-01-01",
    endDate: "2024-02-01T12:00",
    timezone: "Europe/Amsterdam",
    catchup: true,
    tags: ["a", "b"],
    params: { table: "users", limit: 3, nested: { ok: [true, null] } },
    maxActiveRuns: 2,
    maxActiveTasks: 8,
    description: "a DAG",
    dagrunTimeout: "1h",
    isPausedUponCreation: false,
    doc: "# Docs",
    owner: "data-team",
  }, noTasks).toDefinition("sub/full.ts");
  assert.deepEqual(definition.schedule, {
    kind: "cron",
    expression: "0 0 * * *",
    preset: "@daily",
  });
  assert.equal(definition.scheduleText, "@daily");
  // Naive dates are read in the DAG's zone: midnight in Amsterdam is 23:00 UTC the day before.
  assert.equal(definition.startDate, Date.UTC(2023, 11, 31, 23));
  assert.equal(definition.endDate, Date.UTC(2024, 1, 1, 11));
  assert.equal(definition.timezone, "Europe/Amsterdam");
  assert.equal(definition.catchup, true);
  assert.deepEqual(definition.tags, ["a", "b"]);
  assert.deepEqual(definition.params, { table: "users", limit: 3, nested: { ok: [true, null] } });
  assert.equal(definition.maxActiveRuns, 2);
  assert.equal(definition.maxActiveTasks, 8);
  assert.equal(definition.description, "a DAG");
  assert.equal(definition.dagrunTimeoutMs, 3_600_000);
  assert.equal(definition.isPausedUponCreation, false);
  assert.equal(definition.doc, "# Docs");
  assert.equal(definition.owner, "data-team");
  assert.equal(definition.fileloc, "sub/full.ts");
});

Deno.test("dag() accepts interval and @once schedules and Date start dates", () => {
  const interval = dag({ id: "every", schedule: { every: "6h" }, startDate: new Date(0) }, noTasks);
  assert.deepEqual(interval.toDefinition("x.ts").schedule, {
    kind: "interval",
    everyMs: 21_600_000,
  });
  assert.equal(interval.toDefinition("x.ts").startDate, 0);
  const once = dag({ id: "once", schedule: "@once", startDate: "2024-05-01T10:00:00Z" }, noTasks);
  assert.deepEqual(once.toDefinition("x.ts").schedule, { kind: "once" });
});

Deno.test("the DAG's owner falls back to its tasks' owners", () => {
  const owned = dag({ id: "owned", defaultArgs: { owner: "alice" } }, () => {
    empty({ id: "a" });
    empty({ id: "b", owner: "bob" });
  });
  assert.equal(owned.toDefinition("x.ts").owner, "alice, bob");
});

Deno.test("tasks keep definition order; upstream ids are sorted", () => {
  const definition = dag({ id: "order" }, () => {
    const z = empty({ id: "z" });
    const a = empty({ id: "a" });
    const m = empty({ id: "m" });
    m.after([z, a]);
  }).toDefinition("x.ts");
  assert.deepEqual(definition.tasks.map((t) => t.taskId), ["z", "a", "m"]);
  assert.deepEqual(definition.tasks[2].upstream, ["a", "z"]);
});

Deno.test("a definition survives a JSON round trip unchanged", () => {
  const definition = dag({
    id: "round",
    schedule: "0 6 * * 1-5",
    startDate: "2024-01-01",
    params: { x: 1 },
    defaultArgs: { retries: 2, permissions: { net: ["example.com:443"] } },
  }, () => {
    const extract = bash({ id: "extract", command: "echo {{ var.value.token }}" });
    const load = task({ id: "load" }, (_ctx, text: string) => text.length);
    load(extract);
  }).toDefinition("round.ts");
  assert.deepEqual(JSON.parse(JSON.stringify(definition)), definition);
});

Deno.test("toDefinition returns a copy: changing it does not change the DAG", () => {
  const built = dag({ id: "copy", params: { a: 1 } }, () => void empty({ id: "e" }));
  const first = built.toDefinition("x.ts");
  first.params.a = 2;
  first.tasks[0].upstream.push("nope");
  assert.deepEqual(built.toDefinition("x.ts").params, { a: 1 });
  assert.deepEqual(built.toDefinition("x.ts").tasks[0].upstream, []);
});

const dagErrors: [string, () => unknown, string][] = [
  ["invalid id", () => dag({ id: "no spaces" }, noTasks), 'id: invalid DAG id "no spaces"'],
  ["missing id", () => dag({} as DagOptions, noTasks), "id: every DAG needs an id"],
  ["long id", () => dag({ id: "x".repeat(251) }, noTasks), "id: DAG id is 251 characters long"],
  [
    "missing startDate",
    () => dag({ id: "nostart", schedule: "@daily" }, noTasks),
    'DAG "nostart", startDate: the DAG is missing the start_date: schedule "@daily" needs a startDate',
  ],
  [
    "bad timezone",
    () => dag({ id: "tz", timezone: "Mars/Olympus" }, noTasks),
    'DAG "tz", timezone: unknown time zone "Mars/Olympus"',
  ],
  [
    "bad cron",
    () => dag({ id: "cron", schedule: "61 * * * *", startDate: "2024-01-01" }, noTasks),
    'DAG "cron", schedule',
  ],
  [
    "bad duration",
    () => dag({ id: "dur", dagrunTimeout: "soon" }, noTasks),
    'DAG "dur", dagrunTimeout: invalid duration "soon"',
  ],
  [
    "bad date",
    () => dag({ id: "date", startDate: "yesterday" }, noTasks),
    'DAG "date", startDate: invalid date "yesterday"',
  ],
  [
    "end before start",
    () => dag({ id: "ends", startDate: "2024-02-01", endDate: "2024-01-01" }, noTasks),
    'DAG "ends", endDate: must not be before startDate',
  ],
  [
    "non-JSON params",
    () => dag({ id: "params", params: { when: new Date() as never } }, noTasks),
    'DAG "params", params: must be JSON: params.when is a Date, not a plain object',
  ],
  [
    "unknown option",
    () => dag({ id: "typo", schedual: "@daily" } as unknown as DagOptions, noTasks),
    'DAG "typo", schedual: unknown option; valid options: id, schedule,',
  ],
  [
    "bad defaultArgs",
    () => dag({ id: "defaults", defaultArgs: { retryDelay: "5 minutes" } }, noTasks),
    'DAG "defaults", defaultArgs.retryDelay: invalid duration "5 minutes"',
  ],
  [
    "id in defaultArgs",
    () => dag({ id: "defaults", defaultArgs: { id: "x" } as never }, noTasks),
    'DAG "defaults", defaultArgs.id: a task id cannot be a default',
  ],
  [
    "async build",
    () => dag({ id: "async" }, (async () => {}) as () => void),
    'DAG "async": the build function must be synchronous',
  ],
  [
    "duplicate task id",
    () =>
      dag({ id: "dup" }, () => {
        empty({ id: "same" });
        empty({ id: "same" });
      }),
    'DAG "dup", task "same", id: duplicate task id',
  ],
  [
    "cycle",
    () =>
      dag({ id: "cycle" }, () => {
        const a = empty({ id: "a" });
        const b = empty({ id: "b" });
        const c = empty({ id: "c" });
        a.before(b).before(c).before(a);
      }),
    'DAG "cycle": the dependencies form a cycle: a → b → c → a',
  ],
  [
    "task outside a DAG",
    () => task({ id: "lonely" }, () => 1),
    "task() was called outside a DAG",
  ],
];

for (const [name, define, expected] of dagErrors) {
  Deno.test(`dag() error: ${name}`, () => {
    const error = definitionError(define);
    assert.ok(error.message.startsWith(expected), `message was: ${error.message}`);
  });
}

Deno.test("DefinitionErrors carry the DAG, the task and the field", () => {
  const error = definitionError(() =>
    dag({ id: "fields" }, () => void task({ id: "t", poolSlots: 0 }, () => 1))
  );
  assert.equal(error.dagId, "fields");
  assert.equal(error.taskId, "t");
  assert.equal(error.field, "poolSlots");
});

Deno.test("dag() records where it was called", () => {
  const built = dag({ id: "where" }, noTasks);
  assert.ok(built.callSite);
  assert.match(built.callSite.file, /dag_test\.ts$/);
  assert.ok(built.callSite.line > 1);
  assert.ok(built.getTask("missing") === undefined);
});
