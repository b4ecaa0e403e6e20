/**
 * Exceptions a task throws to choose how its try ends.
 *
 * @module
 */

const FAIL_BRAND = Symbol.for("updraft.FailTask");
const SKIP_BRAND = Symbol.for("updraft.SkipTask");

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

/** Whether `error` is a {@link FailTask}, from this copy of the SDK or another. */
export function isFailTask(error: unknown): error is FailTask {
  return typeof error === "object" && error !== null && FAIL_BRAND in error;
}

/** Whether `error` is a {@link SkipTask}, from this copy of the SDK or another. */
export function isSkipTask(error: unknown): error is SkipTask {
  return typeof error === "object" && error !== null && SKIP_BRAND in error;
}
