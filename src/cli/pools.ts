/**
 * `updraft pools set|get|list|delete` (fact 175).
 *
 * @module
 */

import type { Pool } from "../core/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { printRecords, type Row } from "./_output.ts";

const NAME = { name: "NAME", description: "the pool's name" };
const COLUMNS = ["pool", "slots", "description", "include_deferred"];

function poolRow(pool: Pool): Row {
  return {
    pool: pool.name,
    slots: pool.slots,
    description: pool.description,
    include_deferred: pool.includeDeferred,
  };
}

/** The commands of this file. */
export const POOLS_COMMANDS: CommandSpec[] = [
  {
    words: ["pools", "set"],
    summary: "Create or update a pool of task slots",
    arguments: [NAME, { name: "SLOTS", description: "how many slots" }, {
      name: "DESCRIPTION",
      description: "what the pool is for",
    }],
    flags: [{
      name: "include-deferred",
      type: "boolean",
      description: "deferred tasks take slots too",
    }],
    printsRecords: true,
    examples: ["pools set warehouse 4 'Connections to the warehouse'"],
    async run(input, session) {
      const slots = Number(input.args.SLOTS);
      if (!Number.isSafeInteger(slots) || slots < 0) {
        throw new UsageError(
          `SLOTS must be a non-negative integer, got '${input.args.SLOTS}'`,
          session.commandName,
        );
      }
      const pool: Pool = {
        name: input.args.NAME!,
        slots,
        description: input.args.DESCRIPTION!,
        includeDeferred: Boolean(input.flags["include-deferred"]),
      };
      await (await session.store()).setPool(pool);
      printRecords(session.io, [poolRow(pool)], {
        format: session.format,
        columns: COLUMNS,
        single: true,
      });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["pools", "get"],
    summary: "Show a pool",
    arguments: [NAME],
    printsRecords: true,
    examples: ["pools get default_pool"],
    async run(input, session) {
      const pool = await (await session.store()).getPool(input.args.NAME!);
      if (!pool) throw notFound(`cannot get pool '${input.args.NAME}': no such pool`);
      printRecords(session.io, [poolRow(pool)], {
        format: session.format,
        columns: COLUMNS,
        single: true,
      });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["pools", "list"],
    summary: "List the pools",
    printsRecords: true,
    examples: ["pools list"],
    async run(_input, session) {
      const pools = (await (await session.store()).listPools({ limit: 1_000_000 })).items;
      printRecords(session.io, pools.map(poolRow), { format: session.format, columns: COLUMNS });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["pools", "delete"],
    summary: "Delete a pool (not default_pool)",
    arguments: [NAME],
    examples: ["pools delete warehouse"],
    async run(input, session) {
      const name = input.args.NAME!;
      if (name === "default_pool") {
        throw new UsageError(
          "cannot delete pool 'default_pool': the default pool cannot be deleted",
        );
      }
      if (!await (await session.store()).deletePool(name)) {
        throw notFound(`cannot delete pool '${name}': no such pool`);
      }
      session.io.out(`Pool ${name} deleted\n`);
      return EXIT_CODES.success;
    },
  },
];
