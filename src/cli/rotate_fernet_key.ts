/**
 * `updraft rotate-fernet-key`, Airflow's: re-encrypt every stored secret (connection passwords
 * and `extra`, variable values) with the first of the configured Fernet keys.
 *
 * @module
 */

import { fernetKeyPath, loadFernetKey } from "../app/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES } from "./_errors.ts";

/** A shell line that prints a new Fernet key (url-safe base64 of 32 random bytes). */
const NEW_KEY_COMMAND = "openssl rand -base64 32 | tr '+/' '-_'";

/** The commands of this file. */
export const ROTATE_FERNET_KEY_COMMANDS: CommandSpec[] = [
  {
    words: ["rotate-fernet-key"],
    summary: "Re-encrypt stored connection secrets and variables with the first Fernet key",
    description: "Set UPDRAFT_FERNET_KEY to 'new-key,old-key' (or write that into " +
      "<home>/fernet_key), run this command, then keep only the new key. Values are read " +
      "with whichever listed key encrypted them and written with the first. Stop the server " +
      "first or restart it with the same key list, so that it never writes with the old key. " +
      `A new key comes from Python's Fernet.generate_key(), or: ${NEW_KEY_COMMAND}`,
    examples: ["rotate-fernet-key"],
    async run(_input, session) {
      const config = await session.config();
      const keys = (await loadFernetKey(config)).keys.length;
      const rotated = await (await session.store()).rotateSecrets();
      session.io.out(
        `Re-encrypted ${plural(rotated.connections, "connection secret")} and ` +
          `${plural(rotated.variables, "variable")} with the first Fernet key.\n`,
      );
      const where = config.fernetKey === null
        ? `the key file ${fernetKeyPath(config)}`
        : "UPDRAFT_FERNET_KEY";
      session.io.err(
        keys === 1
          ? `Note: ${where} holds one key, so nothing was read with an old key; to rotate, ` +
            "list the new key first: new-key,old-key.\n"
          : `Next: keep only the first key in ${where}; the others no longer decrypt anything.\n`,
      );
      return EXIT_CODES.success;
    },
  },
];

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
