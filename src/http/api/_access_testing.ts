/**
 * Test support: which roles a request is open to. Every test role must get 403 exactly when it
 * is not among the allowed ones, and a request without credentials must get 401.
 *
 * @module
 */

import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Role } from "../../core/mod.ts";
import { type ApiHarness, TEST_ROLES } from "./_testing.ts";

/**
 * Send `method path` as every test role and without credentials; the roles from `least` up
 * must pass authorization (any status but 401/403), the others must get 403.
 */
export async function assertMinimumRole(
  harness: ApiHarness,
  request: { method: string; path: string; body?: unknown },
  least: Role,
): Promise<void> {
  const what = `${request.method} ${request.path}`;
  const anonymous = await harness.request(request.method, request.path, {
    as: null,
    body: request.body,
  });
  assertEquals(anonymous.status, 401, `${what} without credentials`);
  await anonymous.body?.cancel();
  const allowedFrom = TEST_ROLES.indexOf(least);
  for (const [rank, role] of TEST_ROLES.entries()) {
    const response = await harness.request(request.method, request.path, {
      as: role,
      body: request.body,
    });
    await response.body?.cancel();
    const denied = response.status === 403;
    assertEquals(denied, rank < allowedFrom, `${what} as ${role}: status ${response.status}`);
    assertEquals(response.status === 401, false, `${what} as ${role}: 401`);
  }
}
