/**
 * Each tab of the DAG page as a component tree, with the side panel that shows the selected
 * task instance (the task instance panel) or the selected run (its details and actions).
 *
 * @module
 */

import type { VNode } from "preact";
import {
  DAG_RUN_STATES,
  type DagRun,
  type DagRunState,
  RUN_TYPES,
  type RunType,
  type TaskInstance,
} from "../../core/mod.ts";
import {
  CodeView,
  dagSubHref,
  DetailsView,
  GanttView,
  GraphView,
  GridView,
  RunCountSelector,
  RunDetails,
  RunSelector,
  RunsTable,
  StateLegend,
  TaskInstanceSummary,
  WithPanel,
} from "../../../ui/dag/mod.ts";
import { type DashboardRequest, type DashboardRouter, PageError } from "./_page_router.ts";
import { type DagView, selectedRun } from "./_dag_view_context.ts";
import { loadGrid, runLimitOf } from "./_dag_view_grid.ts";
import { loadGraph } from "./_dag_view_graph.ts";
import { loadGantt } from "./_dag_view_gantt.ts";
import { detailsOf, loadCode } from "./_dag_view_code.ts";
import { renderTaskInstancePanel } from "./task_instance_panel.ts";

/** What a tab renders from. */
export interface TabInput {
  router: DashboardRouter;
  request: DashboardRequest;
  view: DagView;
}

// deno-lint-ignore no-explicit-any
type Node = VNode<any>;

/** How many runs the graph's and Gantt's run selector offers. */
const SELECTOR_RUNS = 50;
const RUN_PAGE_SIZES = [25, 50, 100];

/** The selected tab's content. */
export function renderTab(input: TabInput): Promise<Node> {
  switch (input.view.tab) {
    case "grid":
      return gridTab(input);
    case "graph":
    case "gantt":
      return chartTab(input);
    case "runs":
      return runsTab(input);
    case "code":
      return codeTab(input);
    case "details":
      return Promise.resolve(
        <DetailsView {...detailsOf(input.view, input.router.services.dagDefaults)} />,
      );
  }
}

/** The URL of a live region of the DAG page, keeping the page's selection. */
export function liveUrlOf(view: DagView, name: string, extra: Record<string, string | null> = {}) {
  const { selection } = view;
  return dagSubHref(view.dag.dagId, name, {
    ...extra,
    run_id: selection.runId,
    task_id: selection.taskId,
    map_index: selection.taskId !== null ? selection.mapIndex : null,
  });
}

async function gridTab(input: TabInput): Promise<Node> {
  const { view, router } = input;
  const runLimit = runLimitOf(input.request.query);
  const runs = runLimit === 25 ? null : String(runLimit);
  const grid = await loadGrid(router.services.store, view, {
    runLimit,
    liveUrl: liveUrlOf(view, "grid", { runs }),
  });
  const wanted = view.selection.runId;
  const run = wanted === null
    ? grid.runs[0] ?? null
    : grid.runs.find((entry) => entry.runId === wanted) ??
      await selectedRun(router.services.store, view.dag.dagId, wanted);
  return (
    <WithPanel panel={await sidePanel(input, run, grid.instances)}>
      <RunCountSelector dagId={view.dag.dagId} runLimit={runLimit} selection={view.selection} />
      <GridView {...grid.props} />
      <StateLegend />
    </WithPanel>
  );
}

async function chartTab(input: TabInput): Promise<Node> {
  const { view, router } = input;
  const store = router.services.store;
  const recent = (await store.listDagRuns({
    dagIds: [view.dag.dagId],
    limit: SELECTOR_RUNS,
    orderBy: "-execution_date",
  })).items;
  const wanted = view.selection.runId;
  const run = wanted === null
    ? recent[0] ?? null
    : recent.find((entry) => entry.runId === wanted) ??
      await selectedRun(store, view.dag.dagId, wanted);
  if (run !== null && !recent.some((entry) => entry.runId === run.runId)) recent.push(run);
  const chart = view.tab === "graph"
    ? <GraphView {...await loadGraph(store, view, { run, liveUrl: liveUrlOf(view, "graph") })} />
    : (
      <GanttView
        {...await loadGantt(store, view, {
          run,
          liveUrl: liveUrlOf(view, "gantt"),
          now: router.services.clock.now(),
        })}
      />
    );
  return (
    <WithPanel panel={view.selection.taskId === null ? null : await sidePanel(input, run)}>
      <RunSelector
        dagId={view.dag.dagId}
        tab={view.tab}
        runs={recent}
        selectedRunId={run?.runId ?? null}
      />
      {chart}
    </WithPanel>
  );
}

async function runsTab(input: TabInput): Promise<Node> {
  const { view, router, request } = input;
  const query = request.query;
  const state = choice(query, "state", DAG_RUN_STATES) as DagRunState | null;
  const runType = choice(query, "run_type", RUN_TYPES) as RunType | null;
  const limitText = choice(query, "limit", RUN_PAGE_SIZES.map(String));
  const limit = limitText === null ? RUN_PAGE_SIZES[0] : Number(limitText);
  const offsetText = query.get("offset") || "0";
  const offset = Number(offsetText);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new PageError(
      400,
      `Cannot list the runs: offset must be a whole number of 0 or more, got '${offsetText}'.`,
    );
  }
  const page = await router.services.store.listDagRuns({
    dagIds: [view.dag.dagId],
    states: state === null ? undefined : [state],
    runTypes: runType === null ? undefined : [runType],
    limit,
    offset,
    orderBy: "-execution_date",
  });
  const wanted = view.selection.runId;
  const run = wanted === null ? null : page.items.find((entry) => entry.runId === wanted) ??
    await selectedRun(router.services.store, view.dag.dagId, wanted);
  return (
    <WithPanel panel={run === null ? null : await sidePanel(input, run)}>
      <RunsTable
        dagId={view.dag.dagId}
        runs={page.items}
        total={page.total}
        offset={offset}
        limit={limit}
        filters={{ state, runType }}
        selection={view.selection}
      />
    </WithPanel>
  );
}

async function codeTab(input: TabInput): Promise<Node> {
  const { view, router, request } = input;
  if (!request.viewer.can("dag_code", "read")) {
    return <p>Your role ({request.viewer.role}) may not read DAG code.</p>;
  }
  const current = request.query.get("version") === "current";
  const run = current
    ? null
    : await selectedRun(router.services.store, view.dag.dagId, view.selection.runId);
  return <CodeView {...await loadCode(router.services.store, view, run)} />;
}

/** The selected task instance's panel, else the run's details; null without a run. */
export async function sidePanel(
  input: TabInput,
  run: DagRun | null,
  instances: TaskInstance[] = [],
): Promise<Node | null> {
  if (run === null) return null;
  const { view, request, router } = input;
  const { taskId, mapIndex } = view.selection;
  if (taskId !== null) {
    const key = { dagId: run.dagId, runId: run.runId, taskId, mapIndex: mapIndex ?? -1 };
    const panel = await renderTaskInstancePanel(request, key);
    if (panel !== null) return panel;
    const instance = instances.find((entry) =>
      entry.runId === key.runId && entry.taskId === key.taskId && entry.mapIndex === key.mapIndex
    ) ?? await router.services.store.getTaskInstance(key);
    return <TaskInstanceSummary instance={instance} taskId={taskId} />;
  }
  return runDetailsOf(input, run);
}

/** A run's details panel (a live region of its own). */
export function runDetailsOf(input: Pick<TabInput, "router" | "view">, run: DagRun): Node {
  return (
    <RunDetails
      dagId={run.dagId}
      run={run}
      liveUrl={dagSubHref(run.dagId, "run/details", { run_id: run.runId })}
      olderVersion={run.versionHash !== input.view.dag.versionHash}
      now={input.router.services.clock.now()}
    />
  );
}

function choice(query: URLSearchParams, name: string, allowed: readonly string[]): string | null {
  const value = query.get(name);
  if (value === null || value === "") return null;
  if (!allowed.includes(value)) {
    throw new PageError(
      400,
      `Cannot list the runs: ${name} must be one of ${allowed.join(", ")}, got '${value}'.`,
    );
  }
  return value;
}
