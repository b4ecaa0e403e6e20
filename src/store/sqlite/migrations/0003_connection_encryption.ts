/**
 * Migration 3: flags saying which connection secrets are Fernet tokens, as Airflow's
 * `is_encrypted` and `is_extra_encrypted`. Rows already stored stay plaintext (flag 0) until a
 * store opened with a Fernet key encrypts them after migrating.
 *
 * @module
 */

/** The SQL of migration 3. */
export const sql = `
ALTER TABLE connections ADD COLUMN is_encrypted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connections ADD COLUMN is_extra_encrypted INTEGER NOT NULL DEFAULT 0;
`;
