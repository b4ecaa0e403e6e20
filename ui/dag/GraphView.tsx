import { BUTTON } from "../components/mod.ts";
import { lookOf } from "../states.ts";
import { dagPageUrl, type GraphNode, type GraphProps } from "./props.ts";

const MARGIN = 16;

/**
 * The task graph laid out on the server: tasks as rounded boxes filled with the selected run's
 * state colour and labelled with the task id and the state's icon and word, dependencies as
 * arrows, each box a link that selects the task instance. Zoom and pan come from the client
 * script (`data-zoom-root`). The states are a live region ({@link GraphStates}).
 */
export function GraphView(props: GraphProps) {
  const width = props.width + MARGIN * 2;
  const height = props.height + MARGIN * 2;
  const viewBox = `${-MARGIN} ${-MARGIN} ${width} ${height}`;
  return (
    <div id="dag-graph" data-testid="dag-graph">
      <div data-zoom-root class="space-y-2">
        <div class="flex flex-wrap items-center gap-1" role="group" aria-label="Zoom">
          <button type="button" class={BUTTON.plain} data-zoom-action="in" aria-label="Zoom in">
            +
          </button>
          <button type="button" class={BUTTON.plain} data-zoom-action="out" aria-label="Zoom out">
            −
          </button>
          <button type="button" class={BUTTON.plain} data-zoom-action="reset">Reset view</button>
          <span class="text-xs text-gray-500">Scroll to zoom, drag to pan.</span>
        </div>
        <div class="overflow-hidden rounded border border-gray-200 dark:border-gray-700">
          <svg
            data-zoom
            id="dag-graph-svg"
            viewBox={viewBox}
            width="100%"
            height={Math.min(Math.max(height, 160), 640)}
            role="group"
            aria-label={`Task graph of ${props.dagId}${
              props.runId ? ` with the states of run ${props.runId}` : ""
            }`}
            class="block touch-none select-none bg-gray-50 dark:bg-gray-900"
          >
            <defs>
              <marker
                id="dag-graph-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#6b7280" />
              </marker>
            </defs>
            <g>
              {props.edges.map((edge) => (
                <path
                  key={`${edge.from}->${edge.to}`}
                  data-edge={`${edge.from}->${edge.to}`}
                  d={edge.points.map((point, index) =>
                    `${index === 0 ? "M" : "L"} ${round(point.x)} ${round(point.y)}`
                  ).join(" ")}
                  fill="none"
                  stroke="#6b7280"
                  stroke-width="1.5"
                  marker-end="url(#dag-graph-arrow)"
                />
              ))}
            </g>
            <g>
              {props.nodes.map((node) => <Node key={node.taskId} node={node} props={props} />)}
            </g>
          </svg>
        </div>
      </div>
      <GraphStates {...props} />
    </div>
  );
}

/**
 * The live part of the graph: each node's state as data. The page refetches it when state
 * changes and the client script (`graph_states.ts`) repaints the nodes from it, so the SVG, and
 * how far the reader zoomed and panned it, stay as they are.
 */
export function GraphStates(props: GraphProps) {
  return (
    <ul id="dag-graph-states" data-live={props.liveUrl} data-graph-states="dag-graph-svg" hidden>
      {props.nodes.map((node) => {
        const look = lookOf(node.state);
        return (
          <li
            key={node.taskId}
            data-task-id={node.taskId}
            data-state={node.state ?? "none"}
            data-fill={look.fill}
            data-ink={inkOf(look)}
            data-label={`${look.icon} ${look.label}`}
            data-title={`${node.taskId} (${node.operator}): ${look.label}`}
            data-name={`${node.taskId}: ${look.label}`}
          >
            {node.taskId}: {look.label}
          </li>
        );
      })}
    </ul>
  );
}

/** Text colour that reads on the state's fill. */
function inkOf(look: { classes: string }): string {
  return look.classes.includes("text-white") ? "#ffffff" : "#111827";
}

function Node({ node, props }: { node: GraphNode; props: GraphProps }) {
  const look = lookOf(node.state);
  const ink = inkOf(look);
  const selected = props.selection.taskId === node.taskId;
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  const href = dagPageUrl(props.dagId, {
    tab: "graph",
    run_id: props.selection.runId,
    task_id: node.taskId,
  });
  return (
    <a href={href} data-task-id={node.taskId} aria-label={`${node.taskId}: ${look.label}`}>
      <title>{`${node.taskId} (${node.operator}): ${look.label}`}</title>
      <rect
        x={round(left)}
        y={round(top)}
        width={round(node.width)}
        height={round(node.height)}
        rx="6"
        fill={look.fill}
        data-node-box
        stroke={selected ? "#0369a1" : "#374151"}
        stroke-width={selected ? "3" : "1"}
      />
      <text
        data-node-name
        x={round(node.x)}
        y={round(top + 17)}
        text-anchor="middle"
        font-size="12"
        font-weight="600"
        font-family="ui-sans-serif, system-ui, sans-serif"
        fill={ink}
      >
        {node.taskId}
      </text>
      <text
        x={round(node.x)}
        y={round(top + 33)}
        text-anchor="middle"
        font-size="11"
        font-family="ui-sans-serif, system-ui, sans-serif"
        fill={ink}
        data-node-state={node.state ?? "none"}
      >
        {`${look.icon} ${look.label}`}
      </text>
    </a>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
