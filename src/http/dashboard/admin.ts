/**
 * The admin pages under `/admin/`: variables, connections, pools and users.
 *
 * @module
 */

import type { DashboardRouter } from "./_page_router.ts";
import { addVariableRoutes } from "./admin_variables.ts";
import { addConnectionRoutes } from "./admin_connections.ts";
import { addPoolRoutes } from "./admin_pools.ts";
import { addUserRoutes } from "./admin_users.ts";

/** Add the routes. */
export function addAdminRoutes(router: DashboardRouter): void {
  addVariableRoutes(router);
  addConnectionRoutes(router);
  addPoolRoutes(router);
  addUserRoutes(router);
}
