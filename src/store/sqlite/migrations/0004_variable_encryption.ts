/**
 * Migration 4: a flag saying which variable values are Fernet tokens, as Airflow's
 * `variable.is_encrypted`. Rows already stored stay plaintext (flag 0) until a store opened
 * with a Fernet key encrypts them after migrating.
 *
 * @module
 */

/** The SQL of migration 4. */
export const sql = `
ALTER TABLE variables ADD COLUMN is_encrypted INTEGER NOT NULL DEFAULT 0;
`;
