/**
 * The task graph of a DAG: relatives, roots and leaves, topological order, cycles, and which
 * tasks a branch or short-circuit skips (facts 81–91). Built in O(tasks + edges).
 *
 * @module
 */

import { DefinitionError } from "./definition_error.ts";

/** What the graph needs of a task. */
export interface GraphTask {
  taskId: string;
  upstream: readonly string[];
}

/**
 * The tasks of a DAG and their dependencies. Tasks keep their definition order; direct
 * relatives are returned sorted.
 */
export class TaskGraph {
  readonly #ids: string[];
  readonly #index = new Map<string, number>();
  readonly #upstream: string[][];
  readonly #downstream: string[][];

  /**
   * @param tasks The tasks in definition order, each with its direct upstream task ids.
   * @throws {DefinitionError} on a duplicate task id or an upstream id that is not a task.
   */
  constructor(tasks: ReadonlyArray<GraphTask>) {
    this.#ids = tasks.map((task) => task.taskId);
    this.#ids.forEach((id, index) => {
      if (this.#index.has(id)) {
        throw new DefinitionError(`duplicate task id "${id}"`, { taskId: id, field: "taskId" });
      }
      this.#index.set(id, index);
    });
    this.#upstream = tasks.map(() => []);
    this.#downstream = tasks.map(() => []);
    tasks.forEach((task, index) => {
      for (const upstreamId of new Set(task.upstream)) {
        const from = this.#index.get(upstreamId);
        if (from === undefined) {
          throw new DefinitionError(
            `task "${task.taskId}" depends on "${upstreamId}", which is not a task of this DAG`,
            { taskId: task.taskId, field: "upstream" },
          );
        }
        this.#upstream[index].push(upstreamId);
        this.#downstream[from].push(task.taskId);
      }
    });
    for (const list of [...this.#upstream, ...this.#downstream]) list.sort();
  }

  /** The number of tasks. */
  get size(): number {
    return this.#ids.length;
  }

  /** Every task id, in definition order. */
  taskIds(): string[] {
    return [...this.#ids];
  }

  /** Whether the graph has a task with this id. */
  has(taskId: string): boolean {
    return this.#index.has(taskId);
  }

  /** Direct upstream task ids, sorted. */
  upstreamOf(taskId: string): string[] {
    return [...this.#upstream[this.#position(taskId)]];
  }

  /** Direct downstream task ids, sorted. */
  downstreamOf(taskId: string): string[] {
    return [...this.#downstream[this.#position(taskId)]];
  }

  /** Every task upstream of `taskId`, transitively. */
  ancestors(taskId: string): Set<string> {
    return this.#reach(taskId, this.#upstream);
  }

  /** Every task downstream of `taskId`, transitively. */
  descendants(taskId: string): Set<string> {
    return this.#reach(taskId, this.#downstream);
  }

  /** Tasks without upstream tasks, in definition order. */
  roots(): string[] {
    return this.#ids.filter((_, index) => this.#upstream[index].length === 0);
  }

  /** Tasks without downstream tasks, in definition order. */
  leaves(): string[] {
    return this.#ids.filter((_, index) => this.#downstream[index].length === 0);
  }

  /**
   * Every task after all of its upstream tasks; among tasks that are ready together,
   * definition order decides.
   *
   * @throws {DefinitionError} when the graph has a cycle, naming it.
   */
  topologicalOrder(): string[] {
    const waiting = this.#upstream.map((list) => list.length);
    const order: string[] = [];
    const ready = new MinHeap();
    waiting.forEach((count, index) => count === 0 && ready.push(index));
    while (ready.size > 0) {
      const index = ready.pop();
      order.push(this.#ids[index]);
      for (const child of this.#downstream[index]) {
        const childIndex = this.#index.get(child)!;
        waiting[childIndex] -= 1;
        if (waiting[childIndex] === 0) ready.push(childIndex);
      }
    }
    if (order.length < this.#ids.length) {
      const cycle = findCycle(this.#ids.map((taskId, index) => ({
        taskId,
        upstream: this.#upstream[index],
      })));
      throw new DefinitionError(`the tasks form a cycle: ${(cycle ?? []).join(" >> ")}`, {
        field: "upstream",
      });
    }
    return order;
  }

  #position(taskId: string): number {
    const index = this.#index.get(taskId);
    if (index === undefined) throw new RangeError(`task "${taskId}" is not in this DAG's graph`);
    return index;
  }

  #reach(taskId: string, edges: string[][]): Set<string> {
    const found = new Set<string>();
    const stack = [...edges[this.#position(taskId)]];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (found.has(id)) continue;
      found.add(id);
      for (const next of edges[this.#index.get(id)!]) if (!found.has(next)) stack.push(next);
    }
    return found;
  }
}

/** A small binary min-heap of numbers, for a stable topological order. */
class MinHeap {
  #items: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(value: number): void {
    const items = this.#items;
    items.push(value);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent] <= items[at]) break;
      [items[parent], items[at]] = [items[at], items[parent]];
      at = parent;
    }
  }

  pop(): number {
    const items = this.#items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let at = 0;
      for (;;) {
        const left = at * 2 + 1;
        const right = left + 1;
        let smallest = at;
        if (left < items.length && items[left] < items[smallest]) smallest = left;
        if (right < items.length && items[right] < items[smallest]) smallest = right;
        if (smallest === at) break;
        [items[smallest], items[at]] = [items[at], items[smallest]];
        at = smallest;
      }
    }
    return top;
  }
}

/**
 * A dependency cycle, as a path that follows downstream edges and ends where it started
 * (`["a", "b", "c", "a"]` for `a >> b >> c >> a`), or null when there is none. Upstream ids that
 * are not tasks are ignored.
 */
export function findCycle(tasks: ReadonlyArray<GraphTask>): string[] | null {
  const index = new Map(tasks.map((task, position) => [task.taskId, position]));
  const downstream: number[][] = tasks.map(() => []);
  tasks.forEach((task, position) => {
    for (const upstreamId of task.upstream) {
      const from = index.get(upstreamId);
      if (from !== undefined) downstream[from].push(position);
    }
  });
  // 0 = unvisited, 1 = on the current path, 2 = done.
  const mark = new Uint8Array(tasks.length);
  for (let start = 0; start < tasks.length; start++) {
    if (mark[start] !== 0) continue;
    const path: number[] = [start];
    const next: number[] = [0];
    mark[start] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top];
      if (next[top] < downstream[node].length) {
        const child = downstream[node][next[top]++];
        if (mark[child] === 1) {
          const cycle = path.slice(path.indexOf(child)).map((at) => tasks[at].taskId);
          return [...cycle, tasks[child].taskId];
        }
        if (mark[child] === 0) {
          mark[child] = 1;
          path.push(child);
          next.push(0);
        }
      } else {
        mark[node] = 2;
        path.pop();
        next.pop();
      }
    }
  }
  return null;
}

/**
 * Which direct downstream tasks of a branch task to skip (facts 82–83): those that are neither
 * followed nor downstream (transitively) of a followed task. Following nothing skips them all.
 *
 * @param followed The task ids the branch returned (task groups already expanded).
 * @returns `skip`, sorted; and `unknown`: followed ids that are not tasks of the DAG, for which
 *   the caller fails the branch task.
 */
export function branchSkips(
  graph: TaskGraph,
  branchTaskId: string,
  followed: readonly string[],
): { skip: string[]; unknown: string[] } {
  const unknown = followed.filter((id) => !graph.has(id));
  const kept = new Set<string>();
  for (const id of followed) {
    if (!graph.has(id) || kept.has(id)) continue;
    kept.add(id);
    for (const descendant of graph.descendants(id)) kept.add(descendant);
  }
  const skip = graph.downstreamOf(branchTaskId).filter((id) => !kept.has(id));
  return { skip, unknown: [...new Set(unknown)] };
}

/**
 * Which tasks a short-circuit task skips when its result is falsy (facts 90–91): every task
 * downstream of it (transitively) when downstream trigger rules are ignored, else only its
 * direct downstream tasks. Sorted.
 */
export function shortCircuitSkips(
  graph: TaskGraph,
  taskId: string,
  ignoreDownstreamTriggerRules: boolean,
): string[] {
  if (!ignoreDownstreamTriggerRules) return graph.downstreamOf(taskId);
  return [...graph.descendants(taskId)].sort();
}
