/**
 * The tasks of a DAG version in the order the grid, graph and Gantt show them: topological,
 * definition order among tasks ready together, task group members (named `group.task`, as
 * Airflow names them) kept together under their group. Computed once per version.
 *
 * @module
 */

import { type DagDefinition, type DagRecord, TaskGraph } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";

/** A row of the task list: a task, or a group heading. */
export interface TaskRow {
  taskId: string;
  label: string;
  depth: number;
  group: boolean;
}

const MAX_CACHED = 200;
const orders = new Map<string, TaskRow[]>();

/** The rows of a version's tasks (cached per version hash: versions never change). */
export function taskRowsOf(versionHash: string, definition: DagDefinition): TaskRow[] {
  const known = orders.get(versionHash);
  if (known) return known;
  const rows = nestInGroups(orderedTaskIds(definition));
  if (orders.size >= MAX_CACHED) orders.delete(orders.keys().next().value!);
  orders.set(versionHash, rows);
  return rows;
}

/** Task ids in topological order; definition order when the graph cannot be ordered. */
export function orderedTaskIds(definition: DagDefinition): string[] {
  try {
    return new TaskGraph(definition.tasks).topologicalOrder();
  } catch {
    // A stored definition was checked when parsed; fall back rather than fail the page.
    return definition.tasks.map((task) => task.taskId);
  }
}

/**
 * Put members of a group (`a.b.c` is `c` in group `b` in group `a`) right after the first of
 * them, under a heading per group, keeping the given order otherwise.
 */
function nestInGroups(taskIds: string[]): TaskRow[] {
  interface Node {
    name: string;
    path: string;
    children: Map<string, Node>;
    taskId: string | null;
  }
  const root: Node = { name: "", path: "", children: new Map(), taskId: null };
  for (const taskId of taskIds) {
    const parts = taskId.split(".");
    let node = root;
    parts.forEach((part, index) => {
      const leaf = index === parts.length - 1;
      const key = leaf ? `task:${part}` : `group:${part}`;
      let child = node.children.get(key);
      if (!child) {
        const path = parts.slice(0, index + 1).join(".");
        child = { name: part, path, children: new Map(), taskId: leaf ? taskId : null };
        node.children.set(key, child);
      }
      node = child;
    });
  }
  const rows: TaskRow[] = [];
  const walk = (node: Node, depth: number) => {
    for (const child of node.children.values()) {
      if (child.taskId !== null) {
        rows.push({ taskId: child.taskId, label: child.name, depth, group: false });
      } else {
        rows.push({ taskId: child.path, label: child.name, depth, group: true });
        walk(child, depth + 1);
      }
    }
  };
  walk(root, 0);
  return rows;
}

/** The definition of a version: the current one, or the stored older one (current if gone). */
export async function definitionOf(
  store: Store,
  current: { dag: DagRecord; definition: DagDefinition },
  versionHash: string,
): Promise<{ versionHash: string; definition: DagDefinition }> {
  if (versionHash === current.dag.versionHash) {
    return { versionHash, definition: current.definition };
  }
  const version = await store.getDagVersion(versionHash);
  return version === null
    ? { versionHash: current.dag.versionHash, definition: current.definition }
    : { versionHash, definition: version.definition };
}
