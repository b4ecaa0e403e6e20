/**
 * A DAG's task graph as text: a tree from its roots (a task reached twice is shown once, then
 * referred to), or Graphviz DOT.
 *
 * @module
 */

import { type DagDefinition, TaskGraph } from "../core/mod.ts";

/** The task graph as an indented tree, one task per line, roots first. */
export function graphTree(definition: DagDefinition): string {
  const graph = new TaskGraph(definition.tasks);
  const operators = new Map(definition.tasks.map((task) => [task.taskId, task.operator]));
  const shown = new Set<string>();
  const lines: string[] = [];
  const visit = (taskId: string, prefix: string, branch: string) => {
    const label = `${taskId} [${operators.get(taskId)}]`;
    if (shown.has(taskId)) {
      const more = graph.downstreamOf(taskId).length > 0
        ? " (with its downstream, shown above)"
        : "";
      lines.push(`${prefix}${branch}${label}${more || " (shown above)"}`);
      return;
    }
    shown.add(taskId);
    lines.push(`${prefix}${branch}${label}`);
    const children = graph.downstreamOf(taskId);
    const inner = prefix + (branch === "" ? "" : branch === "└── " ? "    " : "│   ");
    children.forEach((child, index) => {
      visit(child, inner, index === children.length - 1 ? "└── " : "├── ");
    });
  };
  for (const root of graph.roots()) visit(root, "", "");
  return lines.join("\n") + (lines.length > 0 ? "\n" : "");
}

/** The task graph in Graphviz DOT. */
export function graphDot(definition: DagDefinition): string {
  const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const lines = [`digraph ${quote(definition.dagId)} {`, "  rankdir=LR;", "  node [shape=box];"];
  for (const task of definition.tasks) {
    lines.push(`  ${quote(task.taskId)} [label=${quote(`${task.taskId} (${task.operator})`)}];`);
  }
  for (const task of definition.tasks) {
    for (const upstream of task.upstream) {
      lines.push(`  ${quote(upstream)} -> ${quote(task.taskId)};`);
    }
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
