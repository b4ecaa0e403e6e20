/**
 * Admin pages: variables, connections, pools, users (H6): routes to come.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addAdminRoutes(_router: DashboardRouter): void {
}
