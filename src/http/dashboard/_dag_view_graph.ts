/**
 * The graph's data: a version's tasks laid out left to right with dagre on the server (once per
 * version: the layout does not depend on states), coloured with one run's states.
 *
 * @module
 */

import dagre from "@dagrejs/dagre";
import type { DagDefinition, DagRun, TaskInstanceState } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { GraphEdge, GraphNode, GraphProps } from "../../../ui/dag/mod.ts";
import type { DagView } from "./_dag_view_context.ts";
import { definitionOf } from "./_dag_view_tasks.ts";

/** A laid-out version: boxes and arrows, without states. */
interface Layout {
  width: number;
  height: number;
  nodes: Omit<GraphNode, "state">[];
  edges: GraphEdge[];
}

const NODE_HEIGHT = 44;
/** Wide enough for the longest state word ("up for reschedule") with its icon. */
const MIN_NODE_WIDTH = 150;
const CHARACTER_WIDTH = 7.4;
const MAX_CACHED = 100;
const layouts = new Map<string, Layout>();

/** The layout of a version, computed once per version hash. */
export function layoutOf(versionHash: string, definition: DagDefinition): Layout {
  const known = layouts.get(versionHash);
  if (known) return known;
  const layout = computeLayout(definition);
  if (layouts.size >= MAX_CACHED) layouts.delete(layouts.keys().next().value!);
  layouts.set(versionHash, layout);
  return layout;
}

function computeLayout(definition: DagDefinition): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 48, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const task of definition.tasks) {
    const width = Math.max(MIN_NODE_WIDTH, task.taskId.length * CHARACTER_WIDTH + 24);
    graph.setNode(task.taskId, { width, height: NODE_HEIGHT });
  }
  for (const task of definition.tasks) {
    for (const upstream of task.upstream) graph.setEdge(upstream, task.taskId);
  }
  dagre.layout(graph);
  const nodes = definition.tasks.map((task) => {
    const node = graph.node(task.taskId);
    return {
      taskId: task.taskId,
      x: node.x,
      y: node.y,
      width: node.width,
      height: node.height,
      operator: task.operator,
    };
  });
  const edges = graph.edges().map((edge) => ({
    from: edge.v,
    to: edge.w,
    points: graph.edge(edge).points.map((point: { x: number; y: number }) => ({
      x: point.x,
      y: point.y,
    })),
  }));
  const size = graph.graph();
  // An empty graph has no extent (dagre reports -Infinity).
  const extent = (value: number | undefined) => Number.isFinite(value) ? Math.max(0, value!) : 0;
  return { width: extent(size.width), height: extent(size.height), nodes, edges };
}

/** The graph of the run's version (the current one without a run) with the run's states. */
export async function loadGraph(
  store: Store,
  view: DagView,
  options: { run: DagRun | null; liveUrl: string },
): Promise<GraphProps> {
  const { run } = options;
  const version = await definitionOf(store, view, run?.versionHash ?? view.dag.versionHash);
  const layout = layoutOf(version.versionHash, version.definition);
  const states = new Map<string, TaskInstanceState>();
  if (run !== null) {
    const instances = await store.listTaskInstances({
      dagIds: [view.dag.dagId],
      runIds: [run.runId],
      limit: Number.MAX_SAFE_INTEGER,
    });
    // A mapped task shows the state of its first instance; the grid sums them up.
    for (const instance of instances.items.sort((a, b) => b.mapIndex - a.mapIndex)) {
      states.set(instance.taskId, instance.state);
    }
  }
  return {
    dagId: view.dag.dagId,
    runId: run?.runId ?? null,
    liveUrl: options.liveUrl,
    width: layout.width,
    height: layout.height,
    nodes: layout.nodes.map((node) => ({ ...node, state: states.get(node.taskId) ?? null })),
    edges: layout.edges,
    selection: view.selection,
  };
}
