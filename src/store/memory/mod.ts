/**
 * The in-memory {@link MemoryStore}: the Store's behaviour without a database.
 *
 * @module
 */

export { MemoryStore, type MemoryStoreOptions } from "./memory_store.ts";
