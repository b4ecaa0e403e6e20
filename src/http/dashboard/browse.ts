/**
 * Pages across all DAGs: DAG runs and task instances (`browse_runs.ts`), import errors, and the
 * REST API in words.
 *
 * @module
 */

import { h } from "preact";
import type { ImportError } from "../../core/mod.ts";
import { ApiPage, ImportErrorsPage } from "../../../ui/browse/mod.ts";
import type { DashboardRouter } from "./_page_router.ts";
import { readOffset } from "./_browse_inputs.ts";
import { readableApi } from "./_browse_api_document.ts";
import { addRunBrowseRoutes, BROWSE_PAGE_SIZE } from "./browse_runs.ts";

/** Where the API serves its OpenAPI document. */
const OPENAPI_DOCUMENT_URL = "/api/v1/openapi.json";

/** Import errors read at most when filtering by file (there are rarely more than a few). */
const IMPORT_ERRORS_FILTERED_LIMIT = 10_000;

/** Add the routes. */
export function addBrowseRoutes(router: DashboardRouter): void {
  const { store } = router.services;
  addRunBrowseRoutes(router);

  router.page(
    "/import-errors",
    { resource: "import_errors", action: "read" },
    async ({ query }) => {
      const file = query.get("file")?.trim() ?? "";
      const offset = readOffset(query, "Cannot list import errors");
      let errors: ImportError[];
      let total: number;
      if (file === "") {
        const page = await store.listImportErrors({
          orderBy: "filename",
          limit: BROWSE_PAGE_SIZE,
          offset,
        });
        [errors, total] = [page.items, page.total];
      } else {
        const all = await store.listImportErrors({
          orderBy: "filename",
          limit: IMPORT_ERRORS_FILTERED_LIMIT,
        });
        const wanted = file.toLowerCase();
        const matching = all.items.filter((error) => error.fileloc.toLowerCase().includes(wanted));
        [errors, total] = [matching.slice(offset, offset + BROWSE_PAGE_SIZE), matching.length];
      }
      return {
        title: "Import errors",
        body: h(ImportErrorsPage, { errors, total, offset, limit: BROWSE_PAGE_SIZE, file }),
      };
    },
  );

  router.page("/api", { resource: "dags", action: "read" }, async ({ context }) => {
    const document = await router.services.openApiDocument();
    const props = readableApi(document, {
      documentUrl: OPENAPI_DOCUMENT_URL,
      origin: new URL(context.req.url).origin,
    });
    return { title: "REST API", body: h(ApiPage, props) };
  });
}
