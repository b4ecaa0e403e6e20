/**
 * The task instance as the API shows it (fact 149), and the short reference that actions
 * (clear, mark) answer with. `try_number` follows Airflow 2.10 (fact 176): the current or last
 * attempt, 0 before the first.
 *
 * @module
 */

import { z } from "zod";
import { formatIso, TASK_INSTANCE_STATES, type TaskInstance } from "../../core/mod.ts";
import { optionalIso } from "./_dag_run_dto.ts";
import { dateTimeText, JsonObjectSchema, named, nullableDateTimeText } from "./_schemas.ts";

/** The queue every task instance reports; Updraft has no queues (Airflow's default name). */
export const DEFAULT_QUEUE = "default";

/** A task instance's state; null before it has one. */
export const TaskStateSchema = named("TaskState", z.enum(TASK_INSTANCE_STATES).nullable());

/** The TaskInstance object. */
export const TaskInstanceSchema = named(
  "TaskInstance",
  z.object({
    task_id: z.string(),
    task_display_name: z.string(),
    dag_id: z.string(),
    dag_run_id: z.string(),
    execution_date: dateTimeText(),
    start_date: nullableDateTimeText(),
    end_date: nullableDateTimeText(),
    duration: z.number().nullable(),
    state: TaskStateSchema,
    try_number: z.number().int(),
    map_index: z.number().int(),
    max_tries: z.number().int(),
    hostname: z.string(),
    unixname: z.string(),
    pool: z.string(),
    pool_slots: z.number().int(),
    queue: z.string().nullable(),
    priority_weight: z.number().int().nullable(),
    operator: z.string().nullable(),
    queued_when: nullableDateTimeText(),
    pid: z.number().int().nullable(),
    executor: z.string().nullable(),
    executor_config: z.string(),
    sla_miss: z.null(),
    rendered_map_index: z.string().nullable(),
    rendered_fields: JsonObjectSchema,
    trigger: z.null(),
    triggerer_job: z.null(),
    note: z.string().nullable(),
  }),
);

/** A page of task instances. */
export const TaskInstanceCollectionSchema = named(
  "TaskInstanceCollection",
  z.object({ task_instances: z.array(TaskInstanceSchema), total_entries: z.number().int() }),
);

/** Which task instance an action touched. */
export const TaskInstanceReferenceSchema = named(
  "TaskInstanceReference",
  z.object({
    task_id: z.string(),
    dag_id: z.string(),
    execution_date: dateTimeText(),
    dag_run_id: z.string(),
  }),
);

/** The task instances an action touched. */
export const TaskInstanceReferenceCollectionSchema = named(
  "TaskInstanceReferenceCollection",
  z.object({ task_instances: z.array(TaskInstanceReferenceSchema) }),
);

/** The TaskInstance object's type. */
export type TaskInstanceDto = z.infer<typeof TaskInstanceSchema>;

/** The TaskInstanceReference object's type. */
export type TaskInstanceReferenceDto = z.infer<typeof TaskInstanceReferenceSchema>;

/** Map a stored task instance to the API's object; `logicalDate` is its run's. */
export function toTaskInstanceDto(instance: TaskInstance, logicalDate: number): TaskInstanceDto {
  return {
    task_id: instance.taskId,
    task_display_name: instance.taskId,
    dag_id: instance.dagId,
    dag_run_id: instance.runId,
    execution_date: formatIso(logicalDate),
    start_date: optionalIso(instance.startDate),
    end_date: optionalIso(instance.endDate),
    duration: instance.duration,
    state: instance.state,
    try_number: instance.tryNumber,
    map_index: instance.mapIndex,
    max_tries: instance.maxTries,
    hostname: instance.hostname ?? "",
    unixname: "",
    pool: instance.pool,
    pool_slots: instance.poolSlots,
    queue: DEFAULT_QUEUE,
    priority_weight: instance.priorityWeight,
    operator: instance.operator,
    queued_when: optionalIso(instance.queuedAt),
    pid: instance.pid,
    executor: null,
    executor_config: "{}",
    sla_miss: null,
    rendered_map_index: null,
    rendered_fields: instance.renderedFields ?? {},
    trigger: null,
    triggerer_job: null,
    note: instance.note,
  };
}

/** Map a task instance to a reference; `logicalDate` is its run's. */
export function toTaskInstanceReference(
  instance: Pick<TaskInstance, "taskId" | "dagId" | "runId">,
  logicalDate: number,
): TaskInstanceReferenceDto {
  return {
    task_id: instance.taskId,
    dag_id: instance.dagId,
    execution_date: formatIso(logicalDate),
    dag_run_id: instance.runId,
  };
}
