/**
 * `updraft tasks list|test|clear|state` (facts 168–171).
 *
 * @module
 */

import type { DagRun, JsonObject } from "../core/mod.ts";
import { testTask } from "../app/mod.ts";
import { type ClearRequest, clearTaskInstances } from "../scheduler/mod.ts";
import type { Store } from "../store/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { graphTree } from "./_graph_text.ts";
import { printRecords, type Row } from "./_output.ts";
import { stateText, taskInstanceRow } from "./_records.ts";
import type { Session } from "./_session.ts";

const DAG_ID = { name: "DAG_ID", description: "the DAG's id" };
const TASK_ID = { name: "TASK_ID", description: "the task's id" };

/** A run by run id, else by logical date; null when there is none. */
async function findRun(
  store: Store,
  session: Session,
  dagId: string,
  text: string,
): Promise<DagRun | null> {
  const byId = await store.getDagRun({ dagId, runId: text });
  if (byId) return byId;
  let logicalDate: number;
  try {
    logicalDate = session.date(text, "EXECUTION_DATE_OR_RUN_ID");
  } catch {
    return null;
  }
  const page = await store.listDagRuns({
    dagIds: [dagId],
    logicalDate: { gte: logicalDate, lte: logicalDate },
    limit: 1,
  });
  return page.items[0] ?? null;
}

/** The commands of this file. */
export const TASKS_COMMANDS: CommandSpec[] = [
  {
    words: ["tasks", "list"],
    summary: "List a DAG's task ids, sorted (or as a tree)",
    arguments: [DAG_ID],
    flags: [{
      name: "tree",
      short: "t",
      type: "boolean",
      description: "show the tasks as a tree from the roots",
    }],
    printsRecords: true,
    examples: ["tasks list etl", "tasks list etl --tree"],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const { definition } = await session.dag(dagId, `cannot list the tasks of DAG '${dagId}'`);
      if (session.format === "json") {
        const rows: Row[] = [...definition.tasks]
          .sort((a, b) => a.taskId.localeCompare(b.taskId))
          .map((task) => ({
            task_id: task.taskId,
            operator: task.operator,
            upstream_task_ids: task.upstream,
            trigger_rule: task.triggerRule,
          }));
        printRecords(session.io, rows, { format: "json" });
      } else if (input.flags.tree) {
        session.io.out(graphTree(definition));
      } else {
        const ids = definition.tasks.map((task) => task.taskId).sort();
        session.io.out(ids.map((id) => `${id}\n`).join(""));
      }
      return EXIT_CODES.success;
    },
  },
  {
    words: ["tasks", "test"],
    summary: "Run one task in this process, ignoring dependencies and state, writing no state",
    description:
      "Runs the task in a sandbox with the context of a temporary run for the date (or run id) and " +
      "prints its log and the XComs it pushed. Nothing is written to the database. Upstream XComs " +
      "are not available. Exit 1 when the task failed.",
    arguments: [
      DAG_ID,
      TASK_ID,
      {
        name: "EXECUTION_DATE_OR_RUN_ID",
        description: "the logical date or run id of the temporary run (default now)",
        optional: true,
      },
    ],
    flags: [{
      name: "task-params",
      short: "t",
      type: "string",
      placeholder: "JSON",
      description: "params laid over the DAG's params, a JSON object",
    }],
    printsRecords: true,
    examples: ["tasks test etl extract", `tasks test etl load 2024-01-01 -t '{"table": "orders"}'`],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const taskId = input.args.TASK_ID!;
      const when = input.args.EXECUTION_DATE_OR_RUN_ID;
      let logicalDate: number | undefined;
      let runId: string | undefined;
      if (when !== undefined) {
        try {
          logicalDate = session.date(when, "EXECUTION_DATE_OR_RUN_ID");
        } catch {
          runId = when;
        }
      }
      const taskParams: JsonObject | undefined = typeof input.flags["task-params"] === "string"
        ? session.jsonObject(input.flags["task-params"], "--task-params")
        : undefined;
      const result = await testTask(await session.config(), {
        dagId,
        taskId,
        logicalDate,
        runId,
        taskParams,
      }, {
        clock: session.clock,
        signal: session.interruption(),
        log: (line) => session.io.err(`${line}\n`),
      });
      const { outcome } = result;
      if (session.format === "json") {
        printRecords(session.io, [{
          dag_id: result.key.dagId,
          run_id: result.key.runId,
          task_id: result.key.taskId,
          state: outcome.status,
          error: outcome.status === "failed"
            ? outcome.error
            : outcome.status === "skipped"
            ? outcome.reason
            : null,
          xcoms: Object.fromEntries(result.xcoms.map((xcom) => [xcom.key, xcom.value])),
          log: result.log,
        }], { format: "json", single: true });
      } else {
        session.io.out(result.log);
        const detail = outcome.status === "failed"
          ? `: ${outcome.error}`
          : outcome.status === "skipped"
          ? `: ${outcome.reason}`
          : "";
        session.io.out(`\nTask '${taskId}' of DAG '${dagId}' ended ${outcome.status}${detail}\n`);
        if (result.xcoms.length > 0) {
          session.io.out("XComs:\n");
          printRecords(
            session.io,
            result.xcoms.map((xcom) => ({ key: xcom.key, value: xcom.value })),
            {
              format: "table",
            },
          );
        }
      }
      return outcome.status === "failed" ? EXIT_CODES.failed : EXIT_CODES.success;
    },
  },
  {
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
  },
  {
    words: ["tasks", "state"],
    summary: "Print a task instance's state (None when it has none)",
    arguments: [DAG_ID, TASK_ID, {
      name: "EXECUTION_DATE_OR_RUN_ID",
      description: "the run's logical date or run id",
    }],
    flags: [{
      name: "map-index",
      type: "string",
      placeholder: "N",
      description: "the mapped instance",
      default: "-1",
    }],
    examples: [
      "tasks state etl load 2024-01-01",
      "tasks state etl load manual__2024-01-01T00:00:00+00:00",
    ],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const taskId = input.args.TASK_ID!;
      const mapText = String(input.flags["map-index"] ?? "-1");
      const mapIndex = Number(mapText);
      if (!Number.isSafeInteger(mapIndex) || mapIndex < -1) {
        throw new UsageError(
          `--map-index must be an integer ≥ -1, got '${mapText}'`,
          session.commandName,
        );
      }
      const action = `cannot read the state of task '${taskId}' of DAG '${dagId}'`;
      const { definition } = await session.dag(dagId, action, { sync: "missing", inactive: true });
      const store = await session.store();
      const run = await findRun(store, session, dagId, input.args.EXECUTION_DATE_OR_RUN_ID!);
      if (!run) {
        throw notFound(
          `${action}: no run with run id or logical date '${input.args.EXECUTION_DATE_OR_RUN_ID}'`,
        );
      }
      const instance = await store.getTaskInstance({ dagId, runId: run.runId, taskId, mapIndex });
      if (!instance && !definition.tasks.some((task) => task.taskId === taskId)) {
        throw notFound(`${action}: no such task in run '${run.runId}'`);
      }
      session.io.out(`${stateText(instance?.state)}\n`);
      return EXIT_CODES.success;
    },
  },
];

async function clear(input: Parameters<CommandSpec["run"]>[0], session: Session): Promise<number> {
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
