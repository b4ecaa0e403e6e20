/**
 * Small rules every Store implementation applies the same way.
 *
 * @module
 */

import {
  type DagDefinition,
  DEFAULT_POOL,
  type Pool,
  type RunKey,
  type TaskInstanceKey,
} from "../core/mod.ts";

/** The pool every task uses unless it names another; it cannot be deleted (fact 107). */
export const DEFAULT_POOL_NAME = DEFAULT_POOL;

/** Slots of the default pool when the store creates it. */
export const DEFAULT_POOL_SLOTS = 128;

export { SKIP_DECISION_KEY } from "../core/mod.ts";

/** The default pool as `migrate()` creates it. */
export function defaultPool(slots: number): Pool {
  return { name: DEFAULT_POOL_NAME, slots, description: "Default pool", includeDeferred: false };
}

/** Check the `defaultPoolSlots` option of a store. */
export function checkDefaultPoolSlots(slots: number | undefined): number {
  const value = slots ?? DEFAULT_POOL_SLOTS;
  if (!Number.isSafeInteger(value) || value < -1) {
    throw new Error(
      `opening the store: defaultPoolSlots must be an integer of -1 or more, got ${value}`,
    );
  }
  return value;
}

/** The error for deleting the default pool. */
export function defaultPoolDeletionError(): Error {
  return new Error(`deleting pool ${DEFAULT_POOL_NAME} failed: the default pool cannot be deleted`);
}

/** Whether runs of this definition need the states of their previous run (fact 101, 102). */
export function needsPreviousRun(definition: DagDefinition | undefined): boolean {
  return definition?.tasks.some((task) => task.dependsOnPast || task.waitForDownstream) ?? false;
}

/** `dagId/runId`, for messages. */
export function describeRun(key: RunKey): string {
  return `${key.dagId}/${key.runId}`;
}

/** `dagId/runId/taskId[mapIndex]`, for messages. */
export function describeTaskInstance(key: TaskInstanceKey): string {
  const index = key.mapIndex >= 0 ? `[${key.mapIndex}]` : "";
  return `${key.dagId}/${key.runId}/${key.taskId}${index}`;
}

/** The error for a new run whose DAG or DAG version is not stored. */
export function missingRunReferenceError(key: RunKey, versionHash: string): Error {
  return new Error(
    `applying a scheduling step failed: cannot insert DAG run ${describeRun(key)}: ` +
      `DAG ${key.dagId} or its version ${versionHash} is not stored`,
  );
}

/** The error for a new task instance whose run is not stored. */
export function missingTaskRunError(key: TaskInstanceKey): Error {
  return new Error(
    `applying a scheduling step failed: cannot insert task instance ` +
      `${describeTaskInstance(key)}: its DAG run ${describeRun(key)} is not stored`,
  );
}

/** The error for an XCom or state change whose task instance or run is not stored. */
export function missingOwnerError(what: string, owner: string): Error {
  return new Error(
    `applying a scheduling step failed: cannot write ${what}: ${owner} is not stored`,
  );
}

/** The list under `key` in `record`, created when missing; safe for keys like `__proto__`. */
export function listIn<T>(record: Record<string, T[]>, key: string): T[] {
  if (!Object.hasOwn(record, key)) {
    Object.defineProperty(record, key, {
      value: [],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return record[key];
}
