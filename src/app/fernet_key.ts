/**
 * The Fernet key(s) that encrypt connection secrets and variables at rest: from the
 * configuration (Airflow's
 * `fernet_key`, rotation as `new,old`), else from `<home>/fernet_key`, created (readable by the
 * owner only) on first start so stored secrets stay readable across restarts.
 *
 * @module
 */

import { FernetError, FernetKey, MultiFernet } from "../core/mod.ts";
import type { UpdraftConfig } from "./config.ts";
import { createKeyFileOnce } from "./_key_file.ts";

/** The path of the home folder's key file. */
export function fernetKeyPath(config: Pick<UpdraftConfig, "home">): string {
  return `${config.home}/fernet_key`;
}

/** The configured keys, or the home folder's key file, created when missing. */
export async function loadFernetKey(
  config: Pick<UpdraftConfig, "home" | "fernetKey">,
): Promise<MultiFernet> {
  if (config.fernetKey !== null) return MultiFernet.fromText(config.fernetKey);
  const path = fernetKeyPath(config);
  const stored = await readKeyFile(path);
  if (stored !== null) return stored;
  const key = FernetKey.generate();
  await Deno.mkdir(config.home, { recursive: true });
  if (await createKeyFileOnce(path, key.text + "\n")) return new MultiFernet([key]);
  // Another process created it first: use theirs.
  return (await readKeyFile(path))!;
}

async function readKeyFile(path: string): Promise<MultiFernet | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  try {
    return MultiFernet.fromText(text);
  } catch (error) {
    if (!(error instanceof FernetError)) throw error;
    // Never replace it: secrets encrypted with it would become unreadable.
    throw new FernetError(
      `cannot read the Fernet key file ${path}: ${error.message}. Restore the file (or set ` +
        "UPDRAFT_FERNET_KEY); deleting it makes stored connection secrets unreadable",
    );
  }
}
