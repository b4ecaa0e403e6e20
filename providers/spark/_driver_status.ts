/**
 * Standalone cluster mode: spark-submit returns once the driver is submitted, so the hook then
 * polls `spark-submit --master … --status <driver>` until the driver ends, as Airflow's
 * SparkSubmitHook does (`status_poll_interval`).
 *
 * @module
 */

import { runProcess } from "./_process.ts";

/** Driver states that mean "still going". */
const RUNNING_STATES = new Set(["SUBMITTED", "RUNNING", "RELAUNCHING"]);
/** How many failed status requests in a row end the wait (Airflow's default). */
const MAX_MISSED_STATUS = 10;

/** What {@link trackDriverStatus} needs. */
export interface DriverStatusRequest {
  binary: string;
  master: string;
  driverId: string;
  env: Record<string, string>;
  pollIntervalMs: number;
  signal?: AbortSignal;
  log(line: string): void;
}

/**
 * Poll the driver until it leaves SUBMITTED/RUNNING/RELAUNCHING; returns its final state
 * (FINISHED means success; FAILED, KILLED, ERROR, UNKNOWN do not). Throws the signal's reason
 * when it aborts, or an error after 10 status requests in a row that failed.
 */
export async function trackDriverStatus(request: DriverStatusRequest): Promise<string> {
  let missed = 0;
  for (;;) {
    let state: string | null = null;
    const end = await runProcess({
      binary: request.binary,
      args: ["--master", request.master, "--status", request.driverId],
      env: request.env,
      signal: request.signal,
      onLine: (line) => {
        const match = /"driverState"\s*:\s*"?([A-Z_]+)/.exec(line);
        if (match) state = match[1];
      },
    });
    if (request.signal?.aborted) throw request.signal.reason;
    if (end.code !== 0 || state === null) {
      missed += 1;
      if (missed >= MAX_MISSED_STATUS) {
        throw new Error(
          `the status of driver ${request.driverId} could not be read ${missed} times in a row ` +
            `(last exit code ${end.code})`,
        );
      }
    } else {
      missed = 0;
      request.log(`Driver ${request.driverId} is ${state}`);
      if (!RUNNING_STATES.has(state)) return state;
    }
    await sleep(request.pollIntervalMs, request.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}
