/**
 * Connection secrets at rest, as Airflow keeps them: with a Fernet key the password and the
 * whole `extra` text are stored as Fernet tokens and flagged; the records the store returns
 * hold plaintext. Without a key they are stored as given, and flagged rows cannot be read.
 *
 * WebCrypto is asynchronous and SQLite transactions here are synchronous, so bulk passes read
 * the values, encrypt them outside any transaction, then write them in one transaction only
 * where the row still holds the value read (a row rewritten meanwhile keeps its new value).
 *
 * @module
 */

import { type Connection, type FernetCipher, FernetError, MultiFernet } from "../../core/mod.ts";
import { checkConnection } from "../_record_rules.ts";
import type { Database } from "./_database.ts";
import type { StoredConnection } from "./_connections.ts";

interface SecretField {
  /** The column, also the field of {@link Connection}. */
  column: "password" | "extra";
  /** The column flagging the value as a Fernet token. */
  flag: "is_encrypted" | "is_extra_encrypted";
}

const FIELDS: readonly SecretField[] = [
  { column: "password", flag: "is_encrypted" },
  { column: "extra", flag: "is_extra_encrypted" },
];

/** Check `connection`, then encrypt its password and `extra` when there is a cipher. */
export async function sealConnection(
  cipher: FernetCipher | null,
  connection: Connection,
  action: string,
): Promise<StoredConnection> {
  checkConnection(connection, action);
  const { password, extra } = connection;
  if (cipher === null) return { ...connection, isEncrypted: false, isExtraEncrypted: false };
  return {
    ...connection,
    password: password === null ? null : await cipher.encrypt(password),
    extra: extra === null ? null : await cipher.encrypt(extra),
    isEncrypted: password !== null,
    isExtraEncrypted: extra !== null,
  };
}

/** The plaintext record of a stored row; an error naming the connection when it cannot. */
export async function openConnection(
  cipher: FernetCipher | null,
  stored: StoredConnection,
): Promise<Connection> {
  const action = `reading connection ${stored.connId}`;
  const open = (value: string | null, encrypted: boolean, field: SecretField["column"]) =>
    value === null || !encrypted
      ? Promise.resolve(value)
      : decryptSecret(cipher, value, { action, field });
  return {
    connId: stored.connId,
    connType: stored.connType,
    description: stored.description,
    host: stored.host,
    schema: stored.schema,
    login: stored.login,
    password: await open(stored.password, stored.isEncrypted, "password"),
    port: stored.port,
    extra: await open(stored.extra, stored.isExtraEncrypted, "extra"),
  };
}

/**
 * Encrypt every plaintext password and `extra` (flag 0, value not null) in one transaction;
 * returns how many values it encrypted. Run after migrating; a second run changes nothing.
 */
export function encryptPlaintextSecrets(
  database: Database,
  cipher: FernetCipher,
): Promise<number> {
  return rewriteSecrets(database, {
    encrypted: false,
    action: `encrypting the connection secrets stored as plaintext in ${database.path}`,
    transform: (value) => cipher.encrypt(value),
  });
}

/**
 * Re-encrypt every flagged password and `extra` with the cipher's first key (Airflow's
 * `rotate-fernet-key`) in one transaction; returns how many values it re-encrypted.
 */
export function rotateSecrets(database: Database, cipher: FernetCipher | null): Promise<number> {
  const action = `rotating the connection secrets in ${database.path}`;
  return rewriteSecrets(database, {
    encrypted: true,
    action,
    transform: async (value, connId, field) => {
      const place = { action: `rotating the Fernet key of connection ${connId}`, field };
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
  transform(value: string, connId: string, field: SecretField["column"]): Promise<string>;
}

async function rewriteSecrets(database: Database, rewrite: Rewrite): Promise<number> {
  const flag = rewrite.encrypted ? 1 : 0;
  const pending = database.read(
    rewrite.action,
    () =>
      FIELDS.flatMap((field) =>
        database.all<{ conn_id: string; value: string }>(
          `SELECT conn_id, ${field.column} AS value FROM connections ` +
            `WHERE ${field.flag} = ? AND ${field.column} IS NOT NULL ORDER BY conn_id`,
          flag,
        ).map((row) => ({ field, connId: row.conn_id, value: row.value }))
      ),
  );
  if (pending.length === 0) return 0;
  const tokens = await Promise.all(
    pending.map((item) => rewrite.transform(item.value, item.connId, item.field.column)),
  );
  return database.write(rewrite.action, () => {
    let changed = 0;
    pending.forEach(({ field, connId, value }, index) => {
      changed += database.run(
        `UPDATE connections SET ${field.column} = ?, ${field.flag} = 1 ` +
          `WHERE conn_id = ? AND ${field.flag} = ? AND ${field.column} = ?`,
        tokens[index],
        connId,
        flag,
        value,
      );
    });
    return changed;
  });
}

interface SecretPlace {
  /** What failed, naming the connection. */
  action: string;
  field: SecretField["column"];
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
