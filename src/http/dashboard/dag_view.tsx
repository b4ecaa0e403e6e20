/**
 * The DAG page (`/dags/:dagId`): header with pause, trigger and delete; tabs grid, graph, Gantt,
 * runs, code and details (`?tab=`), a selected run (`run_id`, default the latest) and task
 * instance (`task_id`, `map_index`); the live regions' fragments; the run actions.
 *
 * @module
 */

import { DagPage, dagPageUrl, GanttView, GraphStates, GridView } from "../../../ui/dag/mod.ts";
import { type DashboardRouter, PageError } from "./_page_router.ts";
import { loadDagView, selectedRun, summaryOf } from "./_dag_view_context.ts";
import { loadGrid, runLimitOf } from "./_dag_view_grid.ts";
import { loadGraph } from "./_dag_view_graph.ts";
import { loadGantt } from "./_dag_view_gantt.ts";
import { liveUrlOf, renderTab, runDetailsOf } from "./_dag_view_tabs.tsx";
import { addRunActionRoutes } from "./_dag_view_run_actions.tsx";

const READ = { resource: "dags", action: "read" } as const;

/** Add the DAG page, its fragments and the run actions. */
export function addDagViewRoutes(router: DashboardRouter): void {
  const { store } = router.services;

  router.page("/dags/:dagId", READ, async (request) => {
    const view = await loadDagView(store, request);
    const content = await renderTab({ router, request, view });
    const back = dagPageUrl(view.dag.dagId, Object.fromEntries(request.query));
    return {
      title: `${view.dag.dagId} · ${view.tab}`,
      body: (
        <DagPage
          dag={summaryOf(view.dag, view.definition)}
          tab={view.tab}
          selection={view.selection}
          back={back}
        >
          {content}
        </DagPage>
      ),
    };
  });

  router.fragment("/dags/:dagId/grid", READ, async (request) => {
    const view = await loadDagView(store, request);
    const runLimit = runLimitOf(request.query);
    const runs = runLimit === 25 ? null : String(runLimit);
    const grid = await loadGrid(store, view, {
      runLimit,
      liveUrl: liveUrlOf(view, "grid", { runs }),
    });
    return <GridView {...grid.props} />;
  });

  router.fragment("/dags/:dagId/graph", READ, async (request) => {
    const view = await loadDagView(store, request);
    const run = await selectedRun(store, view.dag.dagId, view.selection.runId);
    return (
      <GraphStates {...await loadGraph(store, view, { run, liveUrl: liveUrlOf(view, "graph") })} />
    );
  });

  router.fragment("/dags/:dagId/gantt", READ, async (request) => {
    const view = await loadDagView(store, request);
    const run = await selectedRun(store, view.dag.dagId, view.selection.runId);
    const props = await loadGantt(store, view, {
      run,
      liveUrl: liveUrlOf(view, "gantt"),
      now: router.services.clock.now(),
    });
    return <GanttView {...props} />;
  });

  router.fragment("/dags/:dagId/run/details", READ, async (request) => {
    const view = await loadDagView(store, request);
    const run = await selectedRun(store, view.dag.dagId, view.selection.runId);
    if (run === null) throw new PageError(404, `DAG '${view.dag.dagId}' has no runs.`);
    return runDetailsOf({ router, view }, run);
  });

  addRunActionRoutes(router);
}
