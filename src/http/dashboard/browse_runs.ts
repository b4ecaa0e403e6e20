/**
 * `/runs` and `/task-instances`: DAG runs and task instances across all DAGs, filtered, sorted
 * and paged by the store (one call per page).
 *
 * @module
 */

import { h } from "preact";
import {
  DAG_RUN_STATES,
  type DagRun,
  RUN_TYPES,
  TASK_INSTANCE_STATES,
  type TaskInstance,
} from "../../core/mod.ts";
import {
  type RunListRow,
  RunsPage,
  type TaskInstanceListRow,
  TaskInstancesPage,
} from "../../../ui/browse/mod.ts";
import type { DashboardRouter } from "./_page_router.ts";
import { readChoice, readOffset, readUtcDateTime } from "./_browse_inputs.ts";

/** Rows per page of the browse pages. */
export const BROWSE_PAGE_SIZE = 50;

const RUN_SORTS: [string, string][] = [
  ["-execution_date", "logical date, newest first"],
  ["execution_date", "logical date, oldest first"],
  ["-start_date", "start, newest first"],
  ["-end_date", "end, newest first"],
  ["dag_id", "DAG id"],
  ["state", "state"],
];

const TASK_INSTANCE_SORTS: [string, string][] = [
  ["-execution_date", "logical date, newest first"],
  ["-start_date", "start, newest first"],
  ["-end_date", "end, newest first"],
  ["-duration", "duration, longest first"],
  ["dag_id", "DAG id"],
  ["task_id", "task id"],
  ["state", "state"],
];

/** Add `/runs` and `/task-instances`. */
export function addRunBrowseRoutes(router: DashboardRouter): void {
  const { store, clock } = router.services;
  router.page("/runs", { resource: "dag_runs", action: "read" }, async ({ query }) => {
    const action = "Cannot list DAG runs";
    const dagId = query.get("dag_id")?.trim() ?? "";
    const state = readChoice(query.get("state"), DAG_RUN_STATES, "state", action);
    const runType = readChoice(query.get("run_type"), RUN_TYPES, "run_type", action);
    const sorts = RUN_SORTS.map(([value]) => value);
    const sort = readChoice(query.get("sort"), sorts, "sort", action) ?? sorts[0];
    const fromText = query.get("logical_date_from")?.trim() ?? "";
    const toText = query.get("logical_date_to")?.trim() ?? "";
    const from = readUtcDateTime(fromText, "logical_date_from", action);
    const to = readUtcDateTime(toText, "logical_date_to", action);
    const offset = readOffset(query, action);
    const page = await store.listDagRuns({
      dagIds: dagId === "" ? undefined : [dagId],
      states: state === undefined ? undefined : [state],
      runTypes: runType === undefined ? undefined : [runType],
      logicalDate: from === undefined && to === undefined ? undefined : { gte: from, lte: to },
      orderBy: sort,
      limit: BROWSE_PAGE_SIZE,
      offset,
    });
    const now = clock.now();
    return {
      title: "DAG runs",
      body: h(RunsPage, {
        rows: page.items.map((run) => runRow(run, now)),
        total: page.total,
        offset,
        limit: BROWSE_PAGE_SIZE,
        filters: {
          dagId,
          state: state ?? "",
          runType: runType ?? "",
          logicalDateFrom: fromText,
          logicalDateTo: toText,
          sort,
        },
        states: DAG_RUN_STATES,
        runTypes: RUN_TYPES,
        sorts: RUN_SORTS,
      }),
    };
  });

  router.page(
    "/task-instances",
    { resource: "task_instances", action: "read" },
    async ({ query }) => {
      const action = "Cannot list task instances";
      const dagId = query.get("dag_id")?.trim() ?? "";
      const taskId = query.get("task_id")?.trim() ?? "";
      const pool = query.get("pool")?.trim() ?? "";
      const stateText = query.get("state") ?? "";
      const state = stateText === "none"
        ? null
        : readChoice(stateText, TASK_INSTANCE_STATES, "state", action);
      const sorts = TASK_INSTANCE_SORTS.map(([value]) => value);
      const sort = readChoice(query.get("sort"), sorts, "sort", action) ?? sorts[0];
      const offset = readOffset(query, action);
      const page = await store.listTaskInstances({
        dagIds: dagId === "" ? undefined : [dagId],
        taskIds: taskId === "" ? undefined : [taskId],
        pools: pool === "" ? undefined : [pool],
        states: state === undefined ? undefined : [state],
        orderBy: sort,
        limit: BROWSE_PAGE_SIZE,
        offset,
      });
      const now = clock.now();
      return {
        title: "Task instances",
        body: h(TaskInstancesPage, {
          rows: page.items.map((instance) => taskInstanceRow(instance, now)),
          total: page.total,
          offset,
          limit: BROWSE_PAGE_SIZE,
          filters: { dagId, taskId, pool, state: state === null ? "none" : state ?? "", sort },
          states: TASK_INSTANCE_STATES,
          sorts: TASK_INSTANCE_SORTS,
        }),
      };
    },
  );
}

function runRow(run: DagRun, now: number): RunListRow {
  return {
    dagId: run.dagId,
    runId: run.runId,
    state: run.state,
    runType: run.runType,
    logicalDate: run.logicalDate,
    startDate: run.startDate,
    endDate: run.endDate,
    durationMs: run.startDate === null ? null : (run.endDate ?? now) - run.startDate,
  };
}

function taskInstanceRow(instance: TaskInstance, now: number): TaskInstanceListRow {
  const running = instance.state === "running" && instance.startDate !== null;
  return {
    dagId: instance.dagId,
    runId: instance.runId,
    taskId: instance.taskId,
    mapIndex: instance.mapIndex,
    state: instance.state,
    tryNumber: instance.tryNumber,
    operator: instance.operator,
    pool: instance.pool,
    startDate: instance.startDate,
    endDate: instance.endDate,
    durationMs: instance.duration !== null
      ? instance.duration * 1000
      : running
      ? now - instance.startDate!
      : null,
  };
}
