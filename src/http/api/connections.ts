/**
 * Connections (H2): routes to come.
 *
 * @module
 */

import type { ApiRouter } from "./_router.ts";
import type { ApiServices } from "./_services.ts";

/** Add the routes. */
export function addConnectionRoutes(_router: ApiRouter, _services: ApiServices): void {
}
