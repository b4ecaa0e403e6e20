/**
 * Connection secrets at rest (see `_secrets.ts`): with a Fernet key the password and the whole
 * `extra` text are stored as Fernet tokens, flagged by `is_encrypted` and `is_extra_encrypted`.
 *
 * @module
 */

import type { Connection, FernetCipher } from "../../core/mod.ts";
import { checkConnection } from "../_record_rules.ts";
import type { StoredConnection } from "./_connections.ts";
import { openSecret, sealSecret } from "./_secrets.ts";

/** Check `connection`, then encrypt its password and `extra` when there is a cipher. */
export async function sealConnection(
  cipher: FernetCipher | null,
  connection: Connection,
  action: string,
): Promise<StoredConnection> {
  checkConnection(connection, action);
  const password = await sealSecret(cipher, connection.password);
  const extra = await sealSecret(cipher, connection.extra);
  return {
    ...connection,
    password: password.value,
    extra: extra.value,
    isEncrypted: password.encrypted,
    isExtraEncrypted: extra.encrypted,
  };
}

/** The plaintext record of a stored row; an error naming the connection when it cannot. */
export async function openConnection(
  cipher: FernetCipher | null,
  stored: StoredConnection,
): Promise<Connection> {
  const action = `reading connection ${stored.connId}`;
  return {
    connId: stored.connId,
    connType: stored.connType,
    description: stored.description,
    host: stored.host,
    schema: stored.schema,
    login: stored.login,
    password: await openSecret(cipher, stored.password, stored.isEncrypted, {
      action,
      field: "password",
    }),
    port: stored.port,
    extra: await openSecret(cipher, stored.extra, stored.isExtraEncrypted, {
      action,
      field: "extra",
    }),
  };
}
