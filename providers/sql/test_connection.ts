/**
 * `testConnection`: what `updraft connections test` and `POST /api/v1/connections/test` run for
 * sqlite, postgres and mysql connections (Airflow's `DbApiHook.test_connection`).
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { sqlHook } from "./connect.ts";

/**
 * Connect and run `SELECT 1`; `status` says whether it worked, `message` what failed (naming the
 * connection and its address, never the password).
 */
export async function testConnection(
  connection: TaskConnection,
): Promise<{ status: boolean; message: string }> {
  let hook;
  try {
    hook = sqlHook(connection);
    await hook.getFirst("SELECT 1");
    return { status: true, message: `Connection successfully tested (${hook.target})` };
  } catch (error) {
    return { status: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    await hook?.close();
  }
}
