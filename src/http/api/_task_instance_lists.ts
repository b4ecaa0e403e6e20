/**
 * Listing task instances: the filters `GET …/taskInstances` takes in its query and
 * `POST /dags/~/dagRuns/~/taskInstances/list` in its body (fact 148), turned into one store query.
 *
 * @module
 */

import { z } from "zod";
import {
  TASK_INSTANCE_STATES,
  type TaskInstanceState,
  type TaskInstanceStateName,
} from "../../core/mod.ts";
import { ORDER_FIELDS, type Store, type TimeRange } from "../../store/mod.ts";
import { bodyDate, bodyPageLimit, bodyPageOffset, orderBy, range } from "./_inputs.ts";
import { logicalDatesOf, runKeyText } from "./_lookups.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import {
  DEFAULT_QUEUE,
  TaskInstanceCollectionSchema,
  type TaskInstanceDto,
  toTaskInstanceDto,
} from "./_task_instance_dto.ts";

/** State filter values: the states, and `none` for instances with no state yet. */
export const STATE_FILTER_VALUES = [...TASK_INSTANCE_STATES, "none"] as const;

/** What both lists filter by; an empty list filters nothing, as in Airflow. */
export interface TaskInstanceFilters {
  dagIds?: string[];
  runIds?: string[];
  taskIds?: string[];
  /** `none` and null both match instances with no state yet. */
  states?: (TaskInstanceStateName | "none" | null)[];
  pools?: string[];
  queues?: string[];
  executors?: string[];
  logicalDate?: TimeRange;
  startDate?: TimeRange;
  endDate?: TimeRange;
  updatedAt?: TimeRange;
  duration?: TimeRange;
  limit: number;
  offset: number;
  orderBy?: string;
}

/** One page of task instances as the API shows them, and how many match in all. */
export async function listTaskInstancePage(
  store: Store,
  filters: TaskInstanceFilters,
): Promise<{ task_instances: TaskInstanceDto[]; total_entries: number }> {
  const given = <T>(values: T[] | undefined) => values?.length ? values : undefined;
  // Every instance is on Airflow's default queue and on no named executor.
  const queues = given(filters.queues);
  if ((queues && !queues.includes(DEFAULT_QUEUE)) || given(filters.executors)) {
    return { task_instances: [], total_entries: 0 };
  }
  const page = await store.listTaskInstances({
    dagIds: given(filters.dagIds),
    runIds: given(filters.runIds),
    taskIds: given(filters.taskIds),
    states: given(filters.states)?.map((state): TaskInstanceState =>
      state === "none" ? null : state
    ),
    pools: given(filters.pools),
    logicalDate: filters.logicalDate,
    startDate: filters.startDate,
    endDate: filters.endDate,
    updatedAt: filters.updatedAt,
    duration: filters.duration,
    limit: filters.limit,
    offset: filters.offset,
    orderBy: filters.orderBy,
  });
  const dates = await logicalDatesOf(store, page.items);
  return {
    task_instances: page.items.map((instance) =>
      toTaskInstanceDto(instance, dates.get(runKeyText(instance)) ?? 0)
    ),
    total_entries: page.total,
  };
}

const stringList = () => z.array(z.string()).optional();

/** The body of `POST /dags/~/dagRuns/~/taskInstances/list`. */
const ListTaskInstancesBody = named(
  "ListTaskInstanceForm",
  z.strictObject({
    dag_ids: stringList(),
    dag_run_ids: stringList(),
    task_ids: stringList(),
    state: z.array(
      z.enum(STATE_FILTER_VALUES, {
        error: (issue) =>
          `unknown state "${issue.input}"; expected one of ${STATE_FILTER_VALUES.join(", ")}`,
      }).nullable(),
    ).optional(),
    pool: stringList(),
    queue: stringList(),
    executor: stringList(),
    execution_date_gte: bodyDate().optional(),
    execution_date_lte: bodyDate().optional(),
    start_date_gte: bodyDate().optional(),
    start_date_lte: bodyDate().optional(),
    end_date_gte: bodyDate().optional(),
    end_date_lte: bodyDate().optional(),
    duration_gte: z.number({ error: "must be a number of seconds" }).optional(),
    duration_lte: z.number({ error: "must be a number of seconds" }).optional(),
    page_offset: bodyPageOffset,
    page_limit: bodyPageLimit,
    order_by: orderBy(ORDER_FIELDS.taskInstances),
  }),
  "Which task instances to list, across DAGs and runs; every field is optional.",
);

/** Add `POST /dags/~/dagRuns/~/taskInstances/list`. */
export function addTaskInstanceBatchRoute(router: ApiRouter, services: ApiServices): void {
  router.add({
    method: "post",
    path: "/dags/~/dagRuns/~/taskInstances/list",
    operationId: "get_task_instances_batch",
    summary: "List task instances of several DAGs and runs, filters in the body",
    tag: "TaskInstance",
    access: { resource: "task_instances", action: "read" },
    body: ListTaskInstancesBody,
    response: {
      status: 200,
      description: "A page of task instances.",
      schema: TaskInstanceCollectionSchema,
    },
    errors: [400],
    async handle({ body }) {
      return json(
        await listTaskInstancePage(services.store, {
          dagIds: body.dag_ids,
          runIds: body.dag_run_ids,
          taskIds: body.task_ids,
          states: body.state,
          pools: body.pool,
          queues: body.queue,
          executors: body.executor,
          logicalDate: range(body.execution_date_gte, body.execution_date_lte),
          startDate: range(body.start_date_gte, body.start_date_lte),
          endDate: range(body.end_date_gte, body.end_date_lte),
          duration: range(body.duration_gte, body.duration_lte),
          limit: body.page_limit,
          offset: body.page_offset,
          orderBy: body.order_by,
        }),
      );
    },
  });
}
