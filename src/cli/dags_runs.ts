/**
 * `updraft dags trigger|pause|unpause|list-runs|state` (facts 163–165): a DAG's runs and its
 * paused flag.
 *
 * @module
 */

import { DAG_RUN_STATES, type DagRunState, type RunType } from "../core/mod.ts";
import { triggerDagRun } from "../scheduler/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { printRecords } from "./_output.ts";
import { iso, RUN_COLUMNS, runRow } from "./_records.ts";
import type { Session } from "./_session.ts";

const DAG_ID = { name: "DAG_ID", description: "the DAG's id" };

function pauseCommand(paused: boolean): CommandSpec {
  const verb = paused ? "pause" : "unpause";
  return {
    words: ["dags", verb],
    summary: paused
      ? "Pause a DAG: no new automated runs, running ones stop advancing"
      : "Unpause a DAG: its schedule creates runs again",
    arguments: [DAG_ID],
    printsRecords: true,
    examples: [`dags ${verb} etl`],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      await session.dag(dagId, `cannot ${verb} DAG '${dagId}'`, { sync: "missing" });
      const store = await session.store();
      const dag = await store.setDagPaused(dagId, paused, session.clock.now());
      if (session.format === "json") {
        printRecords(session.io, [{ dag_id: dag.dagId, is_paused: dag.isPaused }], {
          format: "json",
          single: true,
        });
      } else {
        session.io.out(`Dag: ${dag.dagId}, paused: ${dag.isPaused ? "True" : "False"}\n`);
      }
      return EXIT_CODES.success;
    },
  };
}

async function existingDag(session: Session, dagId: string, action: string): Promise<void> {
  await session.dag(dagId, action, { sync: "missing", inactive: true });
}

/** The commands of this file. */
export const DAGS_RUNS_COMMANDS: CommandSpec[] = [
  {
    words: ["dags", "trigger"],
    summary: "Trigger a DAG: create a manual run, queued until the scheduler starts it",
    description: "The logical date defaults to now; its fraction of a second is dropped unless " +
      "--no-replace-microseconds is given. A run id or logical date already taken is a conflict (exit 4).",
    arguments: [DAG_ID],
    flags: [
      {
        name: "conf",
        short: "c",
        type: "string",
        placeholder: "JSON",
        description: "the run's conf, a JSON object",
      },
      {
        name: "exec-date",
        short: "e",
        type: "string",
        placeholder: "DATE",
        description:
          "the logical date, e.g. 2024-01-01 or 2024-01-01T06:00 (UTC without an offset)",
        default: "now",
      },
      {
        name: "run-id",
        short: "r",
        type: "string",
        placeholder: "ID",
        description: "the run id",
        default: "manual__<logical date>",
      },
      {
        name: "no-replace-microseconds",
        type: "boolean",
        description: "keep the fraction of a second of the logical date",
      },
    ],
    printsRecords: true,
    examples: [
      `dags trigger etl -c '{"table": "orders"}'`,
      "dags trigger etl -e 2024-01-01 -r rerun_jan_1",
    ],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const conf = typeof input.flags.conf === "string"
        ? session.jsonObject(input.flags.conf, "--conf")
        : undefined;
      const now = session.clock.now();
      let logicalDate = typeof input.flags["exec-date"] === "string"
        ? session.date(input.flags["exec-date"], "--exec-date")
        : now;
      if (!input.flags["no-replace-microseconds"]) {
        logicalDate -= ((logicalDate % 1000) + 1000) % 1000;
      }
      await session.dag(dagId, `cannot trigger DAG '${dagId}'`, { sync: "missing" });
      const run = await triggerDagRun(await session.store(), {
        dagId,
        runId: typeof input.flags["run-id"] === "string" ? input.flags["run-id"] : undefined,
        logicalDate,
        conf,
        triggeredBy: "the CLI",
      }, now);
      if (session.format === "table") {
        session.io.out(`Created run '${run.runId}' of DAG '${dagId}'.\n`);
      }
      printRecords(session.io, [runRow(run)], {
        format: session.format,
        single: true,
        columns: [
          "dag_id",
          "run_id",
          "state",
          "execution_date",
          "data_interval_start",
          "data_interval_end",
          "conf",
        ],
      });
      return EXIT_CODES.success;
    },
  },
  pauseCommand(true),
  pauseCommand(false),
  {
    words: ["dags", "list-runs"],
    summary: "List a DAG's runs, latest first",
    flags: [
      {
        name: "dag-id",
        short: "d",
        type: "string",
        placeholder: "DAG_ID",
        description: "the DAG (required)",
      },
      {
        name: "state",
        type: "string",
        placeholder: "STATE",
        description: `only runs in this state (${DAG_RUN_STATES.join(", ")})`,
      },
      { name: "no-backfill", type: "boolean", description: "leave out backfill runs" },
      {
        name: "start-date",
        short: "s",
        type: "string",
        placeholder: "DATE",
        description: "only runs with a logical date at or after this",
      },
      {
        name: "end-date",
        short: "e",
        type: "string",
        placeholder: "DATE",
        description: "only runs with a logical date at or before this",
      },
    ],
    printsRecords: true,
    examples: [
      "dags list-runs -d etl",
      "dags list-runs -d etl --state failed -s 2024-01-01 -o json",
    ],
    async run(input, session) {
      const dagId = input.flags["dag-id"];
      if (typeof dagId !== "string") {
        throw new UsageError("missing flag --dag-id (-d)", session.commandName);
      }
      const state = input.flags.state;
      if (state !== undefined && !DAG_RUN_STATES.includes(state as DagRunState)) {
        throw new UsageError(
          `--state must be one of ${DAG_RUN_STATES.join(", ")}, got '${state}'`,
          session.commandName,
        );
      }
      const logicalDate = {
        gte: typeof input.flags["start-date"] === "string"
          ? session.date(input.flags["start-date"], "--start-date")
          : undefined,
        lte: typeof input.flags["end-date"] === "string"
          ? session.date(input.flags["end-date"], "--end-date")
          : undefined,
      };
      await existingDag(session, dagId, `cannot list the runs of DAG '${dagId}'`);
      const runTypes: RunType[] | undefined = input.flags["no-backfill"]
        ? ["scheduled", "manual", "dataset_triggered"]
        : undefined;
      const runs = (await (await session.store()).listDagRuns({
        dagIds: [dagId],
        states: state === undefined ? undefined : [state as DagRunState],
        runTypes,
        logicalDate,
        orderBy: "-execution_date",
        limit: 1_000_000,
      })).items;
      printRecords(session.io, runs.map(runRow), {
        format: session.format,
        columns: RUN_COLUMNS,
        empty: `No runs of DAG '${dagId}' match`,
      });
      return EXIT_CODES.success;
    },
  },
  {
    words: ["dags", "state"],
    summary: "Print the state of a DAG's run at a logical date (None when there is none)",
    arguments: [DAG_ID, { name: "EXECUTION_DATE", description: "the run's logical date" }],
    examples: ["dags state etl 2024-01-01"],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const logicalDate = session.date(input.args.EXECUTION_DATE!, "EXECUTION_DATE");
      await existingDag(session, dagId, `cannot read the state of DAG '${dagId}'`);
      const runs = (await (await session.store()).listDagRuns({
        dagIds: [dagId],
        logicalDate: { gte: logicalDate, lte: logicalDate },
        limit: 1,
      })).items;
      session.io.out(`${runs[0]?.state ?? "None"}\n`);
      if (runs.length === 0) session.io.err(`(no run of DAG '${dagId}' at ${iso(logicalDate)})\n`);
      return EXIT_CODES.success;
    },
  },
];
