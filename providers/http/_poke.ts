/**
 * A sensor's poke loop in poke mode (reference §6, facts 93–100): poke, sleep `pokeInterval`
 * (or an exponential backoff with jitter), repeat until the poke is true or `timeout` passed
 * since the try started; a timeout fails the try without retry, or skips it with `softFail`.
 * The task's cancel signal ends the wait at once.
 *
 * @module
 */

import { type Duration, FailTask, SkipTask, type TaskContext } from "updraft";
import { durationMs, formatMs } from "./_duration.ts";

/** The sensor options every sensor of this provider takes (Airflow's BaseSensorOperator). */
export interface SensorSettings {
  /** The wait between pokes (default "60s"). */
  pokeInterval?: Duration;
  /** Give up after this long since the try started (default "7d"). */
  timeout?: Duration;
  /** On timeout (or a FailTask from a poke), end skipped instead of failed (default false). */
  softFail?: boolean;
  /** Double the wait after each poke, with jitter (default false). */
  exponentialBackoff?: boolean;
  /** The longest wait between pokes with `exponentialBackoff`. */
  maxWait?: Duration;
  /** Only "poke" (the default): the task holds its slot while it waits. */
  mode?: "poke";
}

/** The settings in milliseconds; throws a TypeError naming the field for a bad value. */
export interface PokeTiming {
  pokeIntervalMs: number;
  timeoutMs: number;
  softFail: boolean;
  exponentialBackoff: boolean;
  maxWaitMs: number | null;
}

/** Read and check the sensor settings (at parse time too, so mistakes are import errors). */
export function pokeTiming(settings: SensorSettings): PokeTiming {
  if (settings.mode !== undefined && settings.mode !== "poke") {
    throw new TypeError(
      `mode: ${JSON.stringify(settings.mode)} is not supported by this sensor yet; ` +
        'use "poke" (the task keeps its slot between pokes)',
    );
  }
  return {
    pokeIntervalMs: durationMs(settings.pokeInterval ?? 60_000, "pokeInterval"),
    timeoutMs: durationMs(settings.timeout ?? 7 * 86_400_000, "timeout"),
    softFail: settings.softFail === true,
    exponentialBackoff: settings.exponentialBackoff === true,
    maxWaitMs: settings.maxWait === undefined ? null : durationMs(settings.maxWait, "maxWait"),
  };
}

/** Poke until `poke` returns true; throws FailTask / SkipTask on timeout, or what a poke threw. */
export async function pokeUntilDone(
  ctx: TaskContext,
  timing: PokeTiming,
  poke: () => Promise<boolean>,
): Promise<void> {
  const startedAt = Date.now();
  for (let pokes = 1;; pokes += 1) {
    let done: boolean;
    try {
      done = await poke();
    } catch (error) {
      if (timing.softFail && isFailTask(error)) throw new SkipTask(error.message);
      throw error;
    }
    if (done) return;
    const elapsed = Date.now() - startedAt;
    if (elapsed > timing.timeoutMs) {
      const message = `Sensor has timed out; run duration of ${formatMs(elapsed)} is more ` +
        `than the specified timeout of ${formatMs(timing.timeoutMs)}`;
      throw timing.softFail ? new SkipTask(message) : new FailTask(message);
    }
    const wait = await nextWait(ctx, timing, startedAt, pokes, elapsed);
    ctx.log(`Not there yet; next poke in ${formatMs(wait)}`);
    await sleep(wait, ctx.signal);
  }
}

/** Facts 100: a fixed interval, or Airflow's backoff `m + hash mod m` (seconds), capped. */
async function nextWait(
  ctx: TaskContext,
  timing: PokeTiming,
  startedAt: number,
  pokes: number,
  elapsed: number,
): Promise<number> {
  if (!timing.exponentialBackoff) return timing.pokeIntervalMs;
  const base = Math.max(1, Math.floor((timing.pokeIntervalMs / 1000) * 2 ** (pokes - 2)));
  const seed = `${ctx.dagId}#${ctx.taskId}#${new Date(startedAt).toISOString()}#${pokes}`;
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-1", new TextEncoder().encode(seed)),
  );
  const jitter = digest.slice(0, 6).reduce((total, byte) => (total * 256 + byte) % base, 0);
  let seconds = base + jitter;
  seconds = Math.max(0, Math.min(seconds, Math.floor((timing.timeoutMs - elapsed) / 1000)));
  if (timing.maxWaitMs !== null) seconds = Math.min(seconds, timing.maxWaitMs / 1000);
  return seconds * 1000;
}

/** FailTask from any copy of the SDK (it brands its instances). */
function isFailTask(error: unknown): error is Error {
  return typeof error === "object" && error !== null && Symbol.for("updraft.FailTask") in error;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}
