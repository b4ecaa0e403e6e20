/**
 * `updraft dags test` (fact 167) and `updraft dags backfill` (fact 166): DAG runs advanced by
 * this process, the first writing no state, the second against the database.
 *
 * @module
 */

import { previewBackfill, runBackfill, type TaskReport, testDag } from "../app/mod.ts";
import { taskLogPath } from "../executor/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES, UsageError } from "./_errors.ts";
import { printRecords, type Row } from "./_output.ts";
import { ProgressBar } from "./_progress.ts";
import { iso, RUN_COLUMNS, runRow, stateText } from "./_records.ts";
import type { Session } from "./_session.ts";

const DAG_ID = { name: "DAG_ID", description: "the DAG's id" };
const CONF = {
  name: "conf",
  short: "c",
  type: "string" as const,
  placeholder: "JSON",
  description: "the run's conf, a JSON object",
};

function taskHeading(report: TaskReport): string {
  const { instance } = report;
  const mapped = instance.mapIndex >= 0 ? `[${instance.mapIndex}]` : "";
  const tryText = instance.tryNumber > 0 ? ` (try ${instance.tryNumber})` : "";
  return `[${instance.taskId}${mapped}] ${stateText(instance.state)}${tryText}`;
}

function indent(text: string): string {
  return text.replace(/\n$/, "").split("\n").map((line) => `    ${line}`).join("\n") + "\n";
}

function dateFlag(
  session: Session,
  value: string | boolean | undefined,
  flag: string,
): number | undefined {
  return typeof value === "string" ? session.date(value, flag) : undefined;
}

/** The commands of this file. */
export const DAGS_ENGINE_COMMANDS: CommandSpec[] = [
  {
    words: ["dags", "test"],
    summary: "Run one DAG run in this process, writing no state; prints each task's log",
    description:
      "Parses the DAG folder, runs a manual run for the date in sandboxes like the scheduler " +
      "does, and prints each task's state, try number and log as it finishes. Nothing is " +
      "written to the database or the home folder; connections and variables are read from " +
      "UPDRAFT_CONN_*/UPDRAFT_VAR_* and the database. Exit 1 when the run failed.",
    arguments: [
      DAG_ID,
      {
        name: "EXECUTION_DATE",
        description: "the run's logical date (default now)",
        optional: true,
      },
    ],
    flags: [CONF],
    printsRecords: true,
    examples: ["dags test etl", `dags test etl 2024-01-01 -c '{"full": true}'`],
    async run(input, session) {
      const dagId = input.args.DAG_ID!;
      const logicalDate = input.args.EXECUTION_DATE === undefined
        ? undefined
        : session.date(input.args.EXECUTION_DATE, "EXECUTION_DATE");
      const conf = typeof input.flags.conf === "string"
        ? session.jsonObject(input.flags.conf, "--conf")
        : undefined;
      const json = session.format === "json";
      const logs = new Map<string, string | null>();
      const result = await testDag(await session.config(), { dagId, logicalDate, conf }, {
        clock: session.clock,
        signal: session.interruption(),
        log: (line) => session.io.err(`${line}\n`),
        onTask: (report) => {
          logs.set(report.instance.taskId + "/" + report.instance.mapIndex, report.log);
          if (json) return;
          session.io.out(`${taskHeading(report)}\n`);
          if (report.log) session.io.out(indent(report.log));
        },
      });
      const { run, instances } = result;
      if (json) {
        printRecords(session.io, [{
          ...runRow(run),
          task_instances: instances.map((instance) => ({
            task_id: instance.taskId,
            map_index: instance.mapIndex,
            state: instance.state,
            try_number: instance.tryNumber,
            log: logs.get(instance.taskId + "/" + instance.mapIndex) ?? null,
          })),
        }], { format: "json", single: true });
      } else {
        session.io.out(`\nRun '${run.runId}' of DAG '${dagId}' ended ${run.state}.\n`);
        const rows: Row[] = instances.map((instance) => ({
          task_id: instance.taskId,
          map_index: instance.mapIndex,
          state: stateText(instance.state),
          try_number: instance.tryNumber,
          duration: instance.duration,
        }));
        printRecords(session.io, rows, { format: "table" });
      }
      if (run.state === "success") return EXIT_CODES.success;
      if (run.state !== "failed") {
        session.io.err(`updraft: the test run was stopped while ${run.state}\n`);
      }
      return EXIT_CODES.failed;
    },
  },
  {
    words: ["dags", "backfill"],
    summary: "Create and run the runs of a date range in this process, with a progress bar",
    description:
      "Creates a backfill run (backfill__<date>) for every logical date of the schedule in " +
      "[START, END], inclusive, ignoring catchup, and runs them here until each finished; a server " +
      "on the same database leaves them alone. Dates that already have a run are left alone unless " +
      "--reset-dagruns (which asks first unless -y). Exit 1 when any run failed.",
    arguments: [DAG_ID],
    flags: [
      {
        name: "start-date",
        short: "s",
        type: "string",
        placeholder: "DATE",
        description: "the first logical date (required)",
      },
      {
        name: "end-date",
        short: "e",
        type: "string",
        placeholder: "DATE",
        description: "the last logical date (required)",
      },
      {
        name: "reset-dagruns",
        type: "boolean",
        description: "clear and rerun the runs already at those dates",
      },
      CONF,
      { name: "dry-run", type: "boolean", description: "list the dates, create nothing" },
      { name: "yes", short: "y", type: "boolean", description: "do not ask before resetting runs" },
    ],
    printsRecords: true,
    examples: [
      "dags backfill etl -s 2024-01-01 -e 2024-01-07",
      "dags backfill etl -s 2024-01-01 -e 2024-01-03 --dry-run",
    ],
    run: backfill,
  },
];

async function backfill(
  input: Parameters<CommandSpec["run"]>[0],
  session: Session,
): Promise<number> {
  const dagId = input.args.DAG_ID!;
  const start = dateFlag(session, input.flags["start-date"], "--start-date");
  const end = dateFlag(session, input.flags["end-date"], "--end-date");
  if (start === undefined) {
    throw new UsageError("missing flag --start-date (-s)", session.commandName);
  }
  if (end === undefined) throw new UsageError("missing flag --end-date (-e)", session.commandName);
  const conf = typeof input.flags.conf === "string"
    ? session.jsonObject(input.flags.conf, "--conf")
    : undefined;
  const reset = Boolean(input.flags["reset-dagruns"]);
  await session.dag(dagId, `cannot backfill DAG '${dagId}'`);
  const store = await session.store();
  const dates = await previewBackfill(store, { dagId, start, end });
  if (input.flags["dry-run"]) {
    const rows: Row[] = dates.map((date) => ({
      execution_date: iso(date.logicalDate),
      data_interval_start: iso(date.dataInterval.start),
      data_interval_end: iso(date.dataInterval.end),
      existing_run: date.existing?.runId ?? null,
      action: date.existing === null ? "create" : reset ? "reset" : "leave alone",
    }));
    printRecords(session.io, rows, {
      format: session.format,
      empty: "No logical dates in that range",
    });
    return EXIT_CODES.success;
  }
  const toReset = dates.filter((date) => date.existing !== null);
  if (reset && toReset.length > 0 && !input.flags.yes) {
    const listing = toReset.map((date) => `  ${date.existing!.runId} (${date.existing!.state})`)
      .join("\n");
    if (!session.io.stdinIsTerminal) {
      throw new UsageError(
        `refusing to reset ${toReset.length} run(s) without confirmation (stdin is not a terminal); pass -y:\n${listing}`,
        session.commandName,
      );
    }
    session.io.err(`These runs will be cleared and run again:\n${listing}\n`);
    if (!await session.io.confirm("Reset them?")) {
      session.io.err("Nothing was done.\n");
      return EXIT_CODES.success;
    }
  }
  const config = await session.config();
  const bar = new ProgressBar(session.io, `backfill ${dagId}`);
  const result = await runBackfill(
    store,
    config,
    { dagId, start, end, conf, resetDagRuns: reset },
    {
      clock: session.clock,
      signal: session.interruption(),
      onProgress: (progress) => bar.update(progress),
      onTask: (report) => {
        if (report.instance.state !== "failed" && report.instance.state !== "up_for_retry") return;
        const path = taskLogPath(config.logsFolder, report.instance, report.instance.tryNumber);
        bar.line(`${taskHeading(report)} in run ${report.instance.runId}; log: ${path}`);
      },
      log: (line) => bar.line(line),
    },
  );
  bar.finish();
  const { plan, runs } = result;
  const failed = runs.filter((run) => run.state === "failed").length;
  const unfinished = runs.filter((run) => run.state !== "success" && run.state !== "failed").length;
  if (session.format === "table") {
    printRecords(session.io, runs.map(runRow), {
      format: "table",
      columns: RUN_COLUMNS,
      empty: "No runs to backfill",
    });
    session.io.out(
      `Backfill of DAG '${dagId}': ${
        runs.length - failed - unfinished
      } run(s) succeeded, ${failed} failed` +
        `${unfinished > 0 ? `, ${unfinished} unfinished (stopped)` : ""}; ` +
        `${plan.existing.length} existing run(s) left alone.\n`,
    );
  } else {
    printRecords(session.io, [{
      runs: runs.map(runRow),
      existing_runs: plan.existing.map(runRow),
    }], { format: "json", single: true });
  }
  return failed > 0 || unfinished > 0 ? EXIT_CODES.failed : EXIT_CODES.success;
}
