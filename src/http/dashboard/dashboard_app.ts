/**
 * The web dashboard: server-rendered pages (Preact + twind) with a small client script for the
 * live parts, behind a login. Mounted at `/` beside the API.
 *
 * @module
 */

import { Hono } from "hono";
import {
  CLIENT_SCRIPT_PATH,
  clientScript,
  currentStyleSheet,
  STYLE_PATH,
  styleVersion,
} from "../../../ui/mod.ts";
import { DashboardRouter, PageError } from "./_page_router.ts";
import type { DashboardServices } from "./_services.ts";
import { addLoginRoutes } from "./login.ts";
import { addEventRoutes } from "./events.ts";
import { addDagListRoutes } from "./dag_list.ts";
import { addBrowseRoutes } from "./browse.ts";
import { addDagViewRoutes } from "./dag_view.tsx";
import { addTaskInstanceRoutes } from "./task_instance_panel.ts";
import { addAdminRoutes } from "./admin.ts";

/** The pages may run this script and use inline styles (twind's), nothing from elsewhere. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/** Build the dashboard app. */
export function createDashboardApp(services: DashboardServices): Hono {
  const app = new Hono();
  app.use("*", async (context, next) => {
    await next();
    const headers = context.res.headers;
    headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    headers.set("x-content-type-options", "nosniff");
    headers.set("referrer-policy", "same-origin");
    headers.set("x-frame-options", "DENY");
  });
  app.get(CLIENT_SCRIPT_PATH, () =>
    new Response(clientScript, {
      headers: {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "no-cache",
      },
    }));
  app.get(STYLE_PATH, () =>
    new Response(currentStyleSheet(), {
      headers: {
        "content-type": "text/css; charset=utf-8",
        "cache-control": "no-store",
        "x-style-version": String(styleVersion()),
      },
    }));
  addLoginRoutes(app, services);
  app.get("/", (context) => context.redirect("/dags", 303));
  const router = new DashboardRouter(app, services);
  addEventRoutes(router);
  addDagListRoutes(router);
  addBrowseRoutes(router);
  addDagViewRoutes(router);
  addTaskInstanceRoutes(router);
  addAdminRoutes(router);
  router.page("*", { resource: "dags", action: "read" }, (request) => {
    throw new PageError(404, `There is no page at ${request.context.req.path}.`);
  });
  return app;
}
