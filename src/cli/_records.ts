/**
 * Records as the CLI prints them: Airflow's column names, dates in ISO-8601.
 *
 * @module
 */

import { type DagRun, formatIso, type TaskInstance } from "../core/mod.ts";
import type { Row } from "./_output.ts";

/** An instant as Airflow prints it, or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : formatIso(ms);
}

/** The columns of `dags list-runs` (fact 165). */
export const RUN_COLUMNS = [
  "dag_id",
  "run_id",
  "state",
  "execution_date",
  "start_date",
  "end_date",
];

/** A DAG run as a row. */
export function runRow(run: DagRun): Row {
  return {
    dag_id: run.dagId,
    run_id: run.runId,
    state: run.state,
    execution_date: iso(run.logicalDate),
    start_date: iso(run.startDate),
    end_date: iso(run.endDate),
    run_type: run.runType,
    data_interval_start: iso(run.dataInterval.start),
    data_interval_end: iso(run.dataInterval.end),
    external_trigger: run.externalTrigger,
    conf: run.conf,
  };
}

/** A task instance as a row. */
export function taskInstanceRow(instance: TaskInstance): Row {
  return {
    dag_id: instance.dagId,
    run_id: instance.runId,
    task_id: instance.taskId,
    map_index: instance.mapIndex,
    state: instance.state ?? "None",
    try_number: instance.tryNumber,
    start_date: iso(instance.startDate),
    end_date: iso(instance.endDate),
    duration: instance.duration,
  };
}

/** A task instance state as Airflow prints it (`None` for no state). */
export function stateText(state: string | null | undefined): string {
  return state ?? "None";
}
