/**
 * The DAG page: grid, graph, Gantt, runs, code, details, run actions (H4): routes to come.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addDagViewRoutes(_router: DashboardRouter): void {
}
