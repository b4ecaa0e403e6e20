/**
 * Changing DAGs in bulk and deleting them (fact 143): `PATCH /dags` pauses or unpauses every
 * DAG matching a pattern (one page of them), `DELETE /dags/{dag_id}` removes a DAG's metadata.
 *
 * @module
 */

import { z } from "zod";
import { DagBusyError } from "../../store/mod.ts";
import { DagCollectionSchema, type DagDtoContext, toDagDto } from "./_dag_dto.ts";
import { pageLimit, pageOffset, queryBoolean, updateMask } from "./_inputs.ts";
import { importErrorFiles } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import type { ApiServices } from "./_services.ts";

const PatchDagsQuery = z.object({
  limit: pageLimit,
  offset: pageOffset,
  tags: z.array(z.string()).optional(),
  update_mask: updateMask,
  only_active: queryBoolean().optional(),
  dag_id_pattern: z.string({ error: "is required (`~` matches every DAG)" }),
});

/** Refuse an update mask naming anything but `is_paused`, as Airflow does. */
export function checkPauseMask(mask: string[] | undefined): void {
  if (mask !== undefined && (mask.length !== 1 || mask[0] !== "is_paused")) {
    throw new ApiProblem(
      400,
      `Only \`is_paused\` field can be updated through the REST API (update_mask was "${
        mask.join(",")
      }")`,
    );
  }
}

/** Add `PATCH /dags` and `DELETE /dags/{dag_id}`; `body` is the DAGPatch schema. */
export function addDagEditRoutes(
  router: ApiRouter,
  services: ApiServices,
  body: z.ZodType<{ is_paused: boolean }>,
): void {
  const { store } = services;

  router.add({
    method: "patch",
    path: "/dags",
    operationId: "patch_dags",
    summary: "Pause or unpause every DAG matching a pattern (`~` for all), one page at a time",
    tag: "DAG",
    access: { resource: "dags", action: "edit" },
    query: PatchDagsQuery,
    body,
    response: {
      status: 200,
      description: "The page of DAGs changed, as they are now; total_entries counts every match.",
      schema: DagCollectionSchema,
    },
    errors: [400],
    async handle({ query, body }) {
      checkPauseMask(query.update_mask);
      const pattern = query.dag_id_pattern === "~" ? undefined : query.dag_id_pattern;
      const page = await store.listDags({
        dagIdPattern: pattern === "" ? undefined : pattern,
        tags: query.tags,
        onlyActive: query.only_active ?? true,
        orderBy: "dag_id",
        limit: query.limit,
        offset: query.offset,
      });
      const now = services.clock.now();
      for (const { dag } of page.items) {
        if (dag.isPaused !== body.is_paused) {
          await store.setDagPaused(dag.dagId, body.is_paused, now);
        }
      }
      if (page.items.length > 0) services.wake();
      const context: DagDtoContext = {
        importErrorFiles: await importErrorFiles(store),
        defaults: services.dagDefaults,
      };
      return json({
        dags: page.items.map((found) =>
          toDagDto({ ...found, dag: { ...found.dag, isPaused: body.is_paused } }, context)
        ),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "delete",
    path: "/dags/{dag_id}",
    operationId: "delete_dag",
    summary: "Delete a DAG's runs, task instances, XComs and history (its file adds it back)",
    tag: "DAG",
    access: { resource: "dags", action: "delete" },
    params: z.object({ dag_id: z.string().min(1) }),
    response: { status: 204, description: "Deleted." },
    errors: [404, 409],
    async handle({ params }) {
      let deleted: boolean;
      try {
        deleted = await store.deleteDag(params.dag_id);
      } catch (error) {
        if (!(error instanceof DagBusyError)) throw error;
        throw new ApiProblem(
          409,
          `Task instances of dag with id: '${params.dag_id}' are still running ` +
            `(${error.executing} queued or running); wait for them or mark them, then delete`,
        );
      }
      if (!deleted) {
        throw new ApiProblem(404, `Dag with id: '${params.dag_id}' not found`, {
          title: "DAG not found",
        });
      }
      services.wake();
      return new Response(null, { status: 204 });
    },
  });
}
