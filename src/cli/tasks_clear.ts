/**
 * `updraft tasks clear` (fact 170, semantics in facts 127–129): list what the flags select, ask
 * (or refuse without a terminal unless -y), then clear; finished runs go back to queued.
 *
 * @module
 */

import { type ClearRequest, clearTaskInstances } from "../scheduler/mod.ts";
import type { CommandInput, CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { printRecords, type Row } from "./_output.ts";
import { stateText, taskInstanceRow } from "./_records.ts";
import type { Session } from "./_session.ts";

const DAG_ID = { name: "DAG_ID", description: "the DAG's id" };

/** The command of this file. */
export const TASKS_CLEAR_COMMAND: CommandSpec = {
  words: ["tasks", "clear"],
  summary: "Clear task instances so they run again (asks first unless -y)",
  description:
    "Clears the task instances matching the flags: a running one is stopped and restarts, any " +
    "other goes back to no state with a fresh retry budget; finished runs go back to queued. " +
    "Lists what will be cleared and asks for confirmation; without a terminal it refuses unless -y.",
  arguments: [DAG_ID],
  flags: [
    {
      name: "task-regex",
      short: "t",
      type: "string",
      placeholder: "REGEX",
      description: "only tasks whose id matches",
    },
    {
      name: "start-date",
      short: "s",
      type: "string",
      placeholder: "DATE",
      description: "only runs at or after this logical date",
    },
    {
      name: "end-date",
      short: "e",
      type: "string",
      placeholder: "DATE",
      description: "only runs at or before this logical date",
    },
    {
      name: "upstream",
      short: "u",
      type: "boolean",
      description: "also the upstream tasks of those matched",
    },
    {
      name: "downstream",
      short: "d",
      type: "boolean",
      description: "also the downstream tasks of those matched",
    },
    {
      name: "only-failed",
      short: "f",
      type: "boolean",
      description: "only failed and upstream_failed instances",
    },
    { name: "only-running", short: "r", type: "boolean", description: "only running instances" },
    { name: "yes", short: "y", type: "boolean", description: "do not ask for confirmation" },
  ],
  printsRecords: true,
  examples: [
    "tasks clear etl -t '^load' -s 2024-01-01 -e 2024-01-07 -d",
    "tasks clear etl -f -y",
  ],
  run: clear,
};

async function clear(input: CommandInput, session: Session): Promise<number> {
  const dagId = input.args.DAG_ID!;
  const { definition } = await session.dag(dagId, `cannot clear tasks of DAG '${dagId}'`, {
    sync: "missing",
    inactive: true,
  });
  let taskIds: string[] | undefined;
  if (typeof input.flags["task-regex"] === "string") {
    let pattern: RegExp;
    try {
      pattern = new RegExp(input.flags["task-regex"]);
    } catch (error) {
      throw new UsageError(`--task-regex: ${(error as Error).message}`, session.commandName);
    }
    taskIds = definition.tasks.map((task) => task.taskId).filter((id) => pattern.test(id));
    if (taskIds.length === 0) {
      session.io.err(`No task of DAG '${dagId}' matches /${pattern.source}/; nothing to clear.\n`);
      return EXIT_CODES.success;
    }
  }
  const start = input.flags["start-date"];
  const end = input.flags["end-date"];
  const request: ClearRequest = {
    dagId,
    taskIds,
    logicalDate: start === undefined && end === undefined ? undefined : {
      gte: typeof start === "string" ? session.date(start, "--start-date") : undefined,
      lte: typeof end === "string" ? session.date(end, "--end-date") : undefined,
    },
    includeUpstream: Boolean(input.flags.upstream),
    includeDownstream: Boolean(input.flags.downstream),
    onlyFailed: Boolean(input.flags["only-failed"]),
    onlyRunning: Boolean(input.flags["only-running"]),
    resetDagRuns: true,
    requestedBy: "the CLI",
  };
  const store = await session.store();
  const now = session.clock.now();
  const planned = await clearTaskInstances(store, { ...request, dryRun: true }, now);
  if (planned.length === 0) {
    session.io.err("No task instances to clear.\n");
    if (session.format === "json") printRecords(session.io, [], { format: "json" });
    return EXIT_CODES.success;
  }
  if (!input.flags.yes) {
    const listing = planned.map((instance) =>
      `  ${instance.dagId}.${instance.taskId}${
        instance.mapIndex >= 0 ? `[${instance.mapIndex}]` : ""
      } ` +
      `${instance.runId} (${stateText(instance.state)})`
    ).join("\n");
    if (!session.io.stdinIsTerminal) {
      throw new UsageError(
        `refusing to clear ${planned.length} task instance(s) without confirmation ` +
          `(stdin is not a terminal); pass -y:\n${listing}`,
        session.commandName,
      );
    }
    session.io.err(
      `You are about to clear these ${planned.length} task instance(s):\n${listing}\n`,
    );
    if (!await session.io.confirm("Clear them?")) {
      session.io.err("Nothing was cleared.\n");
      return EXIT_CODES.success;
    }
  }
  const cleared = await clearTaskInstances(store, request, session.clock.now());
  if (session.format === "table") session.io.out(`Cleared ${cleared.length} task instance(s).\n`);
  const rows: Row[] = cleared.map((instance) => {
    const { state, ...row } = taskInstanceRow(instance);
    return { ...row, previous_state: state };
  });
  printRecords(session.io, rows, {
    format: session.format,
    columns: ["dag_id", "run_id", "task_id", "map_index", "previous_state"],
  });
  return EXIT_CODES.success;
}
