/**
 * The web dashboard.
 *
 * @module
 */

export { createDashboardApp } from "./dashboard_app.ts";
export type { DashboardServices } from "./_services.ts";
export { ChangeFeed } from "./change_feed.ts";
