/**
 * Marking task instances and leaving notes on them (facts 131, 151): `PATCH
 * …/taskInstances/{task_id}` marks one, `POST /dags/{dag_id}/updateTaskInstancesState` marks one
 * task with its relatives across runs, both through the scheduler's `markTaskInstances` (which
 * also clears the failed tasks downstream); `…/setNote` sets a note.
 *
 * @module
 */

import { z } from "zod";
import type { TaskInstanceKey } from "../../core/mod.ts";
import { markTaskInstances } from "../../scheduler/mod.ts";
import type { Store } from "../../store/mod.ts";
import { noteField } from "./_dag_run_edits.ts";
import { bodyDate } from "./_inputs.ts";
import { logicalDatesOf, requireDag, requireRun, runKeyText } from "./_lookups.ts";
import { setTaskInstanceNote } from "./_notes.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import {
  TaskInstanceReferenceCollectionSchema,
  TaskInstanceReferenceSchema,
  TaskInstanceSchema,
  toTaskInstanceDto,
  toTaskInstanceReference,
} from "./_task_instance_dto.ts";

const TaskPath = z.object({
  dag_id: z.string().min(1),
  dag_run_id: z.string().min(1),
  task_id: z.string().min(1),
});

const newState = () =>
  z.enum(["success", "failed", "skipped"], {
    error: "new_state must be one of success, failed, skipped",
  });

/** The body of `PATCH …/taskInstances/{task_id}`. */
const UpdateTaskInstanceBody = named(
  "UpdateTaskInstance",
  z.strictObject({ dry_run: z.boolean().default(true), new_state: newState() }),
  "The state to mark the task instance with; by default a dry run that changes nothing.",
);

const requiredBoolean = (name: string) =>
  z.boolean({ error: `${name} is required: true or false` });

/** The body of `POST /dags/{dag_id}/updateTaskInstancesState`. */
const UpdateTaskInstancesStateBody = named(
  "UpdateTaskInstancesState",
  z.strictObject({
    dry_run: z.boolean().default(true),
    task_id: z.string({ error: "task_id is required" }).min(1),
    dag_run_id: z.string().min(1).optional(),
    execution_date: bodyDate().optional(),
    include_upstream: requiredBoolean("include_upstream"),
    include_downstream: requiredBoolean("include_downstream"),
    include_future: requiredBoolean("include_future"),
    include_past: requiredBoolean("include_past"),
    new_state: newState(),
  }),
  "Which task, in which run (dag_run_id or execution_date), with which relatives to mark.",
);

/** The body of `PATCH …/taskInstances/{task_id}/setNote`. */
const SetTaskInstanceNoteBody = named(
  "SetTaskInstanceNote",
  z.strictObject({ note: noteField }),
  "The note to leave on the task instance (null removes it).",
);

/** Add the routes that mark task instances or set their notes. */
export function addTaskInstanceEditRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "patch",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}",
    operationId: "patch_task_instance",
    summary: "Mark a task instance success, failed or skipped",
    tag: "TaskInstance",
    access: { resource: "task_instances", action: "edit" },
    params: TaskPath,
    body: UpdateTaskInstanceBody,
    response: {
      status: 200,
      description: "The task instance marked (or that would be, on a dry run).",
      schema: TaskInstanceReferenceSchema,
    },
    errors: [400, 404, 409],
    async handle({ params, body, user }) {
      const key = await requireTask(store, {
        dagId: params.dag_id,
        runId: params.dag_run_id,
        taskId: params.task_id,
        mapIndex: -1,
      });
      if (!body.dry_run) {
        await markTaskInstances(store, {
          dagId: key.dagId,
          runIds: [key.runId],
          taskIds: [key.taskId],
          state: body.new_state,
          requestedBy: user?.username,
        }, services.clock.now());
        services.wake();
      }
      return json(toTaskInstanceReference(key, key.logicalDate));
    },
  });

  router.add({
    method: "post",
    path: "/dags/{dag_id}/updateTaskInstancesState",
    operationId: "post_set_task_instances_state",
    summary: "Mark a task's instances, with their relatives, success, failed or skipped",
    tag: "DAG",
    access: { resource: "task_instances", action: "edit" },
    params: z.object({ dag_id: z.string().min(1) }),
    body: UpdateTaskInstancesStateBody,
    response: {
      status: 200,
      description: "The task instances whose state changes (or would, on a dry run).",
      schema: TaskInstanceReferenceCollectionSchema,
    },
    errors: [400, 404, 409],
    async handle({ params, body, user }) {
      if ((body.dag_run_id === undefined) === (body.execution_date === undefined)) {
        throw new ApiProblem(400, "Exactly one of execution_date or dag_run_id must be provided");
      }
      const { definition } = await requireDag(store, params.dag_id);
      if (!definition.tasks.some((task) => task.taskId === body.task_id)) {
        throw new ApiProblem(404, `Task ID ${body.task_id} not found in DAG ${params.dag_id}`, {
          title: "Task not found",
        });
      }
      const runId = body.dag_run_id ?? await runAt(store, params.dag_id, body.execution_date!);
      const instance = runId === null ? null : await store.getTaskInstance({
        dagId: params.dag_id,
        runId,
        taskId: body.task_id,
        mapIndex: -1,
      });
      if (instance === null) {
        throw new ApiProblem(
          404,
          `Task instance not found for task '${body.task_id}' on ${
            body.dag_run_id === undefined
              ? `execution_date ${new Date(body.execution_date!).toISOString()}`
              : `DAG run with ID '${body.dag_run_id}'`
          }`,
          { title: "Task instance not found" },
        );
      }
      const marked = await markTaskInstances(store, {
        dagId: params.dag_id,
        runIds: [instance.runId],
        includePast: body.include_past,
        includeFuture: body.include_future,
        taskIds: [body.task_id],
        includeUpstream: body.include_upstream,
        includeDownstream: body.include_downstream,
        state: body.new_state,
        dryRun: body.dry_run,
        requestedBy: user?.username,
      }, services.clock.now());
      if (!body.dry_run) services.wake();
      const dates = await logicalDatesOf(store, marked);
      return json({
        task_instances: marked.map((item) =>
          toTaskInstanceReference(item, dates.get(runKeyText(item)) ?? 0)
        ),
      });
    },
  });

  router.add({
    method: "patch",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/setNote",
    operationId: "set_task_instance_note",
    summary: "Update the note of a task instance",
    tag: "TaskInstance",
    access: { resource: "task_instances", action: "edit" },
    params: TaskPath,
    body: SetTaskInstanceNoteBody,
    response: {
      status: 200,
      description: "The task instance with its note.",
      schema: TaskInstanceSchema,
    },
    errors: [400, 404, 409],
    async handle({ params, body }) {
      const run = await requireRun(store, { dagId: params.dag_id, runId: params.dag_run_id });
      const key = { dagId: run.dagId, runId: run.runId, taskId: params.task_id, mapIndex: -1 };
      const instance = await setTaskInstanceNote(store, key, body.note);
      if (instance === null) {
        throw new ApiProblem(
          404,
          `Task Instance not found for dag_id=${key.dagId}, run_id=${key.runId}, task_id=${key.taskId}`,
          { title: "Task instance not found" },
        );
      }
      return json(toTaskInstanceDto(instance, run.logicalDate));
    },
  });
}

/** The DAG (its current version has the task), the run and the task instance must exist. */
async function requireTask(
  store: Store,
  key: TaskInstanceKey,
): Promise<TaskInstanceKey & { logicalDate: number }> {
  const found = await store.getDag(key.dagId);
  if (found === null) {
    throw new ApiProblem(404, `DAG '${key.dagId}' not found`, { title: "DAG not found" });
  }
  if (!found.definition.tasks.some((task) => task.taskId === key.taskId)) {
    throw new ApiProblem(404, `Task '${key.taskId}' not found in DAG '${key.dagId}'`, {
      title: "Task not found",
    });
  }
  const run = await store.getDagRun(key);
  const instance = run === null ? null : await store.getTaskInstance(key);
  if (run === null || instance === null) {
    throw new ApiProblem(
      404,
      `Task instance not found for task '${key.taskId}' on DAG run with ID '${key.runId}'`,
      { title: "Task instance not found" },
    );
  }
  return { ...key, logicalDate: run.logicalDate };
}

/** The run of a DAG at a logical date, or null. */
async function runAt(store: Store, dagId: string, logicalDate: number): Promise<string | null> {
  const page = await store.listDagRuns({
    dagIds: [dagId],
    logicalDate: { gte: logicalDate, lte: logicalDate },
    limit: 1,
  });
  return page.items[0]?.runId ?? null;
}
