/**
 * The DAGs page: the list with its filters and live table, the pause switch, and the trigger
 * form (`trigger_form.ts`).
 *
 * @module
 */

import { h } from "preact";
import { DAG_TABLE_FRAGMENT_PATH, DagListPage, DagTableRegion } from "../../../ui/dag_list/mod.ts";
import { type DashboardRouter, PageError, safeRedirect } from "./_page_router.ts";
import { loadDagList, readDagListFilters } from "./_dag_list_data.ts";
import { addTriggerRoutes } from "./trigger_form.ts";

/** Import errors shown above the list; the rest are a link away. */
const IMPORT_ERRORS_SHOWN = 5;

/** Add the routes. */
export function addDagListRoutes(router: DashboardRouter): void {
  const { services } = router;
  router.page("/dags", { resource: "dags", action: "read" }, async (request) => {
    const filters = readDagListFilters(request.query);
    const [view, importErrors] = await Promise.all([
      loadDagList(services.store, filters),
      services.store.listImportErrors({ limit: IMPORT_ERRORS_SHOWN, orderBy: "filename" }),
    ]);
    return {
      title: "DAGs",
      body: h(DagListPage, {
        view,
        importErrors: { errors: importErrors.items, total: importErrors.total },
      }),
    };
  });

  router.fragment(
    DAG_TABLE_FRAGMENT_PATH,
    { resource: "dags", action: "read" },
    async (request) => {
      const view = await loadDagList(services.store, readDagListFilters(request.query));
      return h(DagTableRegion, { view });
    },
  );

  router.action("/dags/:dagId/pause", { resource: "dags", action: "edit" }, async (request) => {
    const { dagId } = request.params;
    const wanted = request.form.paused;
    if (wanted !== "true" && wanted !== "false") {
      throw new PageError(
        400,
        `Cannot pause or unpause DAG ${dagId}: paused must be true or false, got "${
          wanted ?? ""
        }".`,
      );
    }
    const paused = wanted === "true";
    await services.store.setDagPaused(dagId, paused, services.clock.now());
    services.wake();
    services.changes.notify();
    const back = request.form._back ?? request.context.req.header("referer") ?? "/dags";
    return {
      redirect: safeRedirect(back, request.context),
      notice: { kind: "success", text: `DAG ${dagId} ${paused ? "paused" : "unpaused"}.` },
    };
  });

  addTriggerRoutes(router);
}
