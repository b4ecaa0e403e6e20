/**
 * `…/taskInstances/{task_id}/xcomEntries`: list XCom entries (`~` for any DAG, run or task) and
 * read one, its value stringified by default (fact 154).
 *
 * @module
 */

import { z } from "zod";
import { pageLimit, pageOffset, queryBoolean } from "./_inputs.ts";
import { logicalDatesOf, runKeyText } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import type { ApiServices } from "./_services.ts";
import { toXComDto, toXComItemDto, XComCollectionSchema, XComSchema } from "./_xcom_dto.ts";

const TaskPath = z.object({
  dag_id: z.string().min(1),
  dag_run_id: z.string().min(1),
  task_id: z.string().min(1),
});

const mapIndex = z.coerce.number({ error: "must be an integer" })
  .int({ error: "must be an integer" });

/** `~` means any. */
function unlessAny(value: string): string | undefined {
  return value === "~" ? undefined : value;
}

/** Add the XCom routes. */
export function addXComRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries",
    operationId: "get_xcom_entries",
    summary: "List XCom entries (`~` as dag_id, dag_run_id or task_id matches any)",
    tag: "XCom",
    access: { resource: "xcoms", action: "read" },
    params: TaskPath,
    query: z.object({
      map_index: mapIndex.optional(),
      xcom_key: z.string().optional(),
      limit: pageLimit,
      offset: pageOffset,
    }),
    response: { status: 200, description: "A page of XCom entries.", schema: XComCollectionSchema },
    errors: [400],
    async handle({ params, query }) {
      const page = await store.listXComs({
        dagId: unlessAny(params.dag_id),
        runId: unlessAny(params.dag_run_id),
        taskId: unlessAny(params.task_id),
        mapIndex: query.map_index,
        key: query.xcom_key,
        limit: query.limit,
        offset: query.offset,
      });
      const dates = await logicalDatesOf(store, page.items);
      return json({
        xcom_entries: page.items.map((xcom) =>
          toXComItemDto(xcom, dates.get(runKeyText(xcom)) ?? 0)
        ),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}",
    operationId: "get_xcom_entry",
    summary: "Get an XCom entry",
    tag: "XCom",
    access: { resource: "xcoms", action: "read" },
    params: TaskPath.extend({ xcom_key: z.string().min(1) }),
    query: z.object({
      map_index: mapIndex.optional(),
      deserialize: queryBoolean().optional(),
      stringify: queryBoolean().optional(),
    }),
    response: { status: 200, description: "The XCom entry with its value.", schema: XComSchema },
    errors: [400, 404],
    async handle({ params, query }) {
      const key = {
        dagId: params.dag_id,
        runId: params.dag_run_id,
        taskId: params.task_id,
        mapIndex: query.map_index ?? -1,
        key: params.xcom_key,
      };
      const xcom = await store.getXCom(key);
      if (xcom === null) {
        throw new ApiProblem(
          404,
          `XCom entry '${key.key}' not found for task ${key.taskId} (map index ${key.mapIndex}) in DAG run ${key.runId} of DAG ${key.dagId}`,
          { title: "XCom entry not found" },
        );
      }
      const dates = await logicalDatesOf(store, [xcom]);
      return json(
        toXComDto(xcom, dates.get(runKeyText(xcom)) ?? 0, { stringify: query.stringify ?? true }),
      );
    },
  });
}
