/**
 * The task instance panel: tries, live log, templates, XCom, permissions, dependency checks,
 * actions (H5): routes to come.
 *
 * @module
 */

import type { VNode } from "preact";
import type { TaskInstanceKey } from "../../core/mod.ts";
import type { DashboardRequest, DashboardRouter } from "./_page_router.ts";

/** Add the routes. */
export function addTaskInstanceRoutes(_router: DashboardRouter): void {
}

/**
 * The panel of one task instance, for pages that show it beside something else (the DAG
 * page's grid and graph call this when a cell is selected).
 */
// deno-lint-ignore require-await
export async function renderTaskInstancePanel(
  _request: DashboardRequest,
  _key: TaskInstanceKey,
  // deno-lint-ignore no-explicit-any
): Promise<VNode<any> | null> {
  return null;
}
