import assert from "node:assert/strict";
import { DefinitionError } from "../core/mod.ts";
import {
  bash,
  branch,
  chain,
  crossDownstream,
  dag,
  empty,
  shortCircuit,
  task,
  type TaskHandle,
} from "./mod.ts";

/** Each task's upstream ids, for a DAG built by `build`. */
function edgesOf(build: () => void): Record<string, string[]> {
  const definition = dag({ id: "edges" }, build).toDefinition("edges.ts");
  return Object.fromEntries(definition.tasks.map((t) => [t.taskId, t.upstream]));
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

const ids = (...names: string[]) => names.map((id) => empty({ id }));

Deno.test("before() returns its argument, so calls chain", () => {
  const edges = edgesOf(() => {
    const [a, b, c] = ids("a", "b", "c");
    const returned = a.before(b);
    assert.equal(returned, b);
    returned.before(c);
  });
  assert.deepEqual(edges, { a: [], b: ["a"], c: ["b"] });
});

Deno.test("before() and after() take lists", () => {
  const edges = edgesOf(() => {
    const [a, b, c, d] = ids("a", "b", "c", "d");
    const list = [b, c];
    assert.equal(a.before(list), list);
    d.after([b, c]);
  });
  assert.deepEqual(edges, { a: [], b: ["a"], c: ["a"], d: ["b", "c"] });
});

Deno.test("after() returns its argument too", () => {
  const edges = edgesOf(() => {
    const [a, b, c] = ids("a", "b", "c");
    c.after(b).after(a);
  });
  assert.deepEqual(edges, { a: [], b: ["a"], c: ["b"] });
});

Deno.test("chain() fans out to and in from lists", () => {
  const edges = edgesOf(() => {
    const [a, b, c, d, e] = ids("a", "b", "c", "d", "e");
    chain(a, b, [c, d], e);
  });
  assert.deepEqual(edges, { a: [], b: ["a"], c: ["b"], d: ["b"], e: ["c", "d"] });
});

Deno.test("chain() links neighbouring lists pairwise, like Airflow", () => {
  const edges = edgesOf(() => {
    const [a, b, c, d] = ids("a", "b", "c", "d");
    chain([a, b], [c, d]);
  });
  assert.deepEqual(edges, { a: [], b: [], c: ["a"], d: ["b"] });
  const message = messageOf(() =>
    dag({ id: "uneven" }, () => {
      const [a, b, c] = ids("a", "b", "c");
      chain([a, b], [c]);
    })
  );
  assert.match(message, /chain\(\) arguments 1 and 2 are lists of different lengths \(2 and 1\)/);
});

Deno.test("crossDownstream() links every task to every task", () => {
  const edges = edgesOf(() => {
    const [a, b, c, d] = ids("a", "b", "c", "d");
    crossDownstream([a, b], [c, d]);
  });
  assert.deepEqual(edges, { a: [], b: [], c: ["a", "b"], d: ["a", "b"] });
});

Deno.test("a dependency on another DAG's task names both", () => {
  let foreign: TaskHandle | undefined;
  dag({ id: "other" }, () => {
    foreign = empty({ id: "theirs" });
  });
  const message = messageOf(() =>
    dag({ id: "mine" }, () => {
      empty({ id: "ours" }).before(foreign!);
    })
  );
  assert.equal(
    message,
    'DAG "mine", task "ours": cannot depend on task "theirs" of DAG "other": ' +
      "dependencies must stay within one DAG",
  );
  const flow = messageOf(() =>
    dag({ id: "mine" }, () => {
      task({ id: "ours" }, (_ctx, value: unknown) => value)(foreign!);
    })
  );
  assert.match(flow, /cannot take the output of task "theirs" of DAG "other"/);
});

Deno.test("before() refuses what is not a task", () => {
  const message = messageOf(() =>
    dag({ id: "d" }, () => {
      empty({ id: "a" }).before("b" as never);
    })
  );
  assert.match(message, /before\(\) of task "a" takes tasks or lists of tasks, got "b"/);
});

Deno.test("TaskFlow: calling a handle binds inputs and adds the edges", () => {
  const definition = dag({ id: "flow" }, () => {
    const extract = task({ id: "extract" }, () => [3, 1, 2]);
    const stats = task({ id: "stats" }, (ctx) => {
      ctx.xcom.push("count", 3);
      return { max: 3 };
    });
    const total = task(
      { id: "total" },
      (_ctx, numbers: number[], count: number, label: string) =>
        `${label}${numbers.length}${count}`,
    );
    const returned = total(extract, stats.output<number>("count"), "sum: ");
    assert.equal(returned, total);
  }).toDefinition("flow.ts");
  const total = definition.tasks.find((t) => t.taskId === "total")!;
  assert.deepEqual(total.upstream, ["extract", "stats"]);
  assert.deepEqual(total.inputs, [
    { kind: "xcom", taskId: "extract", key: "return_value" },
    { kind: "xcom", taskId: "stats", key: "count" },
    { kind: "value", value: "sum: " },
  ]);
});

Deno.test("TaskFlow: branch and shortCircuit handles are callable; bash output feeds a task", () => {
  const definition = dag({ id: "flow" }, () => {
    const listing = bash({ id: "listing", command: "ls" });
    const gate = shortCircuit({ id: "gate" }, (_ctx, text: string) => text.length > 0);
    const pick = branch({ id: "pick" }, (_ctx, go: boolean) => (go ? "listing" : null));
    pick(gate(listing));
  }).toDefinition("flow.ts");
  assert.deepEqual(definition.tasks.map((t) => [t.taskId, t.upstream]), [
    ["listing", []],
    ["gate", ["listing"]],
    ["pick", ["gate"]],
  ]);
});

Deno.test("TaskFlow: inputs bind once; literals must be JSON; outputs are not nested", () => {
  const twice = messageOf(() =>
    dag({ id: "d" }, () => {
      const t = task({ id: "t" }, (_ctx, n: number) => n);
      t(1);
      t(2);
    })
  );
  assert.equal(twice, `DAG "d", task "t": the task's inputs are already bound`);
  const notJson = messageOf(() =>
    dag({ id: "d" }, () => void task({ id: "t" }, (_ctx, at: Date) => at)(new Date(0)))
  );
  assert.equal(
    notJson,
    'DAG "d", task "t", argument 1: a literal input must be JSON: value is a Date, not a plain object',
  );
  const nested = messageOf(() =>
    dag({ id: "d" }, () => {
      const a = task({ id: "a" }, () => 1);
      task({ id: "t" }, (_ctx, list: number[]) => list)([a as unknown as number]);
    })
  );
  assert.match(nested, /task outputs must be passed as arguments of their own/);
});

/** Type-level checks: `deno test` type-checks this file, and fails on an unused expectation. */
function typeChecks() {
  return dag({ id: "types" }, () => {
    const extract = task({ id: "extract" }, () => [3, 1, 2]);
    const total = task({ id: "total" }, (_ctx, numbers: number[]) => numbers.length);
    const report = task({ id: "report" }, (ctx, sum: number) => ctx.log(`total ${sum}`));
    const shout = task({ id: "shout" }, (_ctx, text: string) => text.toUpperCase());
    const later = task({ id: "later" }, () => Promise.resolve("later"));
    report(total(extract));
    shout(later); // a Promise result is awaited: the output is a string
    // @ts-expect-error: total expects number[], report returns void
    total(report);
    // @ts-expect-error: shout expects a string, total returns a number
    shout(total);
    // @ts-expect-error: literal of the wrong type
    shout(42);
    // @ts-expect-error: too many inputs
    shout("a", "b");
    // output(key) cannot know what the key holds: its type comes from where it is passed.
    total(extract.output("other"));
    // @ts-expect-error: unless it is stated
    total(extract.output<string>("other"));
    // @ts-expect-error: bash handles are not callable
    bash({ id: "b", command: "true" })();
  });
}

Deno.test("TaskFlow types: mismatched outputs are compile errors (checked by the compiler)", () => {
  assert.equal(typeof typeChecks, "function");
});
