/**
 * A DAG's details and tasks (fact 143): `GET /dags/{dag_id}/details`, `GET /dags/{dag_id}/tasks`
 * and `GET /dags/{dag_id}/tasks/{task_id}`, read from the DAG's current version.
 *
 * @module
 */

import { z } from "zod";
import { DagDetailSchema, toDagDetailDto } from "./_dag_detail_dto.ts";
import { orderBy, pickFields, returnFields } from "./_inputs.ts";
import { importErrorFiles, requireDag } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import type { ApiServices } from "./_services.ts";
import {
  sortTasks,
  TASK_ORDER_FIELDS,
  TaskCollectionSchema,
  TaskSchema,
  toTaskDto,
} from "./_task_dto.ts";

const DagPath = z.object({ dag_id: z.string().min(1) });

/** Add the DAG detail and task routes. */
export function addTaskRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dags/{dag_id}/details",
    operationId: "get_dag_details",
    summary: "Get a simplified representation of DAG",
    tag: "DAG",
    access: { resource: "dags", action: "read" },
    params: DagPath,
    query: z.object({ fields: returnFields }),
    response: { status: 200, description: "The DAG with its details.", schema: DagDetailSchema },
    errors: [400, 404],
    async handle({ params, query }) {
      const found = await requireDag(store, params.dag_id);
      const context = {
        importErrorFiles: await importErrorFiles(store),
        defaults: services.dagDefaults,
      };
      return json(pickFields(toDagDetailDto(found, context), query.fields));
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}/tasks",
    operationId: "get_tasks",
    summary: "Get tasks for DAG",
    tag: "DAG",
    access: { resource: "dags", action: "read" },
    params: DagPath,
    query: z.object({ order_by: orderBy(TASK_ORDER_FIELDS) }),
    response: { status: 200, description: "Every task of the DAG.", schema: TaskCollectionSchema },
    errors: [400, 404],
    async handle({ params, query }) {
      const { definition } = await requireDag(store, params.dag_id);
      const tasks = definition.tasks.map((task) => toTaskDto(definition, task));
      return json({
        tasks: sortTasks(tasks, query.order_by ?? "task_id"),
        total_entries: tasks.length,
      });
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}/tasks/{task_id}",
    operationId: "get_task",
    summary: "Get simplified representation of a task",
    tag: "DAG",
    access: { resource: "dags", action: "read" },
    params: DagPath.extend({ task_id: z.string().min(1) }),
    response: { status: 200, description: "The task.", schema: TaskSchema },
    errors: [404],
    async handle({ params }) {
      const { definition } = await requireDag(store, params.dag_id);
      const task = definition.tasks.find((candidate) => candidate.taskId === params.task_id);
      if (task === undefined) {
        throw new ApiProblem(
          404,
          `Task with task_id: '${params.task_id}' not found in DAG '${params.dag_id}'`,
          { title: "Task not found" },
        );
      }
      return json(toTaskDto(definition, task));
    },
  });
}
