/**
 * Numbered schema migrations, embedded as modules so a compiled binary carries them.
 *
 * @module
 */

import type { Database } from "./_database.ts";
import { sql as initial } from "./migrations/0001_initial.ts";
import { sql as connections } from "./migrations/0002_connections.ts";
import { sql as connectionEncryption } from "./migrations/0003_connection_encryption.ts";
import { sql as variableEncryption } from "./migrations/0004_variable_encryption.ts";
import { defaultPool } from "../_store_rules.ts";

/** Migrations in order; migration `n` is at index `n - 1`. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  initial,
  connections,
  connectionEncryption,
  variableEncryption,
];

/** The schema version this program creates. */
export const LATEST_VERSION = MIGRATIONS.length;

/**
 * Apply the migrations the database lacks, each in its own transaction, and create the default
 * pool when missing; returns the schema version in place.
 */
export function migrate(database: Database, defaultPoolSlots: number): number {
  database.write("creating the schema_version table", () => {
    database.run(
      "CREATE TABLE IF NOT EXISTS schema_version " +
        "(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
    );
  });
  const current = database.read("reading the schema version", () => {
    return database.get<{ version: number | null }>(
      "SELECT MAX(version) AS version FROM schema_version",
    )?.version ?? 0;
  });
  if (current > LATEST_VERSION) {
    throw new Error(
      `migrating ${database.path} failed: its schema version ${current} is newer than ` +
        `version ${LATEST_VERSION}, the latest this program knows; use a newer Updraft`,
    );
  }
  for (let version = current + 1; version <= LATEST_VERSION; version++) {
    database.write(`applying migration ${version} to ${database.path}`, () => {
      // Another process may have applied it since we looked.
      const done = database.get("SELECT 1 FROM schema_version WHERE version = ?", version);
      if (done !== undefined) return;
      database.exec(MIGRATIONS[version - 1]);
      database.run(
        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
        version,
        Date.now(),
      );
    });
  }
  const pool = defaultPool(defaultPoolSlots);
  database.write("creating the default pool", () => {
    database.run(
      "INSERT INTO pools (name, slots, description, include_deferred) VALUES (?, ?, ?, 0) " +
        "ON CONFLICT (name) DO NOTHING",
      pool.name,
      pool.slots,
      pool.description,
    );
  });
  return LATEST_VERSION;
}

/** Drop every table and index, then migrate from scratch. */
export function reset(database: Database, defaultPoolSlots: number): number {
  database.clearStatements();
  database.exec("PRAGMA foreign_keys = OFF");
  try {
    database.write(`resetting ${database.path}`, () => {
      const tables = database.all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      );
      for (const { name } of tables) database.exec(`DROP TABLE IF EXISTS "${name}"`);
    });
  } finally {
    database.exec("PRAGMA foreign_keys = ON");
  }
  database.clearStatements();
  return migrate(database, defaultPoolSlots);
}
