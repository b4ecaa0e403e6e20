/**
 * Updraft's state behind the {@link Store} interface.
 *
 * @module
 */

export * from "./store.ts";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite/mod.ts";
export { MemoryStore, type MemoryStoreOptions } from "./memory/mod.ts";
export { ORDER_FIELDS } from "./_paging.ts";
