/**
 * `/importErrors`: DAG files that fail to load (fact 159).
 *
 * @module
 */

import { z } from "zod";
import { orderBy, pageLimit, pageOffset } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import type { ApiServices } from "./_services.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";
import { ImportErrorCollectionSchema, ImportErrorSchema, toImportErrorDto } from "./_small_dtos.ts";

/** Add the import error routes. */
export function addImportErrorRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/importErrors",
    operationId: "get_import_errors",
    summary: "List import errors",
    tag: "ImportError",
    access: { resource: "import_errors", action: "read" },
    query: z.object({
      limit: pageLimit,
      offset: pageOffset,
      order_by: orderBy(ORDER_FIELDS.importErrors),
    }),
    response: {
      status: 200,
      description: "A page of import errors.",
      schema: ImportErrorCollectionSchema,
    },
    errors: [400],
    async handle({ query }) {
      const page = await store.listImportErrors({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      return json({ import_errors: page.items.map(toImportErrorDto), total_entries: page.total });
    },
  });

  router.add({
    method: "get",
    path: "/importErrors/{import_error_id}",
    operationId: "get_import_error",
    summary: "Get an import error",
    tag: "ImportError",
    access: { resource: "import_errors", action: "read" },
    params: z.object({
      import_error_id: z.coerce.number({ error: "must be an integer" })
        .int({ error: "must be an integer" }),
    }),
    response: { status: 200, description: "The import error.", schema: ImportErrorSchema },
    errors: [400, 404],
    async handle({ params }) {
      const error = await store.getImportError(params.import_error_id);
      if (error === null) {
        throw new ApiProblem(
          404,
          `The ImportError with import_error_id: \`${params.import_error_id}\` was not found`,
          { title: "Import error not found" },
        );
      }
      return json(toImportErrorDto(error));
    },
  });
}
