/**
 * The task instance panel: tries, live log, templates, XCom, permissions, dependency checks, actions (H5): routes to come.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addTaskInstanceRoutes(_router: DashboardRouter): void {
}
