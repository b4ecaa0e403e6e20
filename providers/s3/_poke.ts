/**
 * The poke loop of `s3KeySensor` (poke mode): poke, wait `pokeInterval` (growing with
 * `exponentialBackoff`), stop at `timeout` — failed without retry, or skipped with `softFail` —
 * and stop at once when the try is cancelled or times out (`ctx.signal`).
 *
 * @module
 */

import { FailTask, SkipTask, type TaskContext } from "updraft";
import { durationMs } from "./_duration.ts";

/** The sensor options, as Airflow's BaseSensorOperator takes them. */
export interface PokeOptions {
  /** The wait between pokes (default "60s"). */
  pokeInterval?: string | number;
  /** How long to wait in all before failing without retry (default 7 days). */
  timeout?: string | number;
  /** Skip instead of failing when the timeout passes. */
  softFail?: boolean;
  /** Double the wait after each poke (up to `maxWait`). */
  exponentialBackoff?: boolean;
  /** The longest wait between pokes with `exponentialBackoff`. */
  maxWait?: string | number;
}

/** {@link PokeOptions} in milliseconds. */
export interface PokeTiming {
  intervalMs: number;
  timeoutMs: number;
  softFail: boolean;
  exponentialBackoff: boolean;
  maxWaitMs: number;
}

/** Read the sensor options; throws a TypeError naming the field. */
export function pokeTiming(options: PokeOptions): PokeTiming {
  return {
    intervalMs: durationMs(options.pokeInterval, "pokeInterval", 60_000),
    timeoutMs: durationMs(options.timeout, "timeout", 7 * 86_400_000),
    softFail: options.softFail === true,
    exponentialBackoff: options.exponentialBackoff === true,
    maxWaitMs: durationMs(options.maxWait, "maxWait", Infinity),
  };
}

/** What one poke found: done or not, and the value the sensor returns when done. */
export interface PokeOutcome<Value> {
  done: boolean;
  value?: Value;
}

/** Poke until done; returns the last poke's value. Throws FailTask or SkipTask on timeout. */
export async function pokeUntilDone<Value>(
  ctx: TaskContext,
  timing: PokeTiming,
  poke: () => Promise<PokeOutcome<Value>>,
): Promise<Value | undefined> {
  const started = Date.now();
  for (let pokeNumber = 1;; pokeNumber++) {
    const outcome = await poke();
    if (outcome.done) return outcome.value;
    const elapsed = Date.now() - started;
    if (elapsed >= timing.timeoutMs) {
      const message = `Sensor has timed out; run duration of ${elapsed / 1000} seconds is more ` +
        `than the specified timeout of ${timing.timeoutMs / 1000} seconds.`;
      if (timing.softFail) throw new SkipTask(`${message} Skipping (softFail).`);
      throw new FailTask(message);
    }
    const wait = timing.exponentialBackoff
      ? Math.min(timing.intervalMs * 2 ** (pokeNumber - 1), timing.maxWaitMs)
      : timing.intervalMs;
    await sleep(Math.min(wait, timing.timeoutMs - elapsed), ctx.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}
