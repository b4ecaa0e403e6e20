/**
 * The DAG run as the API shows it (fact 145).
 *
 * @module
 */

import { z } from "zod";
import { DAG_RUN_STATES, type DagRun, formatIso, RUN_TYPES } from "../../core/mod.ts";
import { dateTimeText, JsonObjectSchema, named, nullableDateTimeText } from "./_schemas.ts";

/** A DAG run's state. */
export const DagStateSchema = named("DagState", z.enum(DAG_RUN_STATES));

/** The DAGRun object. */
export const DagRunSchema = named(
  "DAGRun",
  z.object({
    dag_run_id: z.string(),
    dag_id: z.string(),
    logical_date: dateTimeText(),
    execution_date: dateTimeText(),
    start_date: nullableDateTimeText(),
    end_date: nullableDateTimeText(),
    data_interval_start: dateTimeText(),
    data_interval_end: dateTimeText(),
    last_scheduling_decision: nullableDateTimeText(),
    run_type: z.enum(RUN_TYPES),
    state: DagStateSchema,
    external_trigger: z.boolean(),
    conf: JsonObjectSchema,
    note: z.string().nullable(),
  }),
);

/** A page of DAG runs. */
export const DagRunCollectionSchema = named(
  "DAGRunCollection",
  z.object({ dag_runs: z.array(DagRunSchema), total_entries: z.number().int() }),
);

/** The DAGRun object's type. */
export type DagRunDto = z.infer<typeof DagRunSchema>;

/** Map a stored run to the API's DAGRun object. */
export function toDagRunDto(run: DagRun): DagRunDto {
  return {
    dag_run_id: run.runId,
    dag_id: run.dagId,
    logical_date: formatIso(run.logicalDate),
    execution_date: formatIso(run.logicalDate),
    start_date: optionalIso(run.startDate),
    end_date: optionalIso(run.endDate),
    data_interval_start: formatIso(run.dataInterval.start),
    data_interval_end: formatIso(run.dataInterval.end),
    last_scheduling_decision: optionalIso(run.lastSchedulingDecision),
    run_type: run.runType,
    state: run.state,
    external_trigger: run.externalTrigger,
    conf: run.conf ?? {},
    note: run.note,
  };
}

/** An instant as ISO-8601, or null. */
export function optionalIso(ms: number | null): string | null {
  return ms === null ? null : formatIso(ms);
}
