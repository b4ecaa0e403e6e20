/**
 * `chain()` and `crossDownstream()`: dependencies between many tasks at once.
 *
 * @module
 */

import { fail } from "./_checks.ts";
import type { Dependency } from "./task_handle.ts";
import { nodesOf } from "./task_handle.ts";
import type { TaskNode } from "./task_node.ts";

/**
 * Make each item run after the one before it. A list fans out from a single task before it and
 * fans in to a single task after it; two lists next to each other are linked pairwise and must
 * have the same length (like Airflow's `chain`; use {@link crossDownstream} for all-to-all).
 *
 * @example
 * ```ts
 * chain(extract, [cleanUsers, cleanOrders], load); // extract → both → load
 * ```
 */
export function chain(...items: Dependency[]): void {
  const groups = items.map((item, index) => ({
    nodes: nodesOf(item, `chain() argument ${index + 1}`),
    isList: Array.isArray(item),
  }));
  for (let index = 1; index < groups.length; index++) {
    const upstream = groups[index - 1];
    const downstream = groups[index];
    if (upstream.isList && downstream.isList) {
      if (upstream.nodes.length !== downstream.nodes.length) {
        fail(
          {},
          undefined,
          `chain() arguments ${index} and ${index + 1} are lists of different lengths ` +
            `(${upstream.nodes.length} and ${downstream.nodes.length}); lists next to each other ` +
            "are linked pairwise (use crossDownstream() to link every task to every task)",
        );
      }
      upstream.nodes.forEach((node, position) => link(node, downstream.nodes[position]));
    } else {
      for (const from of upstream.nodes) for (const to of downstream.nodes) link(from, to);
    }
  }
}

/** Make every task of `downstream` run after every task of `upstream`. */
export function crossDownstream(upstream: Dependency, downstream: Dependency): void {
  const from = nodesOf(upstream, "crossDownstream() upstream");
  const to = nodesOf(downstream, "crossDownstream() downstream");
  for (const first of from) for (const second of to) link(first, second);
}

function link(upstream: TaskNode, downstream: TaskNode): void {
  upstream.dag.addDependency(upstream, downstream);
}
