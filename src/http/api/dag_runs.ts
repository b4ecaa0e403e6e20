/**
 * `/dags/{dag_id}/dagRuns`: list runs (`~` for every DAG, also with a body through
 * `POST /dags/~/dagRuns/list`), trigger a run, read one (facts 144–147); changing and deleting
 * runs are in `_dag_run_edits.ts`.
 *
 * @module
 */

import { z } from "zod";
import { DAG_RUN_STATES, type DataInterval, type JsonObject } from "../../core/mod.ts";
import { triggerDagRun } from "../../scheduler/mod.ts";
import { DagRunCollectionSchema, DagRunSchema, toDagRunDto } from "./_dag_run_dto.ts";
import { addDagRunEditRoutes } from "./_dag_run_edits.ts";
import {
  bodyDate,
  bodyPageLimit,
  bodyPageOffset,
  DATE_RANGE_FILTERS,
  dateRanges,
  orderBy,
  pageLimit,
  pageOffset,
  pickFields,
  queryEnumList,
  returnFields,
} from "./_inputs.ts";
import { importErrorFiles, requireDag, requireRun } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { JsonObjectSchema, named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";

const DagPath = z.object({ dag_id: z.string().min(1) });
const RunPath = z.object({ dag_id: z.string().min(1), dag_run_id: z.string().min(1) });

const ListRunsQuery = z.object({
  limit: pageLimit,
  offset: pageOffset,
  ...DATE_RANGE_FILTERS,
  state: queryEnumList(DAG_RUN_STATES).optional(),
  order_by: orderBy(ORDER_FIELDS.dagRuns),
  fields: returnFields,
});

/** The body of `POST /dags/{dag_id}/dagRuns` (fact 146). */
const TriggerBody = named(
  "TriggerDAGRun",
  z.strictObject({
    dag_run_id: z.string().min(1).nullable().optional(),
    logical_date: bodyDate().nullable().optional(),
    execution_date: bodyDate().nullable().optional(),
    data_interval_start: bodyDate().nullable().optional(),
    data_interval_end: bodyDate().nullable().optional(),
    conf: JsonObjectSchema.nullable().optional(),
    note: z.string().nullable().optional(),
  }),
  "A manual run to create; every field is optional.",
);

/** The body of `POST /dags/~/dagRuns/list` (fact 144): the list filters, paged. */
const ListRunsBody = named(
  "ListDagRunsForm",
  z.strictObject({
    dag_ids: z.array(z.string()).optional(),
    states: z.array(
      z.enum(DAG_RUN_STATES, {
        error: (issue) =>
          `unknown state "${issue.input}"; expected one of ${DAG_RUN_STATES.join(", ")}`,
      }),
    ).optional(),
    execution_date_gte: bodyDate().optional(),
    execution_date_lte: bodyDate().optional(),
    start_date_gte: bodyDate().optional(),
    start_date_lte: bodyDate().optional(),
    end_date_gte: bodyDate().optional(),
    end_date_lte: bodyDate().optional(),
    page_offset: bodyPageOffset,
    page_limit: bodyPageLimit,
    order_by: orderBy(ORDER_FIELDS.dagRuns),
  }),
  "Which runs to list, across DAGs; every field is optional.",
);

/** Add the DAG run routes. */
export function addDagRunRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns",
    operationId: "get_dag_runs",
    summary: "List DAG runs (`~` as dag_id lists every DAG's runs)",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "read" },
    params: DagPath,
    query: ListRunsQuery,
    response: { status: 200, description: "A page of DAG runs.", schema: DagRunCollectionSchema },
    errors: [400],
    async handle({ params, query }) {
      const page = await store.listDagRuns({
        dagIds: params.dag_id === "~" ? undefined : [params.dag_id],
        states: query.state,
        ...dateRanges(query),
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      return json({
        dag_runs: page.items.map((run) => pickFields(toDagRunDto(run), query.fields)),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "post",
    path: "/dags/~/dagRuns/list",
    operationId: "get_dag_runs_batch",
    summary: "List DAG runs of several DAGs, filters in the body",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "read" },
    body: ListRunsBody,
    response: { status: 200, description: "A page of DAG runs.", schema: DagRunCollectionSchema },
    errors: [400],
    async handle({ body }) {
      const page = await store.listDagRuns({
        // An empty list means every DAG, as in Airflow.
        dagIds: body.dag_ids?.length ? body.dag_ids : undefined,
        states: body.states?.length ? body.states : undefined,
        ...dateRanges(body),
        limit: body.page_limit,
        offset: body.page_offset,
        orderBy: body.order_by,
      });
      return json({ dag_runs: page.items.map(toDagRunDto), total_entries: page.total });
    },
  });

  router.add({
    method: "post",
    path: "/dags/{dag_id}/dagRuns",
    operationId: "post_dag_run",
    summary: "Trigger a new DAG run",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "create" },
    params: DagPath,
    body: TriggerBody,
    response: { status: 200, description: "The run, created queued.", schema: DagRunSchema },
    errors: [400, 404, 409],
    async handle({ params, body, user }) {
      const now = services.clock.now();
      const logical = body.logical_date ?? undefined;
      const execution = body.execution_date ?? undefined;
      if (logical !== undefined && execution !== undefined && logical !== execution) {
        throw new ApiProblem(
          400,
          "logical_date conflicts with execution_date: give one of them, or the same date in both",
        );
      }
      const dataInterval = readInterval(body.data_interval_start, body.data_interval_end);
      const found = await requireDag(store, params.dag_id);
      if ((await importErrorFiles(store)).has(found.dag.fileloc)) {
        throw new ApiProblem(
          400,
          `DAG with dag_id: '${params.dag_id}' has import errors (its file ${found.dag.fileloc} fails to load)`,
        );
      }
      const run = await triggerDagRun(store, {
        dagId: params.dag_id,
        runId: body.dag_run_id ?? undefined,
        logicalDate: logical ?? execution ?? now,
        dataInterval,
        conf: (body.conf ?? {}) as JsonObject,
        note: body.note ?? null,
        triggeredBy: user?.username,
      }, now);
      services.wake();
      return json(toDagRunDto(run));
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}",
    operationId: "get_dag_run",
    summary: "Get a DAG run",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "read" },
    params: RunPath,
    query: z.object({ fields: returnFields }),
    response: { status: 200, description: "The DAG run.", schema: DagRunSchema },
    errors: [400, 404],
    async handle({ params, query }) {
      const run = await requireRun(store, { dagId: params.dag_id, runId: params.dag_run_id });
      return json(pickFields(toDagRunDto(run), query.fields));
    },
  });

  addDagRunEditRoutes(router, services);
}

function readInterval(
  start: number | null | undefined,
  end: number | null | undefined,
): DataInterval | undefined {
  const hasStart = start !== null && start !== undefined;
  const hasEnd = end !== null && end !== undefined;
  if (hasStart !== hasEnd) {
    throw new ApiProblem(
      400,
      "data_interval_start and data_interval_end must be given together, or neither",
    );
  }
  if (!hasStart || !hasEnd) return undefined;
  if (start > end) {
    throw new ApiProblem(400, "data_interval_start must not be after data_interval_end");
  }
  return { start, end };
}
