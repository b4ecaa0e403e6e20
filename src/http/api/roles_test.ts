/**
 * Every route of the whole API, as every role and without credentials: 401 without them on every
 * guarded route, and a refusal by role (403) exactly when `MINIMUM_ROLE` says the role may not
 * perform the route's action on its resource. The routes are read from the router the API app
 * builds, so a route added anywhere is covered here without listing it.
 *
 * @module
 */

import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { type Role, ROLES } from "../../core/mod.ts";
import { MINIMUM_ROLE } from "../auth/mod.ts";
import type { AnyRoute } from "./_router.ts";
import { declaredRoutes } from "./api_app.ts";
import { ApiHarness, TEST_ROLES } from "./_testing.ts";

/** POST routes that only read: lists whose filters travel in a body. */
const READING_POSTS = new Set([
  "/dags/~/dagRuns/list",
  "/dags/~/dagRuns/~/taskInstances/list",
]);

/** Open a harness and read the routes its API app declares. */
async function openWithRoutes(): Promise<{ harness: ApiHarness; routes: readonly AnyRoute[] }> {
  const harness = await ApiHarness.open({ store: "memory" });
  return { harness, routes: declaredRoutes(harness.app) };
}

/** A concrete path for a route: each path parameter gets a value that names nothing. */
function concretePath(route: AnyRoute): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => `no_such_${name}`);
}

/** Whether a response is the router refusing the role (not a handler's own 403). */
async function refusedByRole(response: Response): Promise<boolean> {
  if (response.status !== 403) {
    await response.body?.cancel();
    return false;
  }
  const problem = await response.json();
  return /^user '.+' \(role \w+\) may not (read|create|edit|delete) /.test(problem.detail);
}

/** The least role a route admits; null for public routes. */
function leastRole(route: AnyRoute): Role | null {
  if (route.access === "public") return null;
  if (route.access === "authenticated") return ROLES[0];
  return MINIMUM_ROLE[route.access.resource][route.access.action];
}

Deno.test("every API route: 401 without credentials, 403 exactly below its minimum role", async () => {
  const { harness, routes } = await openWithRoutes();
  try {
    assert(routes.length >= 50, `only ${routes.length} routes were recorded`);
    const document = await (await harness.app.request("/openapi.json")).json();
    const documented = Object.values(document.paths as Record<string, object>)
      .reduce((count, operations) => count + Object.keys(operations).length, 0);
    assertEquals(routes.length, documented, "every declared route is in the OpenAPI document");

    for (const route of routes) {
      const method = route.method.toUpperCase();
      const path = concretePath(route);
      const what = `${method} ${route.path}`;
      const least = leastRole(route);
      const send = (role: Role | null) =>
        harness.app.request(path, {
          method,
          headers: role === null ? {} : { authorization: ApiHarness.basic(role) },
        });

      const anonymous = await send(null);
      if (least === null) {
        assert(![401, 403].includes(anonymous.status), `${what} is public: ${anonymous.status}`);
        await anonymous.body?.cancel();
        continue;
      }
      assertEquals(anonymous.status, 401, `${what} without credentials`);
      assertEquals(anonymous.headers.get("www-authenticate"), 'Basic realm="Updraft"', what);
      await anonymous.body?.cancel();

      for (const role of TEST_ROLES) {
        const response = await send(role);
        assert(response.status !== 401, `${what} as ${role}: 401`);
        const belowLeast: boolean = ROLES.indexOf(role) < ROLES.indexOf(least);
        const refused = await refusedByRole(response);
        assertEquals(
          refused,
          belowLeast,
          `${what} as ${role}: ${belowLeast ? "must be refused" : "must pass"} (least: ${least})`,
        );
      }
    }
  } finally {
    await harness.close();
  }
});

Deno.test("every API route declares an action that fits its method", async () => {
  const { harness, routes } = await openWithRoutes();
  try {
    for (const route of routes) {
      const what = `${route.method.toUpperCase()} ${route.path}`;
      if (route.access === "public" || route.access === "authenticated") {
        assert(
          route.method === "get" || route.path === "/auth/token",
          `${what} needs no role but changes something`,
        );
        continue;
      }
      const { action } = route.access;
      const expected = route.method === "get" || READING_POSTS.has(route.path)
        ? ["read"]
        : route.method === "post"
        ? ["create", "edit"]
        : route.method === "patch"
        ? ["edit"]
        : ["delete"];
      assert(expected.includes(action), `${what} declares ${action}; expected ${expected}`);
    }
  } finally {
    await harness.close();
  }
});
