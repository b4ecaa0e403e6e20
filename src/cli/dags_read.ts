/**
 * `updraft dags list|list-import-errors|show|next-execution` (fact 162): what the DAG folder
 * holds. Each reads the DAG folder into the store first, as Airflow parses the folder.
 *
 * @module
 */

import {
  type DagDefinition,
  type DagRecord,
  nextAutomatedRun,
  type NextRunInfo,
} from "../core/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { graphDot, graphTree } from "./_graph_text.ts";
import { printRecords, type Row } from "./_output.ts";
import { iso } from "./_records.ts";
import type { Session } from "./_session.ts";

const DAG_ID = { name: "DAG_ID", description: "the DAG's id" };

async function printImportErrors(session: Session, toStdout: boolean): Promise<number> {
  const store = await session.store();
  const errors = (await store.listImportErrors({ limit: 1_000_000 })).items;
  if (toStdout) {
    const rows: Row[] = errors.map((error) => ({
      filepath: error.fileloc,
      line: error.line,
      error: error.message,
      timestamp: iso(error.timestamp),
    }));
    printRecords(session.io, rows, {
      format: session.format,
      columns: ["filepath", "line", "error"],
      empty: "No import errors",
    });
  } else if (errors.length > 0) {
    session.io.err(
      `${errors.length} DAG file(s) failed to load (see 'updraft dags list-import-errors'):\n`,
    );
    for (const error of errors) {
      const first = error.message.split("\n")[0];
      session.io.err(
        `  ${first.startsWith(error.fileloc) ? first : `${error.fileloc}: ${first}`}\n`,
      );
    }
  }
  return errors.length;
}

/** The next automated run: as the scheduler stored it, else as the timetable computes it. */
function nextRun(dag: DagRecord, definition: DagDefinition, now: number): NextRunInfo | null {
  if (dag.nextRun) return dag.nextRun;
  const last = dag.lastAutomatedRun
    ? { logicalDate: dag.lastAutomatedRun.start, dataInterval: dag.lastAutomatedRun }
    : null;
  return nextAutomatedRun(definition, last, now);
}

/** The commands of this file. */
export const DAGS_READ_COMMANDS: CommandSpec[] = [
  {
    words: ["dags", "list"],
    summary: "List the DAGs of the DAG folder (import errors go to stderr)",
    printsRecords: true,
    examples: ["dags list", "dags list -o json --dags-folder ./dags"],
    async run(_input, session) {
      await session.syncDags();
      const store = await session.store();
      const dags = (await store.listDags({ limit: 1_000_000 })).items;
      const now = session.clock.now();
      const rows: Row[] = dags.map(({ dag, definition }) => ({
        dag_id: dag.dagId,
        fileloc: dag.fileloc,
        owners: definition.owner,
        is_paused: dag.isPaused,
        schedule: definition.scheduleText,
        next_run: iso(nextRun(dag, definition, now)?.logicalDate),
        tags: definition.tags,
        description: definition.description,
      }));
      printRecords(session.io, rows, {
        format: session.format,
        columns: ["dag_id", "fileloc", "owners", "is_paused", "schedule", "next_run"],
        empty: "No DAGs found",
      });
      await printImportErrors(session, false);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["dags", "list-import-errors"],
    summary: "List the DAG files that failed to load, with why",
    printsRecords: true,
    examples: ["dags list-import-errors", "dags list-import-errors -o json"],
    async run(_input, session) {
      await session.syncDags();
      await printImportErrors(session, true);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["dags", "show"],
    summary: "Show a DAG's task graph as a text tree, or as Graphviz DOT",
    arguments: [DAG_ID],
    flags: [{ name: "dot", type: "boolean", description: "print Graphviz DOT instead of a tree" }],
    examples: ["dags show etl", "dags show etl --dot | dot -Tsvg > etl.svg"],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const { dag, definition } = await session.dag(dagId, `cannot show DAG '${dagId}'`);
      if (input.flags.dot) {
        session.io.out(graphDot(definition));
        return EXIT_CODES.success;
      }
      const schedule = definition.scheduleText ?? "None";
      session.io.out(
        `DAG ${dag.dagId} (${dag.fileloc}; schedule ${schedule}; ${definition.tasks.length} task(s)` +
          `${dag.isPaused ? "; paused" : ""})\n`,
      );
      session.io.out(graphTree(definition));
      return EXIT_CODES.success;
    },
  },
  {
    words: ["dags", "next-execution"],
    summary: "Print the logical date(s) of a DAG's next automated run(s)",
    arguments: [DAG_ID],
    flags: [{
      name: "num-executions",
      short: "n",
      type: "string",
      placeholder: "N",
      description: "how many to print",
      default: "1",
    }],
    examples: ["dags next-execution etl", "dags next-execution etl -n 3"],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const text = String(input.flags["num-executions"] ?? "1");
      const count = Number(text);
      if (!Number.isSafeInteger(count) || count < 1) {
        throw new UsageError(
          `--num-executions must be a positive integer, got '${text}'`,
          session.commandName,
        );
      }
      const { dag, definition } = await session.dag(
        dagId,
        `cannot compute the next run of DAG '${dagId}'`,
      );
      if (dag.isPaused) {
        session.io.err(`Note: DAG '${dagId}' is paused; no run is created while it is.\n`);
      }
      const now = session.clock.now();
      let next = nextRun(dag, definition, now);
      for (let index = 0; index < count; index++) {
        session.io.out(`${next === null ? "None" : iso(next.logicalDate)}\n`);
        if (next === null) break;
        next = nextAutomatedRun(definition, next, now);
      }
      return EXIT_CODES.success;
    },
  },
];
