/**
 * The shape of a command in the command table: its words, arguments, flags, help and what it
 * runs.
 *
 * @module
 */

import type { Session } from "./_session.ts";

/** A flag a command accepts. */
export interface FlagSpec {
  /** The long name, without `--`. */
  name: string;
  /** The one-letter alias, without `-`. */
  short?: string;
  type: "string" | "boolean";
  /** What the value looks like in the help (`JSON`, `DATE`); string flags only. */
  placeholder?: string;
  description: string;
  /** The default shown in the help. */
  default?: string;
}

/** A positional argument of a command. */
export interface ArgumentSpec {
  /** As shown in the usage line, e.g. `DAG_ID`. */
  name: string;
  description: string;
  optional?: boolean;
}

/** What a command receives: its arguments by name and its flags by long name. */
export interface CommandInput {
  args: Record<string, string | undefined>;
  flags: Record<string, string | boolean | undefined>;
}

/** One command of the table. */
export interface CommandSpec {
  /** The words that name it: `["dags", "trigger"]`. */
  words: string[];
  /** One line for the command list. */
  summary: string;
  /** A paragraph for the command's own help. */
  description?: string;
  arguments?: ArgumentSpec[];
  flags?: FlagSpec[];
  /** Whether it prints records and so takes `-o/--output`. */
  printsRecords?: boolean;
  /** Whether it takes the server flags (`--port`, `--host`, `--unpause-new-dags`). */
  serverFlags?: boolean;
  /** Example invocations, without the leading `updraft`. */
  examples: string[];
  /** Runs the command; resolves to the exit code. */
  run(input: CommandInput, session: Session): Promise<number>;
}

/** A group of commands sharing a first word (`dags`, `tasks`, …). */
export interface CommandGroup {
  name: string;
  summary: string;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: "home",
    type: "string",
    placeholder: "PATH",
    description: "the home folder: database, logs, config file (env UPDRAFT_HOME)",
    default: "./.updraft",
  },
  {
    name: "dags-folder",
    type: "string",
    placeholder: "PATH",
    description: "the folder DAG files are read from (env UPDRAFT_DAGS_FOLDER)",
    default: "<home>/dags",
  },
  {
    name: "database-url",
    type: "string",
    placeholder: "URL",
    description: "the database, sqlite:<path> (env UPDRAFT_DATABASE_URL)",
    default: "sqlite:<home>/updraft.db",
  },
  { name: "help", short: "h", type: "boolean", description: "show the help of the command" },
];

/** `-o/--output`, on commands that print records. */
export const OUTPUT_FLAG: FlagSpec = {
  name: "output",
  short: "o",
  type: "string",
  placeholder: "FORMAT",
  description: "table for people, json for scripts (one JSON document on stdout)",
  default: "table",
};

/** The flags of the commands that run the scheduler. */
export const SERVER_FLAGS: FlagSpec[] = [
  {
    name: "port",
    type: "string",
    placeholder: "PORT",
    description: "the HTTP port (env UPDRAFT_PORT; 0 picks a free one)",
    default: "8080",
  },
  {
    name: "host",
    type: "string",
    placeholder: "HOST",
    description: "the address to listen on (env UPDRAFT_HOST)",
    default: "0.0.0.0",
  },
  {
    name: "unpause-new-dags",
    type: "boolean",
    description: "DAGs new to Updraft start unpaused (they start paused by default)",
  },
];

/** The usage line of a command: `updraft dags trigger DAG_ID [flags]`. */
export function usageLine(command: CommandSpec): string {
  const args = (command.arguments ?? []).map((arg) => (arg.optional ? `[${arg.name}]` : arg.name));
  return ["updraft", ...command.words, ...args, "[flags]"].join(" ");
}
