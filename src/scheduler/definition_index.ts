/**
 * What the planner derives from a DAG definition once per version: the graph, tasks by id, the
 * topological order, the leaves and the effective priority weights. Definitions are immutable,
 * so the index is cached by version hash.
 *
 * @module
 */

import {
  type DagDefinition,
  effectiveWeights,
  type TaskDefinition,
  TaskGraph,
} from "../core/mod.ts";

/** A DAG definition with the derived structures the planner needs. */
export interface DefinitionIndex {
  versionHash: string;
  definition: DagDefinition;
  graph: TaskGraph;
  tasks: ReadonlyMap<string, TaskDefinition>;
  /** Task ids, upstream before downstream. */
  order: readonly string[];
  leaves: ReadonlySet<string>;
  weights: ReadonlyMap<string, number>;
  /** Whether any task looks at the previous run (so the snapshot must carry it). */
  looksAtPastRuns: boolean;
}

/** A bounded cache of definition indexes by version hash. */
export class DefinitionIndexCache {
  readonly #entries = new Map<string, DefinitionIndex>();
  readonly #limit: number;

  constructor(limit = 2000) {
    this.#limit = limit;
  }

  /** The index of `definition`, built on first use. */
  get(versionHash: string, definition: DagDefinition): DefinitionIndex {
    const cached = this.#entries.get(versionHash);
    if (cached) return cached;
    const index = indexDefinition(versionHash, definition);
    if (this.#entries.size >= this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(versionHash, index);
    return index;
  }
}

/** Build the index of one definition. */
export function indexDefinition(versionHash: string, definition: DagDefinition): DefinitionIndex {
  const graph = new TaskGraph(definition.tasks);
  return {
    versionHash,
    definition,
    graph,
    tasks: new Map(definition.tasks.map((task) => [task.taskId, task])),
    order: graph.topologicalOrder(),
    leaves: new Set(graph.leaves()),
    weights: effectiveWeights(definition.tasks, graph),
    looksAtPastRuns: definition.tasks.some((task) => task.dependsOnPast || task.waitForDownstream),
  };
}
