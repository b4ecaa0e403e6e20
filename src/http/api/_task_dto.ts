/**
 * A DAG's task as the API shows it (fact 143): Airflow's `Task` object, built from the task's
 * definition in the DAG's current version. Updraft tasks inherit owner, dates and params from
 * their DAG, have no queue or executor of their own, and are never mapped or sub-DAGs.
 *
 * @module
 */

import { z } from "zod";
import {
  type DagDefinition,
  formatIso,
  type JsonObject,
  type TaskDefinition,
  TRIGGER_RULES,
  WEIGHT_RULES,
} from "../../core/mod.ts";
import { TimeDeltaSchema } from "./_dag_dto.ts";
import { DEFAULT_QUEUE } from "./_task_instance_dto.ts";
import { JsonObjectSchema, named, nullableDateTimeText } from "./_schemas.ts";

/** Where an operator's class lives, as Airflow names it. */
export const ClassReferenceSchema = named(
  "ClassReference",
  z.object({ class_name: z.string(), module_path: z.string() }),
);

/** The Task object. `sub_dag` is left out: it is always empty, and Airflow's schema forbids null. */
export const TaskSchema = named(
  "Task",
  z.object({
    class_ref: ClassReferenceSchema,
    operator_name: z.string(),
    task_id: z.string(),
    task_display_name: z.string(),
    owner: z.string(),
    start_date: nullableDateTimeText(),
    end_date: nullableDateTimeText(),
    trigger_rule: z.enum(TRIGGER_RULES),
    extra_links: z.array(z.object({ class_ref: ClassReferenceSchema })),
    depends_on_past: z.boolean(),
    wait_for_downstream: z.boolean(),
    retries: z.number().int(),
    queue: z.string().nullable(),
    executor: z.string().nullable(),
    pool: z.string(),
    pool_slots: z.number().int(),
    execution_timeout: TimeDeltaSchema.nullable(),
    retry_delay: TimeDeltaSchema,
    retry_exponential_backoff: z.boolean(),
    priority_weight: z.number().int(),
    weight_rule: z.enum(WEIGHT_RULES),
    ui_color: z.string(),
    ui_fgcolor: z.string(),
    template_fields: z.array(z.string()),
    downstream_task_ids: z.array(z.string()),
    params: JsonObjectSchema,
    is_mapped: z.boolean(),
    doc_md: z.string().nullable(),
  }),
);

/** The tasks of a DAG. */
export const TaskCollectionSchema = named(
  "TaskCollection",
  z.object({ tasks: z.array(TaskSchema), total_entries: z.number().int() }),
);

/** The Task object's type. */
export type TaskDto = z.infer<typeof TaskSchema>;

/** Fields `GET /dags/{dag_id}/tasks` can order by (`-` for descending). */
export const TASK_ORDER_FIELDS = [
  "task_id",
  "task_display_name",
  "operator_name",
  "owner",
  "start_date",
  "end_date",
  "trigger_rule",
  "depends_on_past",
  "wait_for_downstream",
  "retries",
  "queue",
  "pool",
  "pool_slots",
  "execution_timeout",
  "retry_delay",
  "retry_exponential_backoff",
  "priority_weight",
  "weight_rule",
  "is_mapped",
] as const;

/** Background colours of Airflow's matching operators, so the graph looks familiar. */
const UI_COLORS: Record<string, string> = {
  bash: "#f0ede4",
  empty: "#e8f7e4",
  function: "#ffefeb",
};

/** Map one task of a DAG definition to the API's Task object. */
export function toTaskDto(definition: DagDefinition, task: TaskDefinition): TaskDto {
  return {
    class_ref: { class_name: className(task.operator), module_path: "updraft" },
    operator_name: task.operator,
    task_id: task.taskId,
    task_display_name: task.taskId,
    owner: definition.owner,
    start_date: definition.startDate === null ? null : formatIso(definition.startDate),
    end_date: definition.endDate === null ? null : formatIso(definition.endDate),
    trigger_rule: task.triggerRule,
    extra_links: [],
    depends_on_past: task.dependsOnPast,
    wait_for_downstream: task.waitForDownstream,
    retries: task.retries,
    queue: DEFAULT_QUEUE,
    executor: null,
    pool: task.pool,
    pool_slots: task.poolSlots,
    execution_timeout: task.executionTimeoutMs === null ? null : timeDelta(task.executionTimeoutMs),
    retry_delay: timeDelta(task.retryDelayMs),
    retry_exponential_backoff: task.retryExponentialBackoff,
    priority_weight: task.priorityWeight,
    weight_rule: task.weightRule,
    ui_color: UI_COLORS[task.kind] ?? "#fff",
    ui_fgcolor: "#000",
    template_fields: Object.keys(task.templateFields),
    downstream_task_ids: definition.tasks
      .filter((other) => other.upstream.includes(task.taskId))
      .map((other) => other.taskId)
      .sort(),
    params: dumpParams(definition.params),
    is_mapped: false,
    doc_md: task.doc,
  };
}

/** A duration as Python's timedelta, the way Airflow's API writes it. */
export function timeDelta(ms: number): z.infer<typeof TimeDeltaSchema> {
  const total = Math.round(ms);
  return {
    __type: "TimeDelta",
    days: Math.floor(total / 86_400_000),
    seconds: Math.floor((total % 86_400_000) / 1000),
    microseconds: (total % 1000) * 1000,
  };
}

/** Params as Airflow dumps them: each value wrapped as a `Param` without schema. */
export function dumpParams(params: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(params).map((
      [name, value],
    ) => [name, {
      __class: "airflow.models.param.Param",
      value,
      description: null,
      schema: {},
    }]),
  );
}

/** `bash` → `BashOperator`; names that already say what they are stay as they are. */
function className(operator: string): string {
  const pascal = operator.charAt(0).toUpperCase() + operator.slice(1);
  return /(Operator|Sensor)$/.test(pascal) ? pascal : `${pascal}Operator`;
}

/** Sort tasks by a Task field (`-` prefix for descending); ties keep definition order. */
export function sortTasks(tasks: TaskDto[], orderBy: string): TaskDto[] {
  const descending = orderBy.startsWith("-");
  const field = (descending ? orderBy.slice(1) : orderBy) as keyof TaskDto;
  const keyOf = (task: TaskDto): string | number | null => {
    const value = task[field];
    if (value === null || value === undefined) return null;
    if (typeof value === "object" && "__type" in value) {
      const delta = value as z.infer<typeof TimeDeltaSchema>;
      return delta.days * 86_400 + delta.seconds + delta.microseconds / 1e6;
    }
    return typeof value === "boolean" ? Number(value) : value as string | number;
  };
  const compare = (left: TaskDto, right: TaskDto) => {
    const [a, b] = [keyOf(left), keyOf(right)];
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  };
  return [...tasks].sort((left, right) => descending ? compare(right, left) : compare(left, right));
}
