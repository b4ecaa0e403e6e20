/**
 * Secrets at rest, as Airflow keeps them: with a Fernet key, connection passwords and `extra`
 * and variable values are stored as Fernet tokens, each flagged; records returned hold
 * plaintext. Without a key they are stored as given, and flagged values cannot be read.
 *
 * WebCrypto is asynchronous and SQLite transactions here are synchronous, so bulk passes read
 * the values, encrypt them outside any transaction, then write them in one transaction only
 * where the row still holds the value read (a row rewritten meanwhile keeps its new value).
 *
 * @module
 */

import { type FernetCipher, FernetError, MultiFernet } from "../../core/mod.ts";
import type { SecretRotation } from "../store.ts";
import type { Database } from "./_database.ts";

/** A column holding a secret, and the column flagging it as a Fernet token. */
export interface SecretColumn {
  column: "password" | "extra" | "value";
  flag: "is_encrypted" | "is_extra_encrypted";
}

/** A table with secret columns. */
interface SecretTable {
  table: "connections" | "variables";
  /** The primary key column. */
  key: "conn_id" | "key";
  /** What one row is called in messages. */
  noun: "connection" | "variable";
  columns: readonly SecretColumn[];
}

const TABLES: readonly SecretTable[] = [
  {
    table: "connections",
    key: "conn_id",
    noun: "connection",
    columns: [
      { column: "password", flag: "is_encrypted" },
      { column: "extra", flag: "is_extra_encrypted" },
    ],
  },
  {
    table: "variables",
    key: "key",
    noun: "variable",
    columns: [{ column: "value", flag: "is_encrypted" }],
  },
];

/** Where a secret is read: what failed (naming the record) and which field. */
export interface SecretPlace {
  action: string;
  field: SecretColumn["column"];
}

/** Encrypt `value` when there is a cipher; the stored text and whether it is a token. */
export async function sealSecret(
  cipher: FernetCipher | null,
  value: string | null,
): Promise<{ value: string | null; encrypted: boolean }> {
  if (cipher === null || value === null) return { value, encrypted: false };
  return { value: await cipher.encrypt(value), encrypted: true };
}

/** The plaintext of a stored value; an error naming the place when it cannot be decrypted. */
export function openSecret(
  cipher: FernetCipher | null,
  value: string | null,
  encrypted: boolean,
  place: SecretPlace,
): Promise<string | null> {
  if (value === null || !encrypted) return Promise.resolve(value);
  return decryptSecret(cipher, value, place);
}

/**
 * Encrypt every plaintext secret (flag 0, value not null) of every table in one transaction;
 * returns how many values it encrypted. Run after migrating; a second run changes nothing.
 */
export async function encryptPlaintextSecrets(
  database: Database,
  cipher: FernetCipher,
): Promise<number> {
  const changed = await rewriteSecrets(database, {
    encrypted: false,
    action: `encrypting the secrets stored as plaintext in ${database.path}`,
    transform: (value) => cipher.encrypt(value),
  });
  return changed.connections + changed.variables;
}

/**
 * Re-encrypt every flagged secret with the cipher's first key (Airflow's `rotate-fernet-key`)
 * in one transaction; returns how many values of each table it re-encrypted.
 */
export function rotateSecrets(
  database: Database,
  cipher: FernetCipher | null,
): Promise<SecretRotation> {
  return rewriteSecrets(database, {
    encrypted: true,
    action: `rotating the Fernet key of the secrets in ${database.path}`,
    transform: async (value, place) => {
      if (cipher instanceof MultiFernet) {
        try {
          return await cipher.rotate(value);
        } catch (error) {
          throw decryptFailure(error, place);
        }
      }
      const plaintext = await decryptSecret(cipher, value, place);
      return await cipher!.encrypt(plaintext);
    },
  });
}

interface Rewrite {
  /** Rewrite the flagged values (true) or the plaintext ones (false). */
  encrypted: boolean;
  action: string;
  transform(value: string, place: SecretPlace): Promise<string>;
}

interface Pending {
  table: SecretTable;
  column: SecretColumn;
  key: string;
  value: string;
}

async function rewriteSecrets(database: Database, rewrite: Rewrite): Promise<SecretRotation> {
  const flag = rewrite.encrypted ? 1 : 0;
  const pending: Pending[] = database.read(
    rewrite.action,
    () =>
      TABLES.flatMap((table) =>
        table.columns.flatMap((column) =>
          database.all<{ key: string; value: string }>(
            `SELECT ${table.key} AS key, ${column.column} AS value FROM ${table.table} ` +
              `WHERE ${column.flag} = ? AND ${column.column} IS NOT NULL ORDER BY ${table.key}`,
            flag,
          ).map((row) => ({ table, column, key: row.key, value: row.value }))
        )
      ),
  );
  const counts: SecretRotation = { connections: 0, variables: 0 };
  if (pending.length === 0) return counts;
  const tokens = await Promise.all(pending.map((item) =>
    rewrite.transform(item.value, {
      action: rewrite.encrypted
        ? `rotating the Fernet key of ${item.table.noun} ${item.key}`
        : `encrypting ${item.table.noun} ${item.key}`,
      field: item.column.column,
    })
  ));
  return database.write(rewrite.action, () => {
    pending.forEach(({ table, column, key, value }, index) => {
      counts[table.table] += database.run(
        `UPDATE ${table.table} SET ${column.column} = ?, ${column.flag} = 1 ` +
          `WHERE ${table.key} = ? AND ${column.flag} = ? AND ${column.column} = ?`,
        tokens[index],
        key,
        flag,
        value,
      );
    });
    return counts;
  });
}

async function decryptSecret(
  cipher: FernetCipher | null,
  token: string,
  place: SecretPlace,
): Promise<string> {
  if (cipher === null) {
    throw new FernetError(
      `${place.action} failed: its ${place.field} is encrypted and this store was opened ` +
        "without a Fernet key; a Fernet key is needed: set UPDRAFT_FERNET_KEY to the key that " +
        "encrypted it (or keep <home>/fernet_key)",
    );
  }
  try {
    return await cipher.decrypt(token);
  } catch (error) {
    throw decryptFailure(error, place);
  }
}

function decryptFailure(error: unknown, place: SecretPlace): unknown {
  if (!(error instanceof FernetError)) return error;
  // FernetError messages never hold the token or the plaintext.
  return new FernetError(
    `${place.action} failed: could not decrypt the ${place.field} with this Fernet key ` +
      `(${error.message}); if UPDRAFT_FERNET_KEY changed, list the old key after the new one ` +
      "(UPDRAFT_FERNET_KEY=new,old)",
  );
}
