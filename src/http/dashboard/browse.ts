/**
 * Runs and task instances across all DAGs, import errors, the readable API page (H3): routes to come.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addBrowseRoutes(_router: DashboardRouter): void {
}
