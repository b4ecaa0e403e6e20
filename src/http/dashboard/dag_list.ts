/**
 * The DAGs page: list, filters, pause toggle, trigger form (H3): routes to come.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addDagListRoutes(_router: DashboardRouter): void {
}
