/**
 * `testConnection`: what `updraft connections test` and `POST /api/v1/connections/test` run for
 * http connections (Airflow's `HttpHook.test_connection`).
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { HttpHook } from "./hook.ts";

/**
 * GET the connection's base URL; any status below 400 passes. `message` says what failed,
 * naming the connection and its address, never the password.
 */
export async function testConnection(
  connection: TaskConnection,
): Promise<{ status: boolean; message: string }> {
  try {
    const hook = new HttpHook(connection, { timeout: "20s" });
    const response = await hook.run("", { method: "GET" });
    return {
      status: true,
      message:
        `Connection successfully tested (${hook.description} answered HTTP ${response.status})`,
    };
  } catch (error) {
    return { status: false, message: error instanceof Error ? error.message : String(error) };
  }
}
