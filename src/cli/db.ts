/**
 * `updraft db migrate|reset|check` (fact 161).
 *
 * @module
 */

import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { printRecords } from "./_output.ts";

/** The commands of this file. */
export const DB_COMMANDS: CommandSpec[] = [
  {
    words: ["db", "migrate"],
    summary: "Create or upgrade the database schema; prints the schema version",
    printsRecords: true,
    examples: ["db migrate", "db migrate --database-url sqlite:/var/lib/updraft/updraft.db"],
    async run(_input, session) {
      const config = await session.config();
      const version = await (await session.store()).migrate();
      if (session.format === "json") {
        printRecords(session.io, [{ database_url: config.databaseUrl, schema_version: version }], {
          format: "json",
          single: true,
        });
      } else {
        session.io.out(`Database ${config.databaseUrl} is at schema version ${version}.\n`);
      }
      return EXIT_CODES.success;
    },
  },
  {
    words: ["db", "reset"],
    summary: "Delete everything in the database and recreate the schema (needs --yes)",
    description:
      "Deletes every DAG run, task instance, XCom, variable, pool and user. DAGs come back from " +
      "the DAG folder at the next parse. Refuses to run without --yes.",
    flags: [{ name: "yes", short: "y", type: "boolean", description: "really delete everything" }],
    examples: ["db reset --yes"],
    async run(input, session) {
      if (!input.flags.yes) {
        throw new UsageError(
          "refusing to reset the database without --yes: it deletes every run, variable and user",
          session.commandName,
        );
      }
      const config = await session.config();
      const store = await session.store();
      await store.reset();
      const version = await store.migrate();
      session.io.out(`Database ${config.databaseUrl} was reset (schema version ${version}).\n`);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["db", "check"],
    summary: "Check that the database can be opened",
    examples: ["db check"],
    async run(_input, session) {
      const config = await session.config();
      const version = await (await session.store()).migrate();
      session.io.out(`Database ${config.databaseUrl} is reachable (schema version ${version}).\n`);
      return EXIT_CODES.success;
    },
  },
];
