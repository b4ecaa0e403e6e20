/**
 * What the scheduler and the sandbox share about sensors (§6): a sensor's settings as its task
 * definition keeps them, and the data a sensor's try receives besides the usual context.
 *
 * @module
 */

import type { JsonValue, TaskDefinition } from "./definition.ts";
import type { DagRunState, TaskInstanceState } from "./states.ts";

/** The task field under which a sensor keeps its {@link SensorSettings}. */
export const SENSOR_FIELD = "sensor";

/** The operator name of the external task sensor, whose states the scheduler looks up. */
export const EXTERNAL_TASK_SENSOR = "ExternalTaskSensor";

/** How a sensor waits between pokes (fact 93). */
export type SensorMode = "poke" | "reschedule";

/** A sensor's settings, normalized (durations in milliseconds); plain JSON. */
export interface SensorSettings {
  mode: SensorMode;
  pokeIntervalMs: number;
  timeoutMs: number;
  softFail: boolean;
  neverFail: boolean;
  silentFail: boolean;
  exponentialBackoff: boolean;
  maxWaitMs: number | null;
  /**
   * The poke reads data the scheduler supplies with each attempt (the external task sensor), so
   * a "not yet" always ends the attempt as `up_for_reschedule`, whatever the mode.
   */
  reschedulesBetweenPokes: boolean;
}

/** The fields of an external task sensor the scheduler reads to look up states. */
export interface ExternalTaskSensorFields {
  externalDagId: string;
  /** The tasks to watch; null with `externalTaskGroupId` or for the whole run. */
  externalTaskIds: string[] | null;
  /** Watch the tasks whose id starts with `<group>.`; null otherwise. */
  externalTaskGroupId: string | null;
  /** Look at the run this much earlier than this run's logical date (0: the same date). */
  executionDeltaMs: number;
}

/** Another DAG's run and task states for one logical date, as the scheduler found them. */
export interface ExternalTaskStates {
  dagId: string;
  logicalDate: number;
  /** Whether the DAG is known and active. */
  dagExists: boolean;
  /** The task ids of the DAG's current version; empty when the DAG is unknown. */
  taskIds: string[];
  /** The run at that logical date, or null when there is none. */
  run: { runId: string; state: DagRunState } | null;
  /** The watched task instances of that run with their states (all map indexes). */
  tasks: { taskId: string; mapIndex: number; state: TaskInstanceState }[];
}

/** What a sensor's try receives besides the usual context data. */
export interface SensorContextData {
  /**
   * When the poke the sensor's timeout counts from started, if an earlier attempt made it: in
   * reschedule mode the first poke of the first try since the last clear (fact 96), otherwise
   * the first poke of the current try (a rescheduled try keeps its start date, fact 95). Null
   * when this attempt is that first poke.
   */
  startedAt: number | null;
  /** For the external task sensor: the watched states, looked up when the job was built. */
  external?: ExternalTaskStates;
}

/** A sensor task's settings, or null when the task is not a sensor. */
export function sensorSettingsOf(task: Pick<TaskDefinition, "fields">): SensorSettings | null {
  const value: JsonValue | undefined = task.fields[SENSOR_FIELD];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const mode = value.mode;
  if (mode !== "poke" && mode !== "reschedule") return null;
  return value as unknown as SensorSettings;
}

/** The external task sensor fields of a task, or null when it is not one. */
export function externalTaskSensorFields(
  task: Pick<TaskDefinition, "operator" | "fields">,
): ExternalTaskSensorFields | null {
  if (task.operator !== EXTERNAL_TASK_SENSOR || sensorSettingsOf(task) === null) return null;
  const fields = task.fields;
  if (typeof fields.externalDagId !== "string") return null;
  const taskIds = fields.externalTaskIds;
  return {
    externalDagId: fields.externalDagId,
    externalTaskIds: Array.isArray(taskIds)
      ? taskIds.filter((id): id is string => typeof id === "string")
      : null,
    externalTaskGroupId: typeof fields.externalTaskGroupId === "string"
      ? fields.externalTaskGroupId
      : null,
    executionDeltaMs: typeof fields.executionDeltaMs === "number" ? fields.executionDeltaMs : 0,
  };
}
