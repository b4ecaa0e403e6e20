/**
 * The options every sensor accepts besides the task options (fact 93), checked when the DAG file
 * is parsed and normalized into the {@link SensorSettings} the task definition keeps.
 *
 * @module
 */

import { parseDuration, type SensorSettings } from "../../core/mod.ts";
import { fail, optionalBoolean, parseField, show, type Subject } from "../_checks.ts";
import type { Duration } from "../types.ts";

/** Options every sensor accepts (Airflow's BaseSensorOperator arguments). */
export interface SensorOptions {
  /** The wait between pokes (default "60s"). */
  pokeInterval?: Duration;
  /**
   * How long the sensor may wait before it fails without retrying (or is skipped with `softFail`)
   * (default 7 days). In poke mode it counts from the try's start; in reschedule mode from the
   * first poke of the first try since the task was last cleared.
   */
  timeout?: Duration;
  /** End as skipped instead of failed when the timeout passes or a poke fails for good. */
  softFail?: boolean;
  /** End as skipped whenever a poke throws (not on timeout); not with `softFail`. */
  neverFail?: boolean;
  /** A poke that throws (anything but FailTask, SkipTask, SensorTimeout) counts as "not yet". */
  silentFail?: boolean;
  /** Wait longer after each poke: about `pokeInterval × 2^(k−2)`, with jitter (fact 100). */
  exponentialBackoff?: boolean;
  /** The longest wait between pokes with `exponentialBackoff`. */
  maxWait?: Duration;
  /**
   * "poke" (default): the try keeps its slot and pokes in a loop. "reschedule": each poke is a
   * short attempt; between pokes the task is `up_for_reschedule` and frees its slot.
   */
  mode?: "poke" | "reschedule";
}

/** The names of the sensor options. */
export const SENSOR_OPTION_KEYS: ReadonlySet<string> = new Set([
  "pokeInterval",
  "timeout",
  "softFail",
  "neverFail",
  "silentFail",
  "exponentialBackoff",
  "maxWait",
  "mode",
]);

/** Airflow's defaults: poke every 60 s, time out after 7 days (`[sensors] default_timeout`). */
export const DEFAULT_POKE_INTERVAL_MS = 60_000;
/** Seven days. */
export const DEFAULT_SENSOR_TIMEOUT_MS = 604_800_000;

/**
 * Check a sensor's options and normalize them; throws `DefinitionError` naming the field.
 * `reschedulesBetweenPokes` marks sensors whose poke needs fresh data from the scheduler.
 */
export function sensorSettings(
  options: SensorOptions,
  subject: Subject,
  { reschedulesBetweenPokes = false }: { reschedulesBetweenPokes?: boolean } = {},
): SensorSettings {
  const duration = (field: "pokeInterval" | "timeout" | "maxWait", fallback: number | null) => {
    const value = options[field];
    if (value === undefined) return fallback;
    return parseField(subject, field, (at) => parseDuration(value, at));
  };
  const mode = options.mode ?? "poke";
  if (mode !== "poke" && mode !== "reschedule") {
    fail(subject, "mode", `must be "poke" or "reschedule", got ${show(mode)}`);
  }
  const softFail = optionalBoolean(options.softFail, false, subject, "softFail");
  const neverFail = optionalBoolean(options.neverFail, false, subject, "neverFail");
  if (softFail && neverFail) {
    fail(subject, "neverFail", "cannot be set together with softFail; choose one");
  }
  return {
    mode,
    pokeIntervalMs: duration("pokeInterval", DEFAULT_POKE_INTERVAL_MS)!,
    timeoutMs: duration("timeout", DEFAULT_SENSOR_TIMEOUT_MS)!,
    softFail,
    neverFail,
    silentFail: optionalBoolean(options.silentFail, false, subject, "silentFail"),
    exponentialBackoff: optionalBoolean(
      options.exponentialBackoff,
      false,
      subject,
      "exponentialBackoff",
    ),
    maxWaitMs: duration("maxWait", null),
    reschedulesBetweenPokes,
  };
}
