/**
 * The DAG page's components: header and tabs, grid, graph, Gantt, runs, code, details, a run's
 * details with its actions, and the clear confirmation. The HTTP layer builds their props.
 *
 * @module
 */

export {
  type ClearConfirmProps,
  type CodeProps,
  DAG_TABS,
  dagPageUrl,
  type DagSelection,
  dagSubHref,
  type DagSummary,
  type DagTab,
  type DetailsProps,
  type GanttProps,
  type GanttRow,
  type GraphEdge,
  type GraphNode,
  type GraphProps,
  type GridCell,
  type GridProps,
  type GridRow,
  type RunDetailsProps,
  type RunsTabProps,
} from "./props.ts";
export {
  DagPage,
  RunCountSelector,
  RunSelector,
  StateLegend,
  TaskInstanceSummary,
  WithPanel,
} from "./DagPage.tsx";
export { GridView } from "./GridView.tsx";
export { GraphStates, GraphView } from "./GraphView.tsx";
export { GanttView } from "./GanttView.tsx";
export { RunsTable } from "./RunsTable.tsx";
export { CodeView } from "./CodeView.tsx";
export { DetailsView } from "./DetailsView.tsx";
export { RunDetails } from "./RunDetails.tsx";
export { ClearConfirmPage } from "./ClearConfirmPage.tsx";
