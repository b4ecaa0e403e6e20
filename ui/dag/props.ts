/**
 * What the DAG page's components are given: plain data the HTTP layer builds from the store,
 * and the page's links, which both sides build the same way.
 *
 * @module
 */

import type {
  DagRun,
  DagRunState,
  JsonObject,
  TaskInstance,
  TaskInstanceState,
} from "../../src/core/mod.ts";
import { dagPageUrl, type UrlQuery } from "../components/mod.ts";

/** The DAG page's address (shared with every other page that links to it). */
export { dagPageUrl };

/** The tabs of the DAG page. */
export const DAG_TABS = ["grid", "graph", "gantt", "runs", "code", "details"] as const;

/** One tab of the DAG page. */
export type DagTab = (typeof DAG_TABS)[number];

/** What is selected on the page: a run (explicitly) and a task instance. */
export interface DagSelection {
  /** The run asked for in the URL; null means "the latest". */
  runId: string | null;
  taskId: string | null;
  mapIndex: number | null;
}

/** The DAG as the page header shows it. */
export interface DagSummary {
  dagId: string;
  description: string | null;
  isPaused: boolean;
  isActive: boolean;
  /** The schedule in words, and the cron expression or preset as written (null when none). */
  schedule: { words: string; expression: string | null };
  nextRun: { logicalDate: number; runAfter: number } | null;
  tags: string[];
  owner: string;
}

/** One cell of the grid: the state of a task in a run (several mapped instances summed up). */
export interface GridCell {
  state: TaskInstanceState;
  /** The map index the cell selects (-1 for unmapped tasks). */
  mapIndex: number;
  /** How many instances the cell stands for (more than one for mapped tasks). */
  count: number;
}

/** One row of the grid: a task (or a task group's heading) and its cells, one per run. */
export interface GridRow {
  taskId: string;
  /** What the row shows: the task id without its group prefix. */
  label: string;
  /** Nesting depth in task groups (group members are named `group.task`). */
  depth: number;
  /** A group heading has no cells. */
  group: boolean;
  /** Aligned with {@link GridProps.runs}; null where the run has no instance of the task. */
  cells: (GridCell | null)[];
}

/** The grid: runs as columns (oldest first), tasks as rows. */
export interface GridProps {
  dagId: string;
  runs: Pick<DagRun, "runId" | "state" | "logicalDate" | "runType">[];
  rows: GridRow[];
  selection: DagSelection;
  /** How many runs are shown (25, 50 or 100). */
  runLimit: number;
  /** The fragment URL that renders this grid again. */
  liveUrl: string;
}

/** A laid-out task graph with the selected run's states. */
export interface GraphProps {
  dagId: string;
  runId: string | null;
  liveUrl: string;
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  selection: DagSelection;
}

/** One task in the graph. */
export interface GraphNode {
  taskId: string;
  /** Centre and size, in SVG units. */
  x: number;
  y: number;
  width: number;
  height: number;
  state: TaskInstanceState;
  operator: string;
}

/** One dependency, as a polyline from upstream to downstream. */
export interface GraphEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

/** One bar of the Gantt chart: a try of a task instance. */
export interface GanttRow {
  taskId: string;
  mapIndex: number;
  tryNumber: number;
  /** Whether the task instance had more than one try (the label names the try then). */
  retried: boolean;
  state: TaskInstanceState;
  queuedAt: number | null;
  startDate: number;
  /** Null while the try is still going. */
  endDate: number | null;
}

/** The Gantt chart of one run. */
export interface GanttProps {
  dagId: string;
  runId: string | null;
  liveUrl: string;
  /** The time the chart is drawn at (ongoing bars end here). */
  now: number;
  rows: GanttRow[];
  /** Task instances that have not started (listed under the chart). */
  notStarted: { taskId: string; mapIndex: number; state: TaskInstanceState }[];
  selection: DagSelection;
}

/** The runs tab: one page of runs with filters. */
export interface RunsTabProps {
  dagId: string;
  runs: DagRun[];
  total: number;
  offset: number;
  limit: number;
  filters: { state: DagRunState | null; runType: string | null };
  selection: DagSelection;
}

/** The code tab: the DAG file's source as one version of it was parsed. */
export interface CodeProps {
  dagId: string;
  fileloc: string;
  source: string;
  versionHash: string;
  bundleHash: string;
  parsedAt: number;
  /** The run whose version is shown; null when the DAG has no run (current version). */
  runId: string | null;
  currentVersionHash: string;
}

/** The details tab. */
export interface DetailsProps {
  dagId: string;
  description: string | null;
  doc: string | null;
  schedule: { words: string; expression: string | null; timetable: string };
  timezone: string;
  startDate: number | null;
  endDate: number | null;
  catchup: boolean;
  maxActiveRuns: number;
  maxActiveTasks: number;
  dagrunTimeoutMs: number | null;
  owners: string[];
  tags: string[];
  params: JsonObject;
  /** The settings every task of the DAG shares (what `defaultArgs` set, or the defaults). */
  defaultArgs: JsonObject;
  fileloc: string;
  lastParsedAt: number;
  versionHash: string;
  isPaused: boolean;
  isActive: boolean;
  taskCount: number;
}

/** A run's details with its actions. */
export interface RunDetailsProps {
  dagId: string;
  run: DagRun;
  liveUrl: string;
  /** Whether the run used an older version of the DAG than the current one. */
  olderVersion: boolean;
  /** The time the page is drawn at (a running run's duration so far). */
  now: number;
}

/** The confirmation page of a clear: what would be cleared, and the button that does it. */
export interface ClearConfirmProps {
  dagId: string;
  runId: string;
  onlyFailed: boolean;
  instances: TaskInstance[];
}

/** A path below the DAG's page (`/dags/<id>/<rest>`) with the given query. */
export function dagSubHref(
  dagId: string,
  rest: string,
  query: UrlQuery = {},
): string {
  const base = dagPageUrl(dagId, query);
  const [path, search] = base.split("?");
  return `${path}/${rest}${search ? `?${search}` : ""}`;
}
