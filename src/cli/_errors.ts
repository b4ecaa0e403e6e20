/**
 * Exit codes and the errors commands raise, and how any error becomes one line on stderr with
 * the right exit code.
 *
 * @module
 */

import { DefinitionError } from "../core/mod.ts";
import { ConfigError } from "../app/mod.ts";
import { ActionError } from "../scheduler/mod.ts";
import { RecordExistsError, RecordNotFoundError, RunAlreadyExistsError } from "../store/mod.ts";

/** The exit codes, as the help texts document them. */
export const EXIT_CODES = {
  /** The command did what was asked. */
  success: 0,
  /** The work failed: a run or a task failed. */
  failed: 1,
  /** Bad usage or invalid input. */
  usage: 2,
  /** Something named does not exist. */
  notFound: 3,
  /** Something to create already exists. */
  conflict: 4,
} as const;

/** One line per exit code, for the help texts. */
export const EXIT_CODES_HELP =
  "Exit codes: 0 success; 1 the work failed (a run or task failed); 2 bad usage or invalid input;\n" +
  "            3 not found; 4 conflict (already exists).";

/** An error a command raises on purpose: its message is shown as is, with its exit code. */
export class CliError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad usage: an unknown command or flag, a missing argument, an invalid value (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, readonly command: string | null = null) {
    super(EXIT_CODES.usage, message);
    this.name = "UsageError";
  }
}

/** Something named does not exist (exit 3). */
export function notFound(message: string): CliError {
  return new CliError(EXIT_CODES.notFound, message);
}

/** The exit code and the one-line message for any error a command threw. */
export function describeError(
  error: unknown,
  action: string,
): { exitCode: number; message: string } {
  if (error instanceof UsageError && error.command !== null) {
    return {
      exitCode: error.exitCode,
      message: `${error.message} (see 'updraft ${error.command} --help')`,
    };
  }
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof ActionError) {
    const codes = {
      invalid: EXIT_CODES.usage,
      not_found: EXIT_CODES.notFound,
      conflict: EXIT_CODES.conflict,
    };
    return { exitCode: codes[error.kind], message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RunAlreadyExistsError || error instanceof RecordExistsError) {
    return { exitCode: EXIT_CODES.conflict, message: `${action}: ${message}` };
  }
  if (error instanceof RecordNotFoundError) {
    return { exitCode: EXIT_CODES.notFound, message: `${action}: ${message}` };
  }
  if (error instanceof ConfigError) {
    return { exitCode: EXIT_CODES.usage, message: `invalid configuration: ${message}` };
  }
  if (error instanceof DefinitionError) {
    return { exitCode: EXIT_CODES.usage, message: `${action}: ${message}` };
  }
  return { exitCode: EXIT_CODES.failed, message: `${action} failed: ${message}` };
}
