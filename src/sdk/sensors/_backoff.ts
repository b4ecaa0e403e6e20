/**
 * The wait before a sensor's next poke (fact 100), in Airflow's whole seconds when backing off
 * exponentially.
 *
 * @module
 */

import type { SensorSettings } from "../../core/mod.ts";

const MAX_ESTIMATED_POKES = 1000;

/** Where the sensor is: what the jitter is keyed by and how far it got. */
export interface PokeProgress {
  dagId: string;
  taskId: string;
  /** When the timeout started counting, as text for the jitter key. */
  startedAt: string;
  /** Milliseconds since then. */
  elapsedMs: number;
  /** The number of the poke just made (from 1) in this attempt. */
  pokeCount: number;
  /** Reschedule mode: each attempt pokes once, so the poke number is estimated from the time. */
  estimatePokeCount: boolean;
}

/**
 * The wait after a "not yet" poke, in milliseconds. Without backoff: `pokeIntervalMs`. With it,
 * for poke number k: `m = max(1, int(pokeInterval × 2^(k−2)))` seconds, plus a jitter in
 * `[0, m)` from the SHA-1 of `"{dagId}#{taskId}#{startedAt}#{k}"`, capped by the time left
 * before the timeout and by `maxWait`.
 */
export async function nextPokeIntervalMs(
  settings: SensorSettings,
  progress: PokeProgress,
): Promise<number> {
  if (!settings.exponentialBackoff) return settings.pokeIntervalMs;
  const intervalSeconds = settings.pokeIntervalMs / 1000;
  const elapsedSeconds = progress.elapsedMs / 1000;
  const jittered = async (k: number) => {
    const minimum = Math.max(1, Math.trunc(intervalSeconds * 2 ** (k - 2)));
    const key = `${progress.dagId}#${progress.taskId}#${progress.startedAt}#${k}`;
    return minimum + Number((await sha1(key)) % BigInt(minimum));
  };
  let pokeCount = progress.pokeCount;
  if (progress.estimatePokeCount) {
    // Airflow's estimate: the first k whose summed waits pass the elapsed time (bounded: with a
    // zero interval every wait is 1 s, whatever k).
    let cumulative = 0;
    pokeCount = 0;
    while (cumulative <= elapsedSeconds && pokeCount < MAX_ESTIMATED_POKES) {
      pokeCount += 1;
      cumulative += await jittered(pokeCount);
    }
  }
  let seconds = await jittered(pokeCount);
  seconds = Math.min(seconds, settings.timeoutMs / 1000 - Math.trunc(elapsedSeconds));
  if (settings.maxWaitMs !== null) seconds = Math.min(seconds, settings.maxWaitMs / 1000);
  return Math.max(0, seconds * 1000);
}

async function sha1(text: string): Promise<bigint> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
  return BigInt(`0x${hex}`);
}
