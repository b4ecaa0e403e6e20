/**
 * Runs tries in permission-restricted sandboxes and reports what happened.
 *
 * @module
 */

export * from "./executor.ts";
