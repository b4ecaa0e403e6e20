/**
 * Files commands read and write (import and export): `-` means stdout; exported files may hold
 * secrets, so they are created readable by their owner only.
 *
 * @module
 */

import { CliError, EXIT_CODES, notFound } from "./_errors.ts";
import type { Io } from "./_output.ts";

/** The text of a file; exit 3 naming it when it does not exist. */
export async function readInputFile(path: string, action: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw notFound(`${action}: no such file ${path}`);
    throw new CliError(
      EXIT_CODES.failed,
      `${action}: cannot read ${path}: ${(error as Error).message}`,
    );
  }
}

/** Write `text` to `path` (mode 0600 when it creates it), or to stdout when `path` is `-`. */
export async function writeOutputFile(io: Io, path: string, text: string): Promise<void> {
  if (path === "-") {
    io.out(text);
    return;
  }
  try {
    await Deno.writeTextFile(path, text, { mode: 0o600 });
  } catch (error) {
    throw new CliError(EXIT_CODES.failed, `cannot write ${path}: ${(error as Error).message}`);
  }
}
