/**
 * `main`: route the command line to a command of the table, run it, and turn what went wrong
 * into one line on stderr and an exit code.
 *
 * @module
 */

import type { Clock } from "../core/mod.ts";
import type { TestConnection } from "../app/mod.ts";
import { COMMAND_TABLE } from "./_commands.ts";
import { describeError, EXIT_CODES, UsageError } from "./_errors.ts";
import { commandHelp, groupHelp, topHelp } from "./_help.ts";
import { type Io, processIo } from "./_output.ts";
import { type Route, route } from "./_parse.ts";
import { Session } from "./_session.ts";

/** What `main` runs with besides the arguments; tests use these, the program does not. */
export interface MainOptions {
  /** Replaces parts of the process's terminal (stdout, stderr, prompts, environment). */
  io?: Partial<Io>;
  clock?: Clock;
  /** Stops long-running commands (`serve`, `dags backfill`, …) as SIGINT does. */
  signal?: AbortSignal;
  /** Tests connections (`connections test`); default: the installed providers' testers. */
  testConnection?: TestConnection;
}

/**
 * Run the command the arguments name; resolves to the exit code: 0 success, 1 the work failed,
 * 2 bad usage or invalid input, 3 not found, 4 conflict.
 *
 * @example
 * ```ts
 * Deno.exit(await main(["dags", "list", "-o", "json"]));
 * ```
 */
export async function main(args: string[], options: MainOptions = {}): Promise<number> {
  const io: Io = { ...processIo(), ...options.io };
  const debug = io.env.UPDRAFT_DEBUG === "1";
  let routed: Route;
  try {
    routed = route(COMMAND_TABLE, args);
  } catch (error) {
    return fail(io, describeError(error, "updraft"), debug ? error : null);
  }
  if (routed.kind === "help") {
    const text = routed.command
      ? commandHelp(routed.command)
      : routed.group
      ? groupHelp(COMMAND_TABLE, routed.group)
      : topHelp(COMMAND_TABLE);
    if (routed.requested) {
      io.out(text);
      return EXIT_CODES.success;
    }
    const missing = routed.group
      ? `missing a command after '${routed.group}'`
      : "missing a command";
    io.err(`updraft: ${missing}\n\n${text}`);
    return EXIT_CODES.usage;
  }
  const { command, input } = routed;
  const name = command.words.join(" ");
  if (input.flags.help) {
    io.out(commandHelp(command));
    return EXIT_CODES.success;
  }
  const session = new Session(io, input, {
    commandName: name,
    clock: options.clock,
    signal: options.signal,
    testConnection: options.testConnection,
  });
  try {
    return await command.run(input, session);
  } catch (error) {
    const described = describeError(error, name);
    return fail(io, described, debug ? error : null);
  } finally {
    await session.close();
  }
}

function fail(
  io: Io,
  described: { exitCode: number; message: string },
  debugError: unknown,
): number {
  io.err(`updraft: ${described.message}\n`);
  if (debugError instanceof Error && debugError.stack && !(debugError instanceof UsageError)) {
    io.err(`${debugError.stack}\n`);
  }
  return described.exitCode;
}
