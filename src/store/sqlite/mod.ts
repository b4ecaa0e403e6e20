/**
 * The SQLite {@link SqliteStore}: Updraft's default state, one file in WAL mode.
 *
 * @module
 */

export { SqliteStore, type SqliteStoreOptions } from "./sqlite_store.ts";
