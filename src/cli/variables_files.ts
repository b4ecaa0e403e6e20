/**
 * `updraft variables import FILE` and `variables export FILE` (fact 173), in Airflow's file
 * format: one JSON object `{key: value}`. A value that is not a string is stored as its JSON
 * text, and exported values that are JSON text are written as JSON again.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";
import type { Store } from "../store/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { CliError, EXIT_CODES, UsageError } from "./_errors.ts";
import { readInputFile, writeOutputFile } from "./_files.ts";

const FILE = { name: "FILE", description: "the JSON file; - for stdout (export)" };

/** What `--action-on-existing-key` may say, as Airflow's. */
const ACTIONS = ["overwrite", "skip", "fail"] as const;
type ExistingKeyAction = (typeof ACTIONS)[number];

/** Airflow's limit on variable keys. */
const KEY_MAX_LENGTH = 250;

/** What one import did. */
interface ImportCounts {
  created: string[];
  updated: string[];
  skipped: string[];
  failed: { key: string; message: string }[];
}

/** The commands of this file. */
export const VARIABLES_FILE_COMMANDS: CommandSpec[] = [
  {
    words: ["variables", "import"],
    summary: "Create or update variables from a JSON file {key: value} (exit 1 if any failed)",
    description: "A string value is stored as is; any other JSON value (object, list, number, " +
      "true, null) is stored as its JSON text. With --action-on-existing-key fail, nothing is " +
      "written when a key already exists (exit 4).",
    arguments: [{ name: "FILE", description: "the JSON file" }],
    flags: [{
      name: "action-on-existing-key",
      short: "a",
      type: "string",
      placeholder: "ACTION",
      description: "what to do with a key that exists: overwrite, skip or fail",
      default: "overwrite",
    }],
    examples: [
      "variables import variables.json",
      "variables import variables.json --action-on-existing-key skip",
    ],
    async run(input, session) {
      const path = input.args.FILE!;
      const action = existingKeyAction(input.flags["action-on-existing-key"], session.commandName);
      const entries = Object.entries(await readVariablesFile(path));
      const store = await session.store();
      if (action === "fail") {
        const taken = (await store.getVariables(entries.map(([key]) => key))).map((v) => v.key);
        if (taken.length > 0) {
          throw new CliError(
            EXIT_CODES.conflict,
            `cannot import variables from ${path}: these keys already exist: ` +
              `${taken.sort().join(", ")} (nothing was imported)`,
          );
        }
      }
      const counts = await importVariables(store, entries, action);
      for (const { key, message } of counts.failed) {
        session.io.err(`Variable '${key}' failed to import: ${message}\n`);
      }
      const imported = counts.created.length + counts.updated.length;
      session.io.out(
        `${imported} of ${entries.length} variables imported from ${path} ` +
          `(${counts.created.length} created, ${counts.updated.length} updated, ` +
          `${counts.skipped.length} skipped, ${counts.failed.length} failed).\n`,
      );
      if (counts.skipped.length > 0) {
        session.io.out(`Skipped because they already exist: ${counts.skipped.join(", ")}\n`);
      }
      return counts.failed.length > 0 ? EXIT_CODES.failed : EXIT_CODES.success;
    },
  },
  {
    words: ["variables", "export"],
    summary: "Write every variable to a JSON file {key: value}, values that are JSON as JSON",
    description: "The file holds the values in plaintext, sensitive ones too: keep it private " +
      "(it is created readable by its owner only).",
    arguments: [FILE],
    examples: ["variables export variables.json", "variables export -"],
    async run(input, session) {
      const path = input.args.FILE!;
      const store = await session.store();
      const variables = (await store.listVariables({ limit: 1_000_000 })).items;
      const exported: Record<string, JsonValue> = {};
      for (const variable of variables) exported[variable.key] = jsonOrText(variable.value);
      await writeOutputFile(session.io, path, `${JSON.stringify(exported, null, 4)}\n`);
      if (path !== "-") {
        session.io.out(`${variables.length} variables exported to ${path}\n`);
      }
      return EXIT_CODES.success;
    },
  },
];

function existingKeyAction(
  flag: string | boolean | undefined,
  command: string,
): ExistingKeyAction {
  const value = typeof flag === "string" ? flag : "overwrite";
  if (!(ACTIONS as readonly string[]).includes(value)) {
    throw new UsageError(
      `--action-on-existing-key must be overwrite, skip or fail, not '${value}'`,
      command,
    );
  }
  return value as ExistingKeyAction;
}

async function readVariablesFile(path: string): Promise<Record<string, JsonValue>> {
  const text = await readInputFile(path, "cannot import variables");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `cannot import variables from ${path}: it is not valid JSON (${(error as Error).message})`,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(
      `cannot import variables from ${path}: it must hold one JSON object {key: value}`,
    );
  }
  return parsed as Record<string, JsonValue>;
}

async function importVariables(
  store: Store,
  entries: [string, JsonValue][],
  action: ExistingKeyAction,
): Promise<ImportCounts> {
  const counts: ImportCounts = { created: [], updated: [], skipped: [], failed: [] };
  for (const [key, value] of entries) {
    try {
      if (key.trim() === "" || key.length > KEY_MAX_LENGTH) {
        throw new Error(`the key must be 1 to ${KEY_MAX_LENGTH} characters, not blank`);
      }
      const existing = await store.getVariable(key);
      if (existing !== null && action === "skip") {
        counts.skipped.push(key);
        continue;
      }
      await store.setVariable({
        key,
        value: typeof value === "string" ? value : JSON.stringify(value),
        description: existing?.description ?? null,
      });
      (existing === null ? counts.created : counts.updated).push(key);
    } catch (error) {
      counts.failed.push({ key, message: (error as Error).message });
    }
  }
  return counts;
}

/** The value as JSON when it is JSON text, else the text. */
function jsonOrText(value: string): JsonValue {
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}
