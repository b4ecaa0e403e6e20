/**
 * Exceptions a task throws to choose how its try ends.
 *
 * @module
 */

const FAIL_BRAND = Symbol.for("updraft.FailTask");
const SKIP_BRAND = Symbol.for("updraft.SkipTask");
const RESCHEDULE_BRAND = Symbol.for("updraft.RescheduleTask");

/**
 * Throw to fail the try at once, without retrying (Airflow's `AirflowFailException`).
 *
 * @example
 * ```ts
 * if (!response.ok) throw new FailTask(`the API refused the key: ${response.status}`);
 * ```
 */
export class FailTask extends Error {
  /** Marks the error across copies of the SDK. */
  readonly [FAIL_BRAND] = true;

  /** @param message Why the task failed; shown in the log and the failure callback. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "FailTask";
  }
}

/**
 * Throw to end the try as skipped (Airflow's `AirflowSkipException`); downstream tasks then
 * follow their trigger rules.
 */
export class SkipTask extends Error {
  /** Marks the error across copies of the SDK. */
  readonly [SKIP_BRAND] = true;

  /** @param message Why the task was skipped; shown in the log. */
  constructor(message = "skipped by the task", options?: ErrorOptions) {
    super(message, options);
    this.name = "SkipTask";
  }
}

/**
 * Throw from a sensor's poke to end the try as a sensor timeout (Airflow's
 * `AirflowSensorTimeout`): failed without retrying, or skipped with `softFail` or `neverFail`.
 * The sensor's own `timeout` ends it the same way.
 */
export class SensorTimeout extends FailTask {
  /** @param message What the sensor waited for and how long. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SensorTimeout";
  }
}

/**
 * Ends a sensor's attempt as `up_for_reschedule`, to poke again at `at` (Airflow's
 * `AirflowRescheduleException`). Thrown by the sensor machinery in reschedule mode; not part of
 * what DAG files import.
 */
export class RescheduleTask extends Error {
  /** Marks the error across copies of the SDK. */
  readonly [RESCHEDULE_BRAND] = true;
  /** When the next poke may start (epoch milliseconds). */
  readonly at: number;

  /** @param at When the next poke may start. */
  constructor(at: number) {
    super(`up for reschedule until ${new Date(at).toISOString()}`);
    this.name = "RescheduleTask";
    this.at = at;
  }
}

/** Whether `error` is a {@link RescheduleTask}, from this copy of the SDK or another. */
export function isRescheduleTask(error: unknown): error is RescheduleTask {
  return typeof error === "object" && error !== null && RESCHEDULE_BRAND in error &&
    typeof (error as { at?: unknown }).at === "number";
}

/** Whether `error` is a {@link FailTask}, from this copy of the SDK or another. */
export function isFailTask(error: unknown): error is FailTask {
  return typeof error === "object" && error !== null && FAIL_BRAND in error;
}

/** Whether `error` is a {@link SkipTask}, from this copy of the SDK or another. */
export function isSkipTask(error: unknown): error is SkipTask {
  return typeof error === "object" && error !== null && SKIP_BRAND in error;
}
