/**
 * `/dags`: list DAGs, read one, pause or unpause it (facts 141–143); pausing many and deleting
 * are in `_dag_edits.ts`.
 *
 * @module
 */

import { z } from "zod";
import { DagCollectionSchema, DagSchema, toDagDto } from "./_dag_dto.ts";
import { addDagEditRoutes, checkPauseMask } from "./_dag_edits.ts";
import {
  orderBy,
  pageLimit,
  pageOffset,
  pickFields,
  queryBoolean,
  returnFields,
  updateMask,
} from "./_inputs.ts";
import { importErrorFiles, requireDag } from "./_lookups.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";

const DagPath = z.object({ dag_id: z.string().min(1) });

const ListDagsQuery = z.object({
  limit: pageLimit,
  offset: pageOffset,
  order_by: orderBy(ORDER_FIELDS.dags),
  tags: z.array(z.string()).optional(),
  only_active: queryBoolean().optional(),
  paused: queryBoolean().optional(),
  dag_id_pattern: z.string().optional(),
  fields: returnFields,
});

/** The body of `PATCH /dags/{dag_id}`: only `is_paused` can change. */
const PatchDagBody = named(
  "DAGPatch",
  z.looseObject({ is_paused: z.boolean({ error: "is_paused must be true or false" }) }),
  "Pause or unpause a DAG; other fields of the DAG object may be sent and are ignored.",
);

/** Add the DAG routes. */
export function addDagRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;
  const mapping = async () => ({
    importErrorFiles: await importErrorFiles(store),
    defaults: services.dagDefaults,
  });

  router.add({
    method: "get",
    path: "/dags",
    operationId: "get_dags",
    summary: "List DAGs",
    tag: "DAG",
    access: { resource: "dags", action: "read" },
    query: ListDagsQuery,
    response: { status: 200, description: "A page of DAGs.", schema: DagCollectionSchema },
    errors: [400],
    async handle({ query }) {
      const page = await store.listDags({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
        tags: query.tags,
        onlyActive: query.only_active ?? true,
        paused: query.paused,
        dagIdPattern: query.dag_id_pattern,
      });
      const context = await mapping();
      return json({
        dags: page.items.map((found) => pickFields(toDagDto(found, context), query.fields)),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "get",
    path: "/dags/{dag_id}",
    operationId: "get_dag",
    summary: "Get basic information about a DAG",
    tag: "DAG",
    access: { resource: "dags", action: "read" },
    params: DagPath,
    query: z.object({ fields: returnFields }),
    response: { status: 200, description: "The DAG.", schema: DagSchema },
    errors: [400, 404],
    async handle({ params, query }) {
      const found = await requireDag(store, params.dag_id);
      return json(pickFields(toDagDto(found, await mapping()), query.fields));
    },
  });

  router.add({
    method: "patch",
    path: "/dags/{dag_id}",
    operationId: "patch_dag",
    summary: "Pause or unpause a DAG",
    tag: "DAG",
    access: { resource: "dags", action: "edit" },
    params: DagPath,
    query: z.object({ update_mask: updateMask }),
    body: PatchDagBody,
    response: { status: 200, description: "The DAG as it is now.", schema: DagSchema },
    errors: [400, 404],
    async handle({ params, query, body }) {
      checkPauseMask(query.update_mask);
      await requireDag(store, params.dag_id);
      await store.setDagPaused(params.dag_id, body.is_paused, services.clock.now());
      services.wake();
      return json(toDagDto(await requireDag(store, params.dag_id), await mapping()));
    },
  });

  addDagEditRoutes(router, services, PatchDagBody);
}
