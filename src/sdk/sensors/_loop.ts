/**
 * What a sensor's try does inside its sandbox (facts 94–99): poke until done, wait between pokes
 * (poke mode) or end the attempt as up for reschedule (reschedule mode), and turn a timeout or
 * a poke that throws into the outcome Airflow gives it.
 *
 * @module
 */

import { formatDuration, formatIso, type JsonValue, type SensorSettings } from "../../core/mod.ts";
import { contextDataOf } from "../_context_data.ts";
import { isFailTask, isSkipTask, RescheduleTask, SensorTimeout, SkipTask } from "../errors.ts";
import type { TaskContext } from "../types.ts";
import { nextPokeIntervalMs } from "./_backoff.ts";

/** What a poke returns: done or not, and with it a value for the XCom `return_value`. */
export type PokeResult<Value extends JsonValue = never> =
  | boolean
  | { done: boolean; xcomValue?: Value };

/** The time a sensor reads and waits on; tests give their own. */
export interface SensorClock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const systemSensorClock: SensorClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", abort);
        resolve();
      }, ms);
      const abort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener("abort", abort, { once: true });
    }),
};

/**
 * Run a sensor's try: poke until done; returns the poke's `xcomValue` (or undefined). Throws
 * `SkipTask`, `FailTask`/`SensorTimeout` or what the poke threw to end the try, and
 * `RescheduleTask` to end a reschedule-mode attempt that was not done.
 */
export async function runSensor<Value extends JsonValue>(
  ctx: TaskContext,
  settings: SensorSettings,
  poke: () => PokeResult<Value> | Promise<PokeResult<Value>>,
  clock: SensorClock = systemSensorClock,
): Promise<Value | undefined> {
  const reschedules = settings.mode === "reschedule" || settings.reschedulesBetweenPokes;
  const data = contextDataOf(ctx);
  const startedAt = (reschedules ? data?.sensor?.startedAt : null) ?? clock.now();
  const elapsed = () => clock.now() - startedAt;
  for (let pokeCount = 1;; pokeCount++) {
    const result = await pokeOnce(ctx, settings, poke);
    if (result.done) {
      ctx.log("Success criteria met. Exiting.");
      return result.xcomValue;
    }
    if (elapsed() > settings.timeoutMs) {
      const message = `Sensor has timed out; run duration of ${
        formatDuration(elapsed())
      } exceeds the specified timeout of ${formatDuration(settings.timeoutMs)}.`;
      throw withoutStack(settings.softFail ? new SkipTask(message) : new SensorTimeout(message));
    }
    const waitMs = await nextPokeIntervalMs(settings, {
      dagId: ctx.dagId,
      taskId: ctx.taskId,
      startedAt: formatIso(startedAt),
      elapsedMs: elapsed(),
      pokeCount,
      estimatePokeCount: reschedules,
    });
    if (reschedules) {
      const at = clock.now() + waitMs;
      ctx.log(`Not done yet: rescheduling, next poke at ${formatIso(at)}`);
      throw new RescheduleTask(at);
    }
    ctx.log(`Not done yet: poking again in ${formatDuration(waitMs)}`);
    await clock.sleep(waitMs, ctx.signal);
  }
}

/** One poke, with fact 98's handling of what it throws. */
async function pokeOnce<Value extends JsonValue>(
  ctx: TaskContext,
  settings: SensorSettings,
  poke: () => PokeResult<Value> | Promise<PokeResult<Value>>,
): Promise<{ done: boolean; xcomValue?: Value }> {
  let result: PokeResult<Value>;
  try {
    result = await poke();
  } catch (error) {
    if (isSkipTask(error) || ctx.signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (isFailTask(error)) {
      if (!settings.softFail && !settings.neverFail) throw error;
      const flag = settings.softFail ? "softFail" : "neverFail";
      throw withoutStack(new SkipTask(`Skipping due to ${flag} is set to true: ${message}`));
    }
    if (settings.silentFail) {
      ctx.log(`Sensor poke failed (silentFail: poking again): ${describe(error)}`);
      return { done: false };
    }
    if (settings.neverFail) {
      throw withoutStack(new SkipTask(`Skipping due to neverFail is set to true: ${message}`));
    }
    throw error;
  }
  return pokeOutcome(ctx.taskId, result);
}

function pokeOutcome<Value extends JsonValue>(
  taskId: string,
  result: unknown,
): { done: boolean; xcomValue?: Value } {
  if (typeof result === "boolean") return { done: result };
  if (result === undefined || result === null) return { done: false };
  if (typeof result === "object" && typeof (result as { done?: unknown }).done === "boolean") {
    return result as { done: boolean; xcomValue?: Value };
  }
  throw new TypeError(
    `the poke of sensor "${taskId}" must return true, false or { done, xcomValue }; ` +
      `it returned ${safeJson(result)}`,
  );
}

function withoutStack<T extends Error>(error: T): T {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : String(error);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
