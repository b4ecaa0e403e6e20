/**
 * Reading the command line: find the command's words (global flags may come before them), then
 * parse its flags and arguments with `node:util` `parseArgs`, strictly: an unknown flag or a
 * missing or surplus argument is a usage error naming it.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  type CommandGroup,
  type CommandInput,
  type CommandSpec,
  type FlagSpec,
  GLOBAL_FLAGS,
  OUTPUT_FLAG,
  SERVER_FLAGS,
} from "./_command.ts";
import { UsageError } from "./_errors.ts";

/** What the command line asks for. */
export type Route =
  | { kind: "help"; group: string | null; command: CommandSpec | null; requested: boolean }
  | { kind: "run"; command: CommandSpec; input: CommandInput };

/** The command table the router works on. */
export interface CommandTable {
  groups: CommandGroup[];
  commands: CommandSpec[];
}

const VALUE_FLAGS = new Set(
  [...GLOBAL_FLAGS, OUTPUT_FLAG, ...SERVER_FLAGS]
    .filter((flag) => flag.type === "string")
    .flatMap((flag) => [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])]),
);

/** Find the command the arguments name and parse the rest for it. */
export function route(table: CommandTable, argv: string[]): Route {
  const { words, rest } = splitWords(argv);
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  if (words[0] === "help") {
    return helpRoute(table, words.slice(1), true);
  }
  if (words.length === 0) {
    return { kind: "help", group: null, command: null, requested: wantsHelp };
  }
  const command = findCommand(table, words);
  if (!command) return helpRoute(table, words, wantsHelp);
  const extra = words.slice(command.words.length);
  return { kind: "run", command, input: parseInput(command, [...extra, ...rest]) };
}

function helpRoute(table: CommandTable, words: string[], requested: boolean): Route {
  if (words.length === 0) return { kind: "help", group: null, command: null, requested };
  const command = findCommand(table, words);
  if (command) {
    if (words.length > command.words.length) {
      throw new UsageError(`unknown command '${words.join(" ")}'`);
    }
    return { kind: "help", group: null, command, requested };
  }
  const group = table.groups.find((candidate) => candidate.name === words[0]);
  if (!group) {
    throw new UsageError(`unknown command '${words[0]}' (see 'updraft --help')`);
  }
  if (words.length > 1) {
    throw new UsageError(
      `unknown command '${words.slice(0, 2).join(" ")}' (see 'updraft ${group.name} --help')`,
    );
  }
  return { kind: "help", group: group.name, command: null, requested };
}

function findCommand(table: CommandTable, words: string[]): CommandSpec | undefined {
  return table.commands.find((command) =>
    command.words.every((word, index) => words[index] === word)
  );
}

/**
 * The leading non-flag words (at most two: a group and its command) and everything else. Flags
 * before the command may only be global ones, whose values are skipped.
 */
function splitWords(argv: string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let index = 0;
  while (index < argv.length && words.length < 2) {
    const token = argv[index];
    if (token === "--") break;
    if (token.startsWith("-") && token !== "-") {
      rest.push(token);
      if (VALUE_FLAGS.has(token) && index + 1 < argv.length) rest.push(argv[++index]);
    } else {
      words.push(token);
    }
    index++;
  }
  rest.push(...argv.slice(index));
  return { words, rest };
}

/** The flags a command accepts: its own, then output, server and global flags. */
export function flagsOf(command: CommandSpec): FlagSpec[] {
  return [
    ...(command.flags ?? []),
    ...(command.printsRecords ? [OUTPUT_FLAG] : []),
    ...(command.serverFlags ? SERVER_FLAGS : []),
    ...GLOBAL_FLAGS,
  ];
}

function parseInput(command: CommandSpec, argv: string[]): CommandInput {
  const name = command.words.join(" ");
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const flag of flagsOf(command)) {
    options[flag.name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explainParseError(error as Error), name);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  const args: Record<string, string | undefined> = {};
  if (flags.help) return { args, flags };
  const specs = command.arguments ?? [];
  const positionals = parsed.positionals;
  specs.forEach((spec, index) => {
    const value = positionals[index];
    if (value === undefined && !spec.optional) {
      throw new UsageError(`missing argument ${spec.name}`, name);
    }
    args[spec.name] = value;
  });
  if (positionals.length > specs.length) {
    throw new UsageError(`unexpected argument '${positionals[specs.length]}'`, name);
  }
  const output = flags.output;
  if (output !== undefined && output !== "table" && output !== "json") {
    throw new UsageError(`--output must be table or json, got '${output}'`, name);
  }
  return { args, flags };
}

/** `parseArgs`'s messages are long; keep the part that names the flag. */
function explainParseError(error: Error): string {
  const code = (error as { code?: string }).code;
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown flag '${quoted ?? error.message}'`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/does not take/.test(error.message)) return `flag '${flagName(quoted)}' takes no value`;
      if (/ambiguous/.test(error.message)) {
        return `flag '${quoted}' needs a value (write --flag=VALUE for a value starting with '-')`;
      }
      return `flag '${flagName(quoted)}' needs a value`;
    default:
      return error.message.split(". ")[0];
  }
}

/** `-c, --conf <value>` → `--conf`. */
function flagName(text: string | undefined): string {
  if (!text) return "?";
  return /--[A-Za-z0-9-]+/.exec(text)?.[0] ?? text;
}
