/**
 * `updraft variables set|get|list|delete` (fact 173).
 *
 * @module
 */

import { variableFromEnvironment } from "../core/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { printRecords } from "./_output.ts";

const KEY = { name: "KEY", description: "the variable's key" };
const JSON_FLAG = {
  name: "json",
  short: "j",
  type: "boolean" as const,
  description: "the value is JSON (checked on set, pretty-printed on get)",
};

/** The commands of this file. */
export const VARIABLES_COMMANDS: CommandSpec[] = [
  {
    words: ["variables", "set"],
    summary: "Create or overwrite a variable",
    arguments: [KEY, { name: "VALUE", description: "the value" }],
    flags: [
      {
        name: "description",
        type: "string",
        placeholder: "TEXT",
        description: "what the variable is for",
      },
      JSON_FLAG,
    ],
    examples: ["variables set bucket s3://data", `variables set limits '{"rows": 1000}' -j`],
    async run(input, session) {
      const key = input.args.KEY!;
      let value = input.args.VALUE!;
      if (input.flags.json) {
        try {
          value = JSON.stringify(JSON.parse(value));
        } catch (error) {
          throw new UsageError(
            `VALUE is not valid JSON: ${(error as Error).message}`,
            session.commandName,
          );
        }
      }
      const store = await session.store();
      const description = typeof input.flags.description === "string"
        ? input.flags.description
        : (await store.getVariable(key))?.description ?? null;
      await store.setVariable({ key, value, description });
      session.io.out(`Variable ${key} created\n`);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["variables", "get"],
    summary: "Print a variable's value (exit 3 when missing and no default is given)",
    description:
      `UPDRAFT_VAR_<KEY> in the environment wins over the database, as Airflow's AIRFLOW_VAR_<KEY>.`,
    arguments: [KEY],
    flags: [
      JSON_FLAG,
      {
        name: "default",
        short: "d",
        type: "string",
        placeholder: "VALUE",
        description: "printed when the variable is missing",
      },
    ],
    examples: [
      "variables get bucket",
      "variables get limits -j",
      "variables get region -d eu-west-1",
    ],
    async run(input, session) {
      const key = input.args.KEY!;
      const value = variableFromEnvironment(key, session.io.env) ??
        (await (await session.store()).getVariable(key))?.value;
      if (value === undefined) {
        if (typeof input.flags.default === "string") {
          session.io.out(`${input.flags.default}\n`);
          return EXIT_CODES.success;
        }
        throw notFound(`cannot get variable '${key}': no such variable`);
      }
      if (input.flags.json) {
        try {
          session.io.out(`${JSON.stringify(JSON.parse(value), null, 2)}\n`);
        } catch (error) {
          throw new UsageError(
            `cannot get variable '${key}' as JSON: its value is not JSON (${
              (error as Error).message
            })`,
          );
        }
      } else {
        session.io.out(`${value}\n`);
      }
      return EXIT_CODES.success;
    },
  },
  {
    words: ["variables", "list"],
    summary: "List the variables' keys and descriptions",
    printsRecords: true,
    examples: ["variables list", "variables list -o json"],
    async run(_input, session) {
      const variables = (await (await session.store()).listVariables({ limit: 1_000_000 })).items;
      printRecords(
        session.io,
        variables.map((variable) => ({ key: variable.key, description: variable.description })),
        { format: session.format, empty: "No variables" },
      );
      return EXIT_CODES.success;
    },
  },
  {
    words: ["variables", "delete"],
    summary: "Delete a variable",
    arguments: [KEY],
    examples: ["variables delete bucket"],
    async run(input, session) {
      const key = input.args.KEY!;
      if (!await (await session.store()).deleteVariable(key)) {
        throw notFound(`cannot delete variable '${key}': no such variable`);
      }
      session.io.out(`Variable ${key} deleted\n`);
      return EXIT_CODES.success;
    },
  },
];
