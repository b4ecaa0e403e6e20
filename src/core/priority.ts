/**
 * Effective priority weights (fact 109): a task's own weight, plus the weights of every task
 * downstream (`downstream`, the default) or upstream (`upstream`) of it, or just its own
 * (`absolute`).
 *
 * @module
 */

import type { WeightRule } from "./definition.ts";
import { TaskGraph } from "./graph.ts";

/** What the weights need of a task. */
export interface WeightedTask {
  taskId: string;
  upstream: readonly string[];
  priorityWeight: number;
  weightRule: WeightRule;
}

const MIN_WEIGHT = -(2 ** 31);
const MAX_WEIGHT = 2 ** 31 - 1;

/**
 * Every task's effective priority weight, clamped to a 32-bit signed integer as Airflow does.
 * Each relative counts once however many paths lead to it. Relatives are kept as bitsets, one
 * per task, filled in topological order, so 5,000 tasks cost a few megabytes and milliseconds.
 *
 * @param graph The tasks' graph, when already built.
 * @throws {DefinitionError} when the tasks form a cycle.
 */
export function effectiveWeights(
  tasks: ReadonlyArray<WeightedTask>,
  graph: TaskGraph = new TaskGraph(tasks),
): Map<string, number> {
  const ids = tasks.map((task) => task.taskId);
  const position = new Map(ids.map((id, index) => [id, index]));
  const own = tasks.map((task) => task.priorityWeight);
  const needs = (rule: WeightRule) => tasks.some((task) => task.weightRule === rule);
  let downstream: Float64Array | null = null;
  let upstream: Float64Array | null = null;
  if (needs("downstream") || needs("upstream")) {
    const order = graph.topologicalOrder().map((id) => position.get(id)!);
    if (needs("downstream")) {
      const reversed = [...order].reverse();
      downstream = relativeSums(own, reversed, (index) => graph.downstreamOf(ids[index]), position);
    }
    if (needs("upstream")) {
      upstream = relativeSums(own, order, (index) => graph.upstreamOf(ids[index]), position);
    }
  }
  const weights = new Map<string, number>();
  tasks.forEach((task, index) => {
    let weight = own[index];
    if (task.weightRule === "downstream") weight += downstream![index];
    else if (task.weightRule === "upstream") weight += upstream![index];
    weights.set(task.taskId, Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, weight)));
  });
  return weights;
}

/**
 * For every task, the sum of the own weights of the tasks it reaches through `next`. `order`
 * visits every task after all tasks it reaches.
 */
function relativeSums(
  own: number[],
  order: number[],
  next: (index: number) => string[],
  position: Map<string, number>,
): Float64Array {
  const count = own.length;
  const words = Math.ceil(count / 32);
  const reach = new Uint32Array(count * words);
  const sums = new Float64Array(count);
  const table = byteSumTable(own, words * 4);
  for (const index of order) {
    const base = index * words;
    const children = next(index).map((id) => position.get(id)!);
    for (const child of children) {
      const childBase = child * words;
      for (let word = 0; word < words; word++) reach[base + word] |= reach[childBase + word];
      reach[base + (child >>> 5)] |= 1 << (child & 31);
    }
    if (children.length === 1) {
      // One direct relative: its relatives are exactly ours minus it, so no bit walk is needed.
      sums[index] = own[children[0]] + sums[children[0]];
    } else if (children.length > 1) {
      let sum = 0;
      for (let word = 0; word < words; word++) {
        const bits = reach[base + word];
        if (bits === 0) continue;
        const at = word * 1024;
        sum += table[at + (bits & 255)] + table[at + 256 + ((bits >>> 8) & 255)] +
          table[at + 512 + ((bits >>> 16) & 255)] + table[at + 768 + (bits >>> 24)];
      }
      sums[index] = sum;
    }
  }
  return sums;
}

/** `table[byte * 256 + value]`: the sum of the weights of the tasks whose bits are set in `value`. */
function byteSumTable(own: number[], byteCount: number): Float64Array {
  const table = new Float64Array(byteCount * 256);
  for (let byte = 0; byte < byteCount; byte++) {
    for (let value = 1; value < 256; value++) {
      const lowest = 31 - Math.clz32(value & -value);
      const task = byte * 8 + lowest;
      table[byte * 256 + value] = table[byte * 256 + (value & (value - 1))] +
        (task < own.length ? own[task] : 0);
    }
  }
  return table;
}
