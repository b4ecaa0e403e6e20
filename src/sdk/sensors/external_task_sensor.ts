/**
 * `externalTaskSensor`: waits for tasks, a task group or a whole run of another DAG at the same
 * logical date (Airflow's ExternalTaskSensor). Tasks never touch the database, so the scheduler
 * looks the states up when it builds each attempt's job; the sensor therefore ends every "not
 * yet" attempt as `up_for_reschedule`, in poke mode too, so that each poke sees fresh states.
 *
 * @module
 */

import {
  DAG_RUN_STATES,
  EXTERNAL_TASK_SENSOR,
  type ExternalTaskStates,
  parseDuration,
  sensorSettingsOf,
  TASK_INSTANCE_STATES,
} from "../../core/mod.ts";
import { fail, parseField, show, type Subject } from "../_checks.ts";
import { contextDataOf } from "../_context_data.ts";
import { taskSubject } from "../_register.ts";
import type { TaskHandle } from "../task_handle.ts";
import type { Duration, TaskOptions } from "../types.ts";
import { defineSensor } from "./define.ts";
import { type ExternalPokeFields, pokeExternalStates } from "./_external_poke.ts";
import type { SensorOptions } from "./_settings.ts";

/** Options of {@link externalTaskSensor}. */
export interface ExternalTaskSensorOptions extends TaskOptions, SensorOptions {
  /** The DAG to watch. */
  externalDagId: string;
  /** One task to watch; without a task, task ids or group, the whole run is watched. */
  externalTaskId?: string;
  /** Several tasks to watch; done when all are in an allowed state. */
  externalTaskIds?: string[];
  /** Watch the tasks whose id starts with `<group>.` (Updraft has no task groups of its own). */
  externalTaskGroupId?: string;
  /** States that count as done (default `["success"]`); run states for a whole run. */
  allowedStates?: string[];
  /** States that fail the sensor (default none). */
  failedStates?: string[];
  /** States that skip the sensor (default none). */
  skippedStates?: string[];
  /** Watch the run this much earlier than this run's logical date (default: the same date). */
  executionDelta?: Duration;
  /** Fail at once when the DAG (or a watched task) does not exist (default false). */
  checkExistence?: boolean;
}

const externalTaskSensorBuilder = defineSensor<ExternalPokeFields>({
  name: EXTERNAL_TASK_SENSOR,
  poke(ctx, fields) {
    const states: ExternalTaskStates | undefined = contextDataOf(ctx)?.sensor?.external;
    if (!states) {
      throw new Error(
        `external task sensor "${ctx.taskId}" got no states of DAG "${fields.externalDagId}" ` +
          "from the scheduler",
      );
    }
    return pokeExternalStates(fields, states, {
      softFail: sensorSettingsOf(ctx)?.softFail ?? false,
      log: (line) => ctx.log(line),
    });
  },
}, { reschedulesBetweenPokes: true });

/**
 * Wait for another DAG's tasks (or task group, or whole run) at the same logical date, or
 * `executionDelta` earlier.
 *
 * @example
 * ```ts
 * externalTaskSensor({ id: "wait_load", externalDagId: "load", externalTaskId: "publish" });
 * ```
 */
export function externalTaskSensor(options: ExternalTaskSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("externalTaskSensor", options);
  const {
    externalDagId,
    externalTaskId,
    externalTaskIds,
    externalTaskGroupId,
    allowedStates,
    failedStates,
    skippedStates,
    executionDelta,
    checkExistence,
    ...rest
  } = options;
  if (typeof externalDagId !== "string" || externalDagId === "") {
    fail(subject, "externalDagId", `must be a DAG id, got ${show(externalDagId)}`);
  }
  const taskIds = watchedTaskIds(subject, { externalTaskId, externalTaskIds, externalTaskGroupId });
  const group = externalTaskGroupId ?? null;
  if (group !== null && (typeof group !== "string" || group === "")) {
    fail(subject, "externalTaskGroupId", `must be a task group id, got ${show(group)}`);
  }
  const watchesTasks = taskIds !== null || group !== null;
  const valid: readonly string[] = watchesTasks ? TASK_INSTANCE_STATES : DAG_RUN_STATES;
  const states = (field: string, value: unknown, fallback: string[]) => {
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || value.some((state) => !valid.includes(state))) {
      fail(
        subject,
        field,
        `must be a list of ${watchesTasks ? "task instance" : "DAG run"} ` +
          `states (${valid.join(", ")}), got ${show(value)}`,
      );
    }
    return [...new Set(value as string[])];
  };
  const allowed = states("allowedStates", allowedStates, ["success"]);
  const failed = states("failedStates", failedStates, []);
  const skipped = states("skippedStates", skippedStates, []);
  const shared = [...allowed, ...failed, ...skipped].filter((state, index, all) =>
    all.indexOf(state) !== index
  );
  if (shared.length > 0) {
    fail(
      subject,
      "allowedStates",
      `allowedStates, failedStates and skippedStates share ` +
        `${show([...new Set(shared)])}; a state may be in only one of them`,
    );
  }
  if (checkExistence !== undefined && typeof checkExistence !== "boolean") {
    fail(subject, "checkExistence", `must be true or false, got ${show(checkExistence)}`);
  }
  const fields: ExternalPokeFields = {
    externalDagId,
    externalTaskIds: taskIds,
    externalTaskGroupId: group,
    allowedStates: allowed,
    failedStates: failed,
    skippedStates: skipped,
    executionDeltaMs: executionDelta === undefined
      ? 0
      : parseField(subject, "executionDelta", (at) => parseDuration(executionDelta, at)),
    checkExistence: checkExistence ?? false,
  };
  return externalTaskSensorBuilder({ ...rest, ...fields });
}

function watchedTaskIds(
  subject: Subject,
  given: { externalTaskId?: unknown; externalTaskIds?: unknown; externalTaskGroupId?: unknown },
): string[] | null {
  const { externalTaskId, externalTaskIds, externalTaskGroupId } = given;
  const count = [externalTaskId, externalTaskIds, externalTaskGroupId]
    .filter((value) => value !== undefined).length;
  if (count > 1) {
    fail(
      subject,
      "externalTaskIds",
      "give only one of externalTaskId, externalTaskIds and " +
        "externalTaskGroupId",
    );
  }
  if (externalTaskId !== undefined) {
    if (typeof externalTaskId !== "string" || externalTaskId === "") {
      fail(subject, "externalTaskId", `must be a task id, got ${show(externalTaskId)}`);
    }
    return [externalTaskId];
  }
  if (externalTaskIds === undefined) return null;
  if (
    !Array.isArray(externalTaskIds) || externalTaskIds.length === 0 ||
    externalTaskIds.some((id) => typeof id !== "string" || id === "")
  ) {
    fail(
      subject,
      "externalTaskIds",
      `must be a non-empty list of task ids, got ${show(externalTaskIds)}`,
    );
  }
  if (new Set(externalTaskIds).size !== externalTaskIds.length) {
    fail(subject, "externalTaskIds", `lists a task twice: ${show(externalTaskIds)}`);
  }
  return [...externalTaskIds];
}
