/**
 * Changing and deleting DAG runs (facts 132, 133, 147): mark a run success, failed or queued
 * through the scheduler's `markDagRun`, clear all of its task instances, set its note, delete it.
 *
 * @module
 */

import { z } from "zod";
import { clearTaskInstances, markDagRun } from "../../scheduler/mod.ts";
import { DagRunSchema, toDagRunDto } from "./_dag_run_dto.ts";
import { requireRun } from "./_lookups.ts";
import {
  TaskInstanceReferenceCollectionSchema,
  toTaskInstanceReference,
} from "./_task_instance_dto.ts";
import { setRunNote } from "./_notes.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";

const RunPath = z.object({ dag_id: z.string().min(1), dag_run_id: z.string().min(1) });

/** The body of `PATCH …/dagRuns/{dag_run_id}`. */
const UpdateRunStateBody = named(
  "UpdateDagRunState",
  z.strictObject({
    state: z.enum(["success", "failed", "queued"], {
      error: "state must be one of success, failed, queued",
    }),
  }),
  "The state to set the run to: success and failed settle its tasks too; queued only the run.",
);

/** The longest note Airflow keeps. */
export const NOTE_MAX_LENGTH = 1000;

/** A note: text up to 1000 characters, or null to remove it. */
export const noteField = z.string({ error: "note must be text or null" })
  .max(NOTE_MAX_LENGTH, { error: `note must be at most ${NOTE_MAX_LENGTH} characters` })
  .nullable();

/** The body of `PATCH …/dagRuns/{dag_run_id}/setNote`. */
const SetRunNoteBody = named(
  "SetDagRunNote",
  z.strictObject({ note: noteField }),
  "The note to leave on the run (null removes it).",
);

/** The body of `POST …/dagRuns/{dag_run_id}/clear`. */
const ClearRunBody = named(
  "ClearDagRun",
  z.strictObject({ dry_run: z.boolean().default(true) }),
  "Clear every task instance of the run; by default a dry run that changes nothing.",
);

/** What clearing a run answers: the run, or on a dry run the instances it would clear. */
const ClearRunResultSchema = named(
  "ClearDagRunResult",
  z.union([DagRunSchema, TaskInstanceReferenceCollectionSchema]),
);

/** Add the routes that change or delete a run. */
export function addDagRunEditRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "patch",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}",
    operationId: "update_dag_run_state",
    summary: "Mark a DAG run success, failed or queued",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "edit" },
    params: RunPath,
    body: UpdateRunStateBody,
    response: { status: 200, description: "The run as it is now.", schema: DagRunSchema },
    errors: [400, 404, 409],
    async handle({ params, body, user }) {
      const key = { dagId: params.dag_id, runId: params.dag_run_id };
      await requireRun(store, key);
      const run = await markDagRun(
        store,
        { ...key, state: body.state, requestedBy: user?.username },
        services.clock.now(),
      );
      services.wake();
      return json(toDagRunDto(run));
    },
  });

  router.add({
    method: "post",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/clear",
    operationId: "clear_dag_run",
    summary: "Clear every task instance of a DAG run, so it runs again",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "edit" },
    params: RunPath,
    body: ClearRunBody,
    response: {
      status: 200,
      description: "The run, queued again if it had finished; on a dry run, what would be cleared.",
      schema: ClearRunResultSchema,
    },
    errors: [400, 404, 409],
    async handle({ params, body, user }) {
      const key = { dagId: params.dag_id, runId: params.dag_run_id };
      const run = await requireRun(store, key);
      const cleared = await clearTaskInstances(store, {
        dagId: key.dagId,
        runIds: [key.runId],
        resetDagRuns: true,
        dryRun: body.dry_run,
        requestedBy: user?.username,
      }, services.clock.now());
      if (body.dry_run) {
        return json({
          task_instances: cleared.map((item) => toTaskInstanceReference(item, run.logicalDate)),
        });
      }
      services.wake();
      return json(toDagRunDto(await requireRun(store, key)));
    },
  });

  router.add({
    method: "patch",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/setNote",
    operationId: "set_dag_run_note",
    summary: "Update the note of a DAG run",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "edit" },
    params: RunPath,
    body: SetRunNoteBody,
    response: { status: 200, description: "The run with its note.", schema: DagRunSchema },
    errors: [400, 404, 409],
    async handle({ params, body }) {
      const key = { dagId: params.dag_id, runId: params.dag_run_id };
      await requireRun(store, key);
      // Null only when the run was deleted meanwhile: reading it again answers the 404.
      const run = await setRunNote(store, key, body.note) ?? await requireRun(store, key);
      return json(toDagRunDto(run));
    },
  });

  router.add({
    method: "delete",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}",
    operationId: "delete_dag_run",
    summary: "Delete a DAG run with its task instances, XComs and history",
    tag: "DAGRun",
    access: { resource: "dag_runs", action: "delete" },
    params: RunPath,
    response: { status: 204, description: "Deleted." },
    errors: [404],
    async handle({ params }) {
      const key = { dagId: params.dag_id, runId: params.dag_run_id };
      if (!(await store.deleteDagRun(key))) {
        throw new ApiProblem(
          404,
          `DAGRun with DAG ID: '${key.dagId}' and DagRun ID: '${key.runId}' not found`,
          { title: "DAGRun not found" },
        );
      }
      services.wake();
      return new Response(null, { status: 204 });
    },
  });
}
