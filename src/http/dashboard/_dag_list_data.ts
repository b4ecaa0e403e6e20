/**
 * Loading the DAG list: the page's DAGs in one store call, their recent runs in one more (for
 * the whole page), and the status tab counts as count-only queries, so the page costs the same
 * few queries whether it shows 10 DAGs or 100.
 *
 * @module
 */

import { type DagRun, describeSchedule, SCHEDULE_PRESETS } from "../../core/mod.ts";
import type { DagQuery, DagWithDefinition, Store } from "../../store/mod.ts";
import {
  DAG_STATUS_FILTERS,
  type DagListFilters,
  type DagListRow,
  type DagListView,
  type DagStatusFilter,
} from "../../../ui/dag_list/mod.ts";
import { PageError } from "./_page_router.ts";
import { readOffset } from "./_browse_inputs.ts";

/** DAGs per page (Airflow's default `page_size`). */
export const DAG_PAGE_SIZE = 100;

/** Runs shown per DAG. */
export const RECENT_RUN_COUNT = 10;

/** Read the list's filters from the query string; unknown values are refused naming the field. */
export function readDagListFilters(query: URLSearchParams): DagListFilters {
  const status = query.get("status") ?? "all";
  if (!(DAG_STATUS_FILTERS as readonly string[]).includes(status)) {
    throw new PageError(
      400,
      `Cannot list DAGs: status must be one of ${DAG_STATUS_FILTERS.join(", ")}, got "${status}".`,
    );
  }
  const sort = query.get("sort") ?? "dag_id";
  if (sort !== "dag_id" && sort !== "-dag_id") {
    throw new PageError(400, `Cannot list DAGs: sort must be dag_id or -dag_id, got "${sort}".`);
  }
  const offset = readOffset(query, "Cannot list DAGs");
  const tags = [...new Set(query.getAll("tags").map((tag) => tag.trim()).filter(Boolean))];
  return {
    search: (query.get("search") ?? "").trim(),
    tags,
    status: status as DagStatusFilter,
    sort,
    offset,
  };
}

/** The store query of one status tab, with the search and tag filters. */
function dagQueryFor(filters: DagListFilters, status: DagStatusFilter): DagQuery {
  const query: DagQuery = {};
  if (filters.search !== "") query.dagIdPattern = filters.search;
  if (filters.tags.length > 0) query.tags = filters.tags;
  if (status === "active") query.paused = false;
  if (status === "paused") query.paused = true;
  if (status === "failed") query.lastRunStates = ["failed"];
  return query;
}

/** Load what the list's live region shows. */
export async function loadDagList(store: Store, filters: DagListFilters): Promise<DagListView> {
  const others = DAG_STATUS_FILTERS.filter((status) => status !== filters.status);
  const [page, ...otherCounts] = await Promise.all([
    store.listDags({
      ...dagQueryFor(filters, filters.status),
      orderBy: filters.sort,
      limit: DAG_PAGE_SIZE,
      offset: filters.offset,
    }),
    ...others.map((status) => store.listDags({ ...dagQueryFor(filters, status), limit: 0 })),
  ]);
  const counts = { [filters.status]: page.total } as Record<DagStatusFilter, number>;
  others.forEach((status, index) => counts[status] = otherCounts[index].total);
  const runs = await loadRecentRuns(
    store,
    page.items.map((item) => item.dag.dagId),
    RECENT_RUN_COUNT,
  );
  return {
    rows: page.items.map((item) => dagRow(item, runs.get(item.dag.dagId) ?? [])),
    total: page.total,
    limit: DAG_PAGE_SIZE,
    filters,
    counts,
  };
}

function dagRow({ dag, definition }: DagWithDefinition, runs: DagRun[]): DagListRow {
  const { schedule } = definition;
  const preset = schedule.kind === "cron" && schedule.preset !== undefined ? schedule.preset : null;
  return {
    dagId: dag.dagId,
    description: definition.description,
    owner: definition.owner,
    isPaused: dag.isPaused,
    scheduleWords: describeSchedule(schedule),
    scheduleText: definition.scheduleText,
    scheduleExpression: preset !== null ? SCHEDULE_PRESETS[preset] ?? null : null,
    nextRun: dag.nextRun === null
      ? null
      : { logicalDate: dag.nextRun.logicalDate, runAfter: dag.nextRun.runAfter },
    tags: definition.tags,
    recentRuns: runs.map((run) => ({
      runId: run.runId,
      state: run.state,
      logicalDate: run.logicalDate,
    })),
  };
}

/** How many rounds of {@link loadRecentRuns} may follow the first, for lopsided histories. */
const EXTRA_ROUNDS = 3;

/**
 * The latest `perDag` runs (by logical date) of each DAG, oldest first. One store call for all
 * the DAGs, newest first, sized for `perDag` runs each with a little room. A DAG that got fewer
 * can only have older runs than any loaded (the order is global), so a few more rounds ask for
 * just those DAGs' runs from the oldest seen on: with DAGs running at similar rates the first
 * call is the only one, and a lopsided history costs a round or two, never a call per DAG.
 */
export async function loadRecentRuns(
  store: Store,
  dagIds: string[],
  perDag: number,
): Promise<Map<string, DagRun[]>> {
  const found = new Map<string, DagRun[]>(dagIds.map((dagId) => [dagId, []]));
  if (perDag <= 0) return found;
  let wanted = dagIds;
  let before: number | undefined;
  for (let round = 0; round <= EXTRA_ROUNDS && wanted.length > 0; round++) {
    // With DAGs running at similar rates, a fifth more than needed fills every DAG at once.
    const limit = Math.ceil(wanted.length * perDag * 1.2);
    const page = await store.listDagRuns({
      dagIds: wanted,
      orderBy: "-execution_date",
      limit,
      logicalDate: before === undefined ? undefined : { lte: before },
    });
    for (const run of page.items) {
      const runs = found.get(run.dagId)!;
      const known = runs.some((other) => other.runId === run.runId);
      if (runs.length < perDag && !known) runs.push(run);
    }
    // Everything matching was read: no DAG has more.
    if (page.items.length === page.total) break;
    before = page.items[page.items.length - 1].logicalDate;
    wanted = wanted.filter((dagId) => found.get(dagId)!.length < perDag);
  }
  for (const runs of found.values()) runs.reverse();
  return found;
}
