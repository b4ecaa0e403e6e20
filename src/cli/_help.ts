/**
 * The help texts: the command list, a group's commands, and one command's usage, arguments,
 * flags with defaults, an example and the exit codes.
 *
 * @module
 */

import { settingsTable, VERSION } from "../app/mod.ts";
import { type CommandSpec, type FlagSpec, GLOBAL_FLAGS, usageLine } from "./_command.ts";
import { EXIT_CODES_HELP } from "./_errors.ts";
import { type CommandTable, flagsOf } from "./_parse.ts";

const WIDTH = 30;

function columns(left: string, right: string): string {
  const label = `  ${left}`;
  return label.length >= WIDTH
    ? `${label}\n${" ".repeat(WIDTH)}${right}`
    : label.padEnd(WIDTH) + right;
}

function flagLine(flag: FlagSpec): string {
  const names = `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}`;
  const value = flag.type === "string" ? ` ${flag.placeholder ?? "VALUE"}` : "";
  const fallback = flag.default === undefined ? "" : ` (default: ${flag.default})`;
  return columns(names + value, flag.description + fallback);
}

function commandList(commands: CommandSpec[]): string[] {
  const lines: string[] = [];
  commands.forEach((command, index) => {
    if (
      index > 0 && commands[index - 1].words[0] !== command.words[0] && command.words.length > 1
    ) {
      lines.push("");
    }
    lines.push(columns(command.words.join(" "), command.summary));
  });
  return lines;
}

/** Break a paragraph into lines of at most `width` characters. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** `updraft --help`. */
export function topHelp(table: CommandTable): string {
  const visible = table.commands;
  const lines = [
    `Updraft ${VERSION}: workflows as TypeScript files, Airflow's semantics, one program.`,
    "",
    "Usage: updraft COMMAND [ARGUMENTS] [flags]",
    "",
    "Commands:",
    ...commandList(visible),
    "",
    "Global flags (before or after the command):",
    ...GLOBAL_FLAGS.map(flagLine),
    "",
    "Run 'updraft COMMAND --help' for a command's arguments, flags and an example.",
    "",
    EXIT_CODES_HELP,
    "",
    "Settings come from flags, then the environment, then <home>/updraft.json:",
    ...settingsTable().map((setting) =>
      columns(setting.env, `${setting.key} (default: ${JSON.stringify(setting.default)})`)
    ),
  ];
  return lines.join("\n") + "\n";
}

/** `updraft dags --help`. */
export function groupHelp(table: CommandTable, groupName: string): string {
  const group = table.groups.find((candidate) => candidate.name === groupName)!;
  const commands = table.commands.filter((command) => command.words[0] === groupName);
  return [
    `${group.summary}`,
    "",
    `Usage: updraft ${groupName} COMMAND [ARGUMENTS] [flags]`,
    "",
    "Commands:",
    ...commandList(commands),
    "",
    `Run 'updraft ${groupName} COMMAND --help' for a command's arguments, flags and an example.`,
    "",
    EXIT_CODES_HELP,
  ].join("\n") + "\n";
}

/** `updraft dags trigger --help`. */
export function commandHelp(command: CommandSpec): string {
  const own = flagsOf(command).filter((flag) => !GLOBAL_FLAGS.includes(flag));
  const lines = [`Usage: ${usageLine(command)}`, "", command.summary];
  if (command.description) lines.push("", wrap(command.description, 96));
  if ((command.arguments ?? []).length > 0) {
    lines.push("", "Arguments:");
    for (const arg of command.arguments ?? []) {
      lines.push(columns(arg.name, arg.description + (arg.optional ? " (optional)" : "")));
    }
  }
  if (own.length > 0) lines.push("", "Flags:", ...own.map(flagLine));
  lines.push("", "Global flags:", ...GLOBAL_FLAGS.map(flagLine));
  lines.push("", command.examples.length > 1 ? "Examples:" : "Example:");
  lines.push(...command.examples.map((example) => `  updraft ${example}`));
  lines.push("", EXIT_CODES_HELP);
  return lines.join("\n") + "\n";
}
