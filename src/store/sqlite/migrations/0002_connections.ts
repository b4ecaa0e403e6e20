/**
 * Migration 2: connections. The password column holds what the store was given; encrypting it
 * at rest comes with a later migration.
 *
 * @module
 */

/** The SQL of migration 2. */
export const sql = `
CREATE TABLE connections (
  conn_id TEXT PRIMARY KEY,
  conn_type TEXT NOT NULL,
  description TEXT,
  host TEXT,
  schema TEXT,
  login TEXT,
  password TEXT,
  port INTEGER,
  extra TEXT
);
`;
