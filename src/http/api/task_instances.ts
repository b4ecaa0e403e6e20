/**
 * Task instances: list them (`~` for every DAG and run), read one, and clear them
 * (facts 148–150, 152; REST defaults of fact 130). The list with its filters in a body is in
 * `_task_instance_lists.ts`; marking and notes are in `_task_instance_edits.ts`.
 *
 * @module
 */

import { z } from "zod";
import { clearTaskInstances } from "../../scheduler/mod.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";
import {
  bodyDate,
  DATE_RANGE_FILTERS,
  dateRanges,
  orderBy,
  pageLimit,
  pageOffset,
  queryEnumList,
  range,
} from "./_inputs.ts";
import { logicalDatesOf, requireDag, requireRun, runKeyText } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { addTaskInstanceEditRoutes } from "./_task_instance_edits.ts";
import {
  addTaskInstanceBatchRoute,
  listTaskInstancePage,
  STATE_FILTER_VALUES,
} from "./_task_instance_lists.ts";
import {
  TaskInstanceCollectionSchema,
  TaskInstanceReferenceCollectionSchema,
  TaskInstanceSchema,
  toTaskInstanceDto,
  toTaskInstanceReference,
} from "./_task_instance_dto.ts";

const RunPath = z.object({ dag_id: z.string().min(1), dag_run_id: z.string().min(1) });
const TaskPath = RunPath.extend({ task_id: z.string().min(1) });

const ListQuery = z.object({
  limit: pageLimit,
  offset: pageOffset,
  ...DATE_RANGE_FILTERS,
  duration_gte: z.coerce.number({ error: "must be a number" }).optional(),
  duration_lte: z.coerce.number({ error: "must be a number" }).optional(),
  state: queryEnumList(STATE_FILTER_VALUES).optional(),
  pool: z.array(z.string()).optional(),
  queue: z.array(z.string()).optional(),
  executor: z.array(z.string()).optional(),
  order_by: orderBy(ORDER_FIELDS.taskInstances),
});

/** The body of `POST /dags/{dag_id}/clearTaskInstances` (fact 152). */
const ClearBody = named(
  "ClearTaskInstances",
  z.strictObject({
    dry_run: z.boolean().default(true),
    task_ids: z.array(z.string()).min(1, { error: "give at least one task id" }).optional(),
    start_date: bodyDate().optional(),
    end_date: bodyDate().optional(),
    only_failed: z.boolean().default(true),
    only_running: z.boolean().default(false),
    include_subdags: z.boolean().optional(),
    include_parentdag: z.boolean().optional(),
    reset_dag_runs: z.boolean().default(false),
    dag_run_id: z.string().min(1).nullable().optional(),
    include_upstream: z.boolean().default(false),
    include_downstream: z.boolean().default(false),
    include_future: z.boolean().default(false),
    include_past: z.boolean().default(false),
  }),
  "Which task instances to clear. Defaults: dry_run, only_failed, no run reset.",
);

/** Add the task instance routes. */
export function addTaskInstanceRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances",
    operationId: "get_task_instances",
    summary: "List task instances (`~` as dag_id or dag_run_id lists all)",
    tag: "TaskInstance",
    access: { resource: "task_instances", action: "read" },
    params: RunPath,
    query: ListQuery,
    response: {
      status: 200,
      description: "A page of task instances.",
      schema: TaskInstanceCollectionSchema,
    },
    errors: [400],
    async handle({ params, query }) {
      return json(
        await listTaskInstancePage(store, {
          dagIds: params.dag_id === "~" ? undefined : [params.dag_id],
          runIds: params.dag_run_id === "~" ? undefined : [params.dag_run_id],
          states: query.state,
          pools: query.pool,
          queues: query.queue,
          executors: query.executor,
          ...dateRanges(query),
          duration: range(query.duration_gte, query.duration_lte),
          limit: query.limit,
          offset: query.offset,
          orderBy: query.order_by,
        }),
      );
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}",
    operationId: "get_task_instance",
    summary: "Get a task instance",
    tag: "TaskInstance",
    access: { resource: "task_instances", action: "read" },
    params: TaskPath,
    response: { status: 200, description: "The task instance.", schema: TaskInstanceSchema },
    errors: [404],
    async handle({ params }) {
      const run = await requireRun(store, { dagId: params.dag_id, runId: params.dag_run_id });
      const key = { dagId: run.dagId, runId: run.runId, taskId: params.task_id, mapIndex: -1 };
      const instance = await store.getTaskInstance(key);
      if (instance === null) {
        const mapped = await store.listTaskInstances({
          dagIds: [run.dagId],
          runIds: [run.runId],
          taskIds: [params.task_id],
          limit: 1,
        });
        throw new ApiProblem(
          404,
          mapped.total > 0
            ? `Task instance ${params.task_id} of run ${run.runId} is mapped; add the map_index value to the URL`
            : `Task instance ${params.task_id} not found in DAG run ${run.runId} of DAG ${run.dagId}`,
          { title: "Task instance not found" },
        );
      }
      return json(toTaskInstanceDto(instance, run.logicalDate));
    },
  });

  router.add({
    method: "post",
    path: "/dags/{dag_id}/clearTaskInstances",
    operationId: "post_clear_task_instances",
    summary: "Clear a set of task instances",
    tag: "DAG",
    access: { resource: "task_instances", action: "edit" },
    params: z.object({ dag_id: z.string().min(1) }),
    body: ClearBody,
    response: {
      status: 200,
      description: "The task instances cleared (or that would be, on a dry run).",
      schema: TaskInstanceReferenceCollectionSchema,
    },
    errors: [400, 404],
    async handle({ params, body, user }) {
      if (body.only_failed && body.only_running) {
        throw new ApiProblem(400, "only_failed and only_running both are set to True");
      }
      if (body.start_date !== undefined && body.end_date !== undefined) {
        if (body.start_date > body.end_date) {
          throw new ApiProblem(400, "end_date is expected to be greater than start_date");
        }
      }
      const runId = body.dag_run_id ?? undefined;
      if (runId !== undefined && (body.start_date !== undefined || body.end_date !== undefined)) {
        throw new ApiProblem(
          400,
          "Exactly one of dag_run_id or (start_date and end_date) must be provided",
        );
      }
      await requireDag(store, params.dag_id);
      if (runId !== undefined) await requireRun(store, { dagId: params.dag_id, runId });
      const cleared = await clearTaskInstances(store, {
        dagId: params.dag_id,
        runIds: runId === undefined ? undefined : [runId],
        logicalDate: range(body.start_date, body.end_date),
        includePast: body.include_past,
        includeFuture: body.include_future,
        taskIds: body.task_ids,
        onlyFailed: body.only_failed,
        onlyRunning: body.only_running,
        includeUpstream: body.include_upstream,
        includeDownstream: body.include_downstream,
        resetDagRuns: body.reset_dag_runs,
        dryRun: body.dry_run,
        requestedBy: user?.username,
      }, services.clock.now());
      if (!body.dry_run) services.wake();
      const dates = await logicalDatesOf(store, cleared);
      return json({
        task_instances: cleared.map((instance) =>
          toTaskInstanceReference(instance, dates.get(runKeyText(instance)) ?? 0)
        ),
      });
    },
  });

  addTaskInstanceBatchRoute(router, services);
  addTaskInstanceEditRoutes(router, services);
}
