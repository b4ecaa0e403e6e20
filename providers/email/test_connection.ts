/**
 * `testConnection`: what `updraft connections test` and `POST /api/v1/connections/test` run for
 * smtp connections (Airflow's `SmtpHook.test_connection`).
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { SmtpHook } from "./hook.ts";

/**
 * Connect and log in without sending; `status` says whether it worked, `message` what failed
 * (naming the connection and its address, never the password).
 */
export async function testConnection(
  connection: TaskConnection,
): Promise<{ status: boolean; message: string }> {
  try {
    const hook = new SmtpHook(connection);
    await hook.verify();
    return { status: true, message: `Connection successfully tested (${hook.description})` };
  } catch (error) {
    return { status: false, message: error instanceof Error ? error.message : String(error) };
  }
}
