import assert from "node:assert/strict";
import { DefinitionError } from "./definition_error.ts";
import { branchSkips, findCycle, shortCircuitSkips, TaskGraph } from "./graph.ts";

/** Build tasks from `a>>b` edges; tasks appear in first-mention order. */
function tasksFrom(...edges: string[]): { taskId: string; upstream: string[] }[] {
  const upstream = new Map<string, string[]>();
  for (const edge of edges) {
    const ids = edge.split(">>").map((id) => id.trim());
    for (const id of ids) if (!upstream.has(id)) upstream.set(id, []);
    for (let i = 1; i < ids.length; i++) upstream.get(ids[i])!.push(ids[i - 1]);
  }
  return [...upstream].map(([taskId, list]) => ({ taskId, upstream: list }));
}

Deno.test("TaskGraph answers relatives, roots and leaves", () => {
  const graph = new TaskGraph(tasksFrom("a>>c>>e", "b>>c>>d", "a>>d", "f"));
  assert.equal(graph.size, 6);
  assert.equal(graph.has("c"), true);
  assert.equal(graph.has("z"), false);
  assert.deepEqual(graph.upstreamOf("c"), ["a", "b"]);
  assert.deepEqual(graph.downstreamOf("c"), ["d", "e"]);
  assert.deepEqual(graph.downstreamOf("a"), ["c", "d"]);
  assert.deepEqual([...graph.ancestors("d")].sort(), ["a", "b", "c"]);
  assert.deepEqual([...graph.descendants("a")].sort(), ["c", "d", "e"]);
  assert.deepEqual([...graph.descendants("e")], []);
  assert.deepEqual(graph.roots(), ["a", "b", "f"]);
  assert.deepEqual(graph.leaves(), ["e", "d", "f"]);
  assert.deepEqual(graph.taskIds(), ["a", "c", "e", "b", "d", "f"]);
  assert.throws(() => graph.upstreamOf("z"), /task "z" is not in this DAG's graph/);
});

Deno.test("TaskGraph topological order keeps definition order among ready tasks", () => {
  const graph = new TaskGraph(tasksFrom("a>>c>>e", "b>>c>>d", "a>>d", "f"));
  assert.deepEqual(graph.topologicalOrder(), ["a", "b", "c", "e", "d", "f"]);
  const reversed = new TaskGraph([
    { taskId: "z", upstream: ["y"] },
    { taskId: "y", upstream: ["x"] },
    { taskId: "x", upstream: [] },
  ]);
  assert.deepEqual(reversed.topologicalOrder(), ["x", "y", "z"]);
});

Deno.test("TaskGraph refuses duplicates and unknown upstream ids; names cycles", () => {
  assert.throws(
    () => new TaskGraph([{ taskId: "a", upstream: [] }, { taskId: "a", upstream: [] }]),
    (error: unknown) =>
      error instanceof DefinitionError && /duplicate task id "a"/.test(error.message),
  );
  assert.throws(
    () => new TaskGraph([{ taskId: "a", upstream: ["ghost"] }]),
    (error: unknown) =>
      error instanceof DefinitionError && error.taskId === "a" &&
      error.message === 'task "a" depends on "ghost", which is not a task of this DAG',
  );
  const cyclic = new TaskGraph(tasksFrom("start>>a>>b>>c>>a"));
  assert.throws(() => cyclic.topologicalOrder(), /the tasks form a cycle: a >> b >> c >> a/);
});

Deno.test("findCycle returns the cycle as a path, or null", () => {
  assert.equal(findCycle(tasksFrom("a>>b>>c", "a>>c")), null);
  assert.deepEqual(findCycle(tasksFrom("a>>b>>c>>a")), ["a", "b", "c", "a"]);
  assert.deepEqual(findCycle(tasksFrom("x>>y", "y>>y")), ["y", "y"]);
  assert.deepEqual(findCycle(tasksFrom("s>>a>>b", "b>>c>>b")), ["b", "c", "b"]);
  assert.equal(findCycle([{ taskId: "a", upstream: ["missing"] }]), null);
});

Deno.test("TaskGraph and findCycle stay cheap at 5,000 tasks", () => {
  const chain = Array.from({ length: 5000 }, (_, i) => ({
    taskId: `t${i}`,
    upstream: i === 0 ? [] : [`t${i - 1}`],
  }));
  const graph = new TaskGraph(chain);
  assert.equal(graph.topologicalOrder().length, 5000);
  assert.equal(graph.descendants("t0").size, 4999);
  assert.equal(findCycle(chain), null);
  const looped = [...chain.slice(1), { taskId: "t0", upstream: ["t4999"] }];
  assert.equal(findCycle(looped)?.length, 5001);
});

Deno.test("branchSkips: BR-1, the join downstream of a followed task is kept (facts 82, 86)", () => {
  const graph = new TaskGraph(
    tasksFrom(
      "run_this_first>>branching>>branch_a>>follow_branch_a>>join",
      "branching>>branch_false>>join",
    ),
  );
  assert.deepEqual(branchSkips(graph, "branching", ["branch_a"]), {
    skip: ["branch_false"],
    unknown: [],
  });
});

Deno.test("branchSkips: BR-2, a direct child that is downstream of the choice stays (fact 87)", () => {
  const graph = new TaskGraph(tasksFrom("branch>>task1>>join", "branch>>join"));
  assert.deepEqual(branchSkips(graph, "branch", ["task1"]).skip, []);
  assert.deepEqual(branchSkips(graph, "branch", ["join"]).skip, ["task1"]);
});

Deno.test("branchSkips: BR-3, following nothing, ids outside the children, unknown ids", () => {
  const graph = new TaskGraph(tasksFrom("branch>>branch_1", "branch>>branch_2", "other"));
  assert.deepEqual(branchSkips(graph, "branch", ["branch_1"]).skip, ["branch_2"]);
  assert.deepEqual(branchSkips(graph, "branch", []).skip, ["branch_1", "branch_2"]);
  assert.deepEqual(branchSkips(graph, "branch", ["other"]).skip, ["branch_1", "branch_2"]);
  assert.deepEqual(branchSkips(graph, "branch", ["branch_1", "nope"]), {
    skip: ["branch_2"],
    unknown: ["nope"],
  });
});

Deno.test("shortCircuitSkips: all descendants or direct children (facts 90–91)", () => {
  const graph = new TaskGraph(tasksFrom("sc>>op1>>op2", "sc>>op3"));
  assert.deepEqual(shortCircuitSkips(graph, "sc", true), ["op1", "op2", "op3"]);
  assert.deepEqual(shortCircuitSkips(graph, "sc", false), ["op1", "op3"]);
  assert.deepEqual(shortCircuitSkips(graph, "op2", true), []);
});
