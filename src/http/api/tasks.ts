/**
 * DAG tasks and details (H1): routes to come.
 *
 * @module
 */

import type { ApiRouter } from "./_router.ts";
import type { ApiServices } from "./_services.ts";

/** Add the routes. */
export function addTaskRoutes(_router: ApiRouter, _services: ApiServices): void {
}
