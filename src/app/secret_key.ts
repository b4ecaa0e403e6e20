/**
 * The secret key that signs sessions and bearer tokens: from the configuration, else from
 * `<home>/secret_key`, created (readable by the owner only, and by one process even when several
 * start at once) on first start so sessions survive restarts.
 *
 * @module
 */

import type { UpdraftConfig } from "./config.ts";
import { createKeyFileOnce } from "./_key_file.ts";

/** The configured key, or the home folder's key file, created when missing. */
export async function loadSecretKey(config: UpdraftConfig): Promise<string> {
  if (config.secretKey !== null) return config.secretKey;
  const path = `${config.home}/secret_key`;
  try {
    const stored = (await Deno.readTextFile(path)).trim();
    if (stored.length >= 32) return stored;
    throw new Error(
      `the secret key file ${path} holds ${stored.length} characters; it needs at least 32 ` +
        "(delete it to have a new one generated; existing sessions end)",
    );
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  await Deno.mkdir(config.home, { recursive: true });
  if (await createKeyFileOnce(path, key + "\n")) return key;
  // Another process created it first: use theirs.
  return (await Deno.readTextFile(path)).trim();
}
