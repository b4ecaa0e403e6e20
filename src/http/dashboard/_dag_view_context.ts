/**
 * What every tab of the DAG page starts from: the DAG with its current definition, the tab and
 * the selection read from the query string (checked, naming the field when wrong), the header's
 * summary, and the selected run (the one asked for, or the latest).
 *
 * @module
 */

import {
  type DagDefinition,
  type DagRecord,
  type DagRun,
  describeSchedule,
  type Schedule,
} from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { DAG_TABS, type DagSelection, type DagSummary, type DagTab } from "../../../ui/dag/mod.ts";
import { type DashboardRequest, PageError } from "./_page_router.ts";

/** The DAG page's starting point. */
export interface DagView {
  dag: DagRecord;
  definition: DagDefinition;
  tab: DagTab;
  selection: DagSelection;
}

/** Load the DAG named in the path and read the query; 404 when there is no such DAG. */
export async function loadDagView(store: Store, request: DashboardRequest): Promise<DagView> {
  const dagId = request.params.dagId;
  const found = await store.getDag(dagId);
  if (found === null) throw new PageError(404, `DAG '${dagId}' was not found.`);
  return { dag: found.dag, definition: found.definition, ...readQuery(request.query) };
}

/** The tab and the selection in a DAG page's query string. */
export function readQuery(query: URLSearchParams): { tab: DagTab; selection: DagSelection } {
  const tabText = query.get("tab") || "grid";
  if (!(DAG_TABS as readonly string[]).includes(tabText)) {
    throw new PageError(
      400,
      `Cannot show the DAG: tab must be one of ${DAG_TABS.join(", ")}, got '${tabText}'.`,
    );
  }
  const mapText = query.get("map_index");
  let mapIndex: number | null = null;
  if (mapText !== null && mapText !== "") {
    mapIndex = Number(mapText);
    if (!Number.isSafeInteger(mapIndex) || mapIndex < -1) {
      throw new PageError(
        400,
        `Cannot show the DAG: map_index must be an integer of -1 or more, got '${mapText}'.`,
      );
    }
  }
  return {
    tab: tabText as DagTab,
    selection: {
      runId: query.get("run_id") || null,
      taskId: query.get("task_id") || null,
      mapIndex,
    },
  };
}

/** The selected run: the one asked for (404 naming it when missing), else the latest. */
export async function selectedRun(
  store: Store,
  dagId: string,
  runId: string | null,
): Promise<DagRun | null> {
  if (runId !== null) {
    const run = await store.getDagRun({ dagId, runId });
    if (run === null) throw new PageError(404, `DAG '${dagId}' has no run '${runId}'.`);
    return run;
  }
  const latest = await store.listDagRuns({
    dagIds: [dagId],
    limit: 1,
    orderBy: "-execution_date",
  });
  return latest.items[0] ?? null;
}

/** The header's view of a DAG. */
export function summaryOf(dag: DagRecord, definition: DagDefinition): DagSummary {
  return {
    dagId: dag.dagId,
    description: definition.description,
    isPaused: dag.isPaused,
    isActive: dag.isActive,
    schedule: scheduleOf(definition),
    nextRun: dag.nextRun === null
      ? null
      : { logicalDate: dag.nextRun.logicalDate, runAfter: dag.nextRun.runAfter },
    tags: definition.tags,
    owner: definition.owner,
  };
}

/** A schedule in words and as written (the cron expression, preset or interval). */
export function scheduleOf(
  definition: DagDefinition,
): { words: string; expression: string | null } {
  return { words: describeSchedule(definition.schedule), expression: expressionOf(definition) };
}

function expressionOf(definition: DagDefinition): string | null {
  const schedule = definition.schedule;
  if (schedule.kind === "cron") {
    return schedule.preset ? `${schedule.preset} (${schedule.expression})` : schedule.expression;
  }
  if (schedule.kind === "once") return "@once";
  if (schedule.kind === "interval") return definition.scheduleText;
  return null;
}

/** The name of Airflow's timetable that behaves like this schedule. */
export function timetableOf(schedule: Schedule): string {
  switch (schedule.kind) {
    case "cron":
      return "CronDataIntervalTimetable";
    case "interval":
      return "DeltaDataIntervalTimetable";
    case "once":
      return "OnceTimetable";
    case "none":
      return "NullTimetable";
  }
}
