/**
 * Updraft's state behind the {@link Store} interface.
 *
 * @module
 */

export * from "./store.ts";
