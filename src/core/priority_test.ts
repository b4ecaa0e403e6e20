import assert from "node:assert/strict";
import type { WeightRule } from "./definition.ts";
import { TaskGraph } from "./graph.ts";
import { effectiveWeights } from "./priority.ts";

function task(
  taskId: string,
  upstream: string[],
  weightRule: WeightRule = "downstream",
  priorityWeight = 1,
) {
  return { taskId, upstream, priorityWeight, weightRule };
}

Deno.test("effectiveWeights: the vector of fact 109", () => {
  const chain = (
    rule: WeightRule,
  ) => [task("a", [], rule), task("b", ["a"], rule), task("c", ["b"], rule)];
  assert.deepEqual([...effectiveWeights(chain("downstream"))], [["a", 3], ["b", 2], ["c", 1]]);
  assert.deepEqual([...effectiveWeights(chain("upstream"))], [["a", 1], ["b", 2], ["c", 3]]);
  assert.deepEqual([...effectiveWeights(chain("absolute"))], [["a", 1], ["b", 1], ["c", 1]]);
});

Deno.test("effectiveWeights counts each relative once, not once per path", () => {
  // Diamond: a >> [b, c] >> d, weights 1, 10, 100, 1000.
  const tasks = (rule: WeightRule) => [
    task("a", [], rule, 1),
    task("b", ["a"], rule, 10),
    task("c", ["a"], rule, 100),
    task("d", ["b", "c"], rule, 1000),
  ];
  assert.deepEqual(
    Object.fromEntries(effectiveWeights(tasks("downstream"))),
    { a: 1111, b: 1010, c: 1100, d: 1000 },
  );
  assert.deepEqual(
    Object.fromEntries(effectiveWeights(tasks("upstream"))),
    { a: 1, b: 11, c: 101, d: 1111 },
  );
});

Deno.test("effectiveWeights mixes rules per task and accepts a prebuilt graph", () => {
  const tasks = [
    task("a", [], "downstream", 2),
    task("b", ["a"], "upstream", 3),
    task("c", ["b"], "absolute", 5),
    task("d", ["a"], "downstream", -1),
  ];
  const weights = effectiveWeights(tasks, new TaskGraph(tasks));
  assert.deepEqual(Object.fromEntries(weights), { a: 9, b: 5, c: 5, d: -1 });
});

Deno.test("effectiveWeights clamps to 32-bit integers", () => {
  const tasks = [task("a", [], "downstream", 2 ** 31 - 10), task("b", ["a"], "downstream", 100)];
  assert.equal(effectiveWeights(tasks).get("a"), 2 ** 31 - 1);
});

Deno.test("effectiveWeights agrees with a direct count on a layered 5,000-task DAG", () => {
  // 50 layers of 100 tasks; each task depends on two tasks of the layer above.
  const tasks = [];
  for (let layer = 0; layer < 50; layer++) {
    for (let i = 0; i < 100; i++) {
      const upstream = layer === 0
        ? []
        : [`t${layer - 1}_${i}`, `t${layer - 1}_${(i * 7 + 3) % 100}`];
      tasks.push(task(`t${layer}_${i}`, [...new Set(upstream)], "downstream", (i % 5) + 1));
    }
  }
  const graph = new TaskGraph(tasks);
  const weights = effectiveWeights(tasks, graph);
  assert.equal(weights.size, 5000);
  const own = new Map(tasks.map((t) => [t.taskId, t.priorityWeight]));
  for (const id of ["t0_0", "t10_42", "t48_99", "t49_5"]) {
    let expected = own.get(id)!;
    for (const descendant of graph.descendants(id)) expected += own.get(descendant)!;
    assert.equal(weights.get(id), expected, id);
  }
  const upstreamWeights = effectiveWeights(
    tasks.map((t) => ({ ...t, weightRule: "upstream" as const })),
  );
  let expected = own.get("t49_5")!;
  for (const ancestor of graph.ancestors("t49_5")) expected += own.get(ancestor)!;
  assert.equal(upstreamWeights.get("t49_5"), expected);
});

Deno.test("effectiveWeights handles a 5,000-task chain", () => {
  const tasks = Array.from({ length: 5000 }, (_, i) => task(`t${i}`, i === 0 ? [] : [`t${i - 1}`]));
  const weights = effectiveWeights(tasks);
  assert.equal(weights.get("t0"), 5000);
  assert.equal(weights.get("t4999"), 1);
});

Deno.test("effectiveWeights refuses cycles", () => {
  assert.throws(
    () => effectiveWeights([task("a", ["b"]), task("b", ["a"])]),
    /the tasks form a cycle/,
  );
});
