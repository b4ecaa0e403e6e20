/**
 * `updraft tasks list|test|clear|state` (facts 168–171).
 *
 * @module
 */

import type { DagRun, JsonObject } from "../core/mod.ts";
import { testTask } from "../app/mod.ts";
import type { Store } from "../store/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { graphTree } from "./_graph_text.ts";
import { printRecords, type Row } from "./_output.ts";
import { stateText } from "./_records.ts";
import type { Session } from "./_session.ts";
import { TASKS_CLEAR_COMMAND } from "./tasks_clear.ts";

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
      "prints its log and the XComs it pushed. Nothing is written to the database; connections " +
      "and variables are read from UPDRAFT_CONN_*/UPDRAFT_VAR_* and the database. Upstream XComs " +
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
  TASKS_CLEAR_COMMAND,
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
