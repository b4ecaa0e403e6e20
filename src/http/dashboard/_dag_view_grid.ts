/**
 * The grid's data: the latest runs of a DAG and their task instances, read with one query each
 * whatever the number of runs and tasks, laid out as rows of cells.
 *
 * @module
 */

import type { DagRun, TaskInstance, TaskInstanceState } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { GridCell, GridProps, GridRow } from "../../../ui/dag/mod.ts";
import { PageError } from "./_page_router.ts";
import type { DagView } from "./_dag_view_context.ts";
import { taskRowsOf } from "./_dag_view_tasks.ts";

/** How many runs the grid may show; the first is the default. */
export const GRID_RUN_LIMITS = [25, 50, 100] as const;

/** The `runs` query parameter, checked. */
export function runLimitOf(query: URLSearchParams): number {
  const text = query.get("runs");
  if (text === null || text === "") return GRID_RUN_LIMITS[0];
  const limit = Number(text);
  if (!(GRID_RUN_LIMITS as readonly number[]).includes(limit)) {
    throw new PageError(
      400,
      `Cannot show the grid: runs must be one of ${GRID_RUN_LIMITS.join(", ")}, got '${text}'.`,
    );
  }
  return limit;
}

/** The grid's props, and the runs it shows (newest first). */
export async function loadGrid(
  store: Store,
  view: DagView,
  options: { runLimit: number; liveUrl: string },
): Promise<{ props: GridProps; runs: DagRun[]; instances: TaskInstance[] }> {
  const dagId = view.dag.dagId;
  const newestFirst = (await store.listDagRuns({
    dagIds: [dagId],
    limit: options.runLimit,
    orderBy: "-execution_date",
  })).items;
  const instances = newestFirst.length === 0 ? [] : (await store.listTaskInstances({
    dagIds: [dagId],
    runIds: newestFirst.map((run) => run.runId),
    limit: Number.MAX_SAFE_INTEGER,
  })).items;
  const runs = [...newestFirst].reverse();
  const column = new Map(runs.map((run, index) => [run.runId, index]));
  const skeleton = taskRowsOf(view.dag.versionHash, view.definition);
  const rows: GridRow[] = skeleton.map((row) => ({ ...row, cells: [] }));
  const rowOf = new Map<string, GridRow>();
  for (const row of rows) {
    if (row.group) continue;
    row.cells = new Array(runs.length).fill(null);
    rowOf.set(row.taskId, row);
  }
  for (const instance of instances) {
    let row = rowOf.get(instance.taskId);
    if (!row) {
      // A task the current version no longer has: shown after the current ones.
      row = {
        taskId: instance.taskId,
        label: instance.taskId,
        depth: 0,
        group: false,
        cells: new Array(runs.length).fill(null),
      };
      rowOf.set(instance.taskId, row);
      rows.push(row);
    }
    const index = column.get(instance.runId)!;
    row.cells[index] = merge(row.cells[index], instance);
  }
  return {
    props: {
      dagId,
      runs,
      rows,
      selection: view.selection,
      runLimit: options.runLimit,
      liveUrl: options.liveUrl,
    },
    runs: newestFirst,
    instances,
  };
}

/** The order in which a mapped task's instances decide its cell's state: most telling first. */
const SUMMARY_ORDER: TaskInstanceState[] = [
  "running",
  "restarting",
  "deferred",
  "queued",
  "failed",
  "upstream_failed",
  "up_for_retry",
  "up_for_reschedule",
  "scheduled",
  null,
  "removed",
  "skipped",
  "success",
];

function merge(cell: GridCell | null, instance: TaskInstance): GridCell {
  if (cell === null) {
    return { state: instance.state, mapIndex: instance.mapIndex, count: 1 };
  }
  const state = SUMMARY_ORDER.indexOf(instance.state) < SUMMARY_ORDER.indexOf(cell.state)
    ? instance.state
    : cell.state;
  return { state, mapIndex: Math.min(cell.mapIndex, instance.mapIndex), count: cell.count + 1 };
}
