/**
 * The DAG as the API shows it (fact 142): every field of Airflow's `DAG`, those Updraft has no
 * notion of set to null or false.
 *
 * @module
 */

import { z } from "zod";
import { describeSchedule, formatIso, type Schedule } from "../../core/mod.ts";
import type { DagWithDefinition } from "../../store/mod.ts";
import { named, nullableDateTimeText } from "./_schemas.ts";

/** A DAG tag. */
export const TagSchema = named("Tag", z.object({ name: z.string() }));

/** An interval schedule (`{ every: "6h" }`), as Python's timedelta. */
export const TimeDeltaSchema = named(
  "TimeDelta",
  z.object({
    __type: z.literal("TimeDelta"),
    days: z.number().int(),
    seconds: z.number().int(),
    microseconds: z.number().int(),
  }),
);

/** A cron schedule, presets as written (`@daily`). */
export const CronExpressionSchema = named(
  "CronExpression",
  z.object({ __type: z.literal("CronExpression"), value: z.string() }),
);

/** A DAG's schedule; null for manual-only DAGs. */
export const ScheduleIntervalSchema = named(
  "ScheduleInterval",
  z.union([TimeDeltaSchema, CronExpressionSchema]).nullable(),
);

/** The DAG object. */
export const DagSchema = named(
  "DAG",
  z.object({
    dag_id: z.string(),
    dag_display_name: z.string(),
    root_dag_id: z.null(),
    is_paused: z.boolean(),
    is_active: z.boolean(),
    is_subdag: z.boolean(),
    last_parsed_time: nullableDateTimeText(),
    last_pickled: z.null(),
    last_expired: z.null(),
    scheduler_lock: z.null(),
    pickle_id: z.null(),
    default_view: z.string(),
    fileloc: z.string(),
    file_token: z.string(),
    owners: z.array(z.string()),
    description: z.string().nullable(),
    schedule_interval: ScheduleIntervalSchema,
    timetable_description: z.string(),
    tags: z.array(TagSchema),
    max_active_tasks: z.number().int(),
    max_active_runs: z.number().int(),
    max_consecutive_failed_dag_runs: z.number().int(),
    has_task_concurrency_limits: z.boolean(),
    has_import_errors: z.boolean(),
    next_dagrun: nullableDateTimeText(),
    next_dagrun_data_interval_start: nullableDateTimeText(),
    next_dagrun_data_interval_end: nullableDateTimeText(),
    next_dagrun_create_after: nullableDateTimeText(),
  }),
);

/** A page of DAGs. */
export const DagCollectionSchema = named(
  "DAGCollection",
  z.object({ dags: z.array(DagSchema), total_entries: z.number().int() }),
);

/** The DAG object's type. */
export type DagDto = z.infer<typeof DagSchema>;

/** What mapping a DAG needs besides the DAG. */
export interface DagDtoContext {
  /** DAG files that currently fail to load. */
  importErrorFiles: ReadonlySet<string>;
  /** Limits used when a DAG does not set its own. */
  defaults: { maxActiveRuns: number; maxActiveTasks: number };
}

/** Map a stored DAG to the API's DAG object. */
export function toDagDto(found: DagWithDefinition, context: DagDtoContext): DagDto {
  const { dag, definition } = found;
  const next = dag.nextRun;
  return {
    dag_id: dag.dagId,
    dag_display_name: dag.dagId,
    root_dag_id: null,
    is_paused: dag.isPaused,
    is_active: dag.isActive,
    is_subdag: false,
    last_parsed_time: formatIso(dag.lastParsedAt),
    last_pickled: null,
    last_expired: null,
    scheduler_lock: null,
    pickle_id: null,
    default_view: "grid",
    fileloc: dag.fileloc,
    file_token: fileTokenFor(dag.fileloc),
    owners: [definition.owner],
    description: definition.description,
    schedule_interval: scheduleInterval(definition.schedule, definition.scheduleText),
    timetable_description: describeSchedule(definition.schedule),
    tags: definition.tags.map((name) => ({ name })),
    max_active_tasks: definition.maxActiveTasks ?? context.defaults.maxActiveTasks,
    max_active_runs: definition.maxActiveRuns ?? context.defaults.maxActiveRuns,
    max_consecutive_failed_dag_runs: 0,
    has_task_concurrency_limits: false,
    has_import_errors: context.importErrorFiles.has(dag.fileloc),
    next_dagrun: next ? formatIso(next.logicalDate) : null,
    next_dagrun_data_interval_start: next ? formatIso(next.dataInterval.start) : null,
    next_dagrun_data_interval_end: next ? formatIso(next.dataInterval.end) : null,
    next_dagrun_create_after: next ? formatIso(next.runAfter) : null,
  };
}

/** Airflow's `schedule_interval`: a cron expression as written, a timedelta, or null. */
export function scheduleInterval(
  schedule: Schedule,
  text: string | null,
): z.infer<typeof ScheduleIntervalSchema> {
  switch (schedule.kind) {
    case "none":
      return null;
    case "once":
      return { __type: "CronExpression", value: "@once" };
    case "cron":
      return { __type: "CronExpression", value: schedule.preset ?? text ?? schedule.expression };
    case "interval": {
      const totalMs = Math.round(schedule.everyMs);
      return {
        __type: "TimeDelta",
        days: Math.floor(totalMs / 86_400_000),
        seconds: Math.floor((totalMs % 86_400_000) / 1000),
        microseconds: (totalMs % 1000) * 1000,
      };
    }
  }
}

/** A URL-safe token naming a DAG file (base64url of its path), for `/dagSources/{file_token}`. */
export function fileTokenFor(fileloc: string): string {
  const bytes = new TextEncoder().encode(fileloc);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The DAG file a {@link fileTokenFor} token names; null when the token is malformed. */
export function filelocFromToken(token: string): string | null {
  try {
    const base64 = token.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
