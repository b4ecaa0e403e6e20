/**
 * The zod schema of a `DagDefinition`: definitions come back from a sandbox, so they are checked
 * before anything trusts them — shape first, then the graph (ids unique, edges and inputs point
 * at tasks of the DAG, no cycle).
 *
 * @module
 */

import { z } from "zod";
import {
  type DagDefinition,
  findCycle,
  type JsonObject,
  type JsonValue,
  type Schedule,
  type TaskDefinition,
  type TaskInput,
  TRIGGER_RULES,
  WEIGHT_RULES,
} from "../core/mod.ts";

const id = z.string().regex(/^[A-Za-z0-9_.-]+$/).max(250);
const json: z.ZodType<JsonValue> = z.json();
const jsonObject: z.ZodType<JsonObject> = z.record(z.string(), json);
const milliseconds = z.number().int().nonnegative();
const strings = z.array(z.string());

const scheduleSchema: z.ZodType<Schedule> = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("cron"),
    expression: z.string().min(1),
    preset: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal("interval"), everyMs: z.number().int().positive() }),
  z.strictObject({ kind: z.literal("once") }),
  z.strictObject({ kind: z.literal("none") }),
]);

const inputSchema: z.ZodType<TaskInput> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("xcom"), taskId: id, key: z.string().min(1) }),
  z.strictObject({ kind: z.literal("value"), value: json }),
]);

const taskSchema: z.ZodType<TaskDefinition> = z.strictObject({
  taskId: id,
  operator: z.string().min(1),
  kind: z.enum(["function", "bash", "empty"]),
  upstream: z.array(id),
  triggerRule: z.enum(TRIGGER_RULES),
  retries: z.number().int().nonnegative(),
  retryDelayMs: milliseconds,
  retryExponentialBackoff: z.boolean(),
  maxRetryDelayMs: milliseconds.nullable(),
  executionTimeoutMs: milliseconds.nullable(),
  dependsOnPast: z.boolean(),
  waitForDownstream: z.boolean(),
  pool: z.string().min(1),
  poolSlots: z.number().int().min(1),
  priorityWeight: z.number().int(),
  weightRule: z.enum(WEIGHT_RULES),
  permissions: z.strictObject({
    net: strings.optional(),
    read: strings.optional(),
    write: strings.optional(),
    env: strings.optional(),
    run: strings.optional(),
  }),
  callbacks: z.strictObject({
    onFailure: z.boolean(),
    onSuccess: z.boolean(),
    onRetry: z.boolean(),
  }),
  branch: z.boolean(),
  shortCircuit: z.strictObject({ ignoreDownstreamTriggerRules: z.boolean() }).nullable(),
  templateFields: jsonObject,
  fields: jsonObject,
  inputs: z.array(inputSchema),
  variablesUsed: strings,
  connections: strings.default([]),
  connectionsUsed: strings.default([]),
  doc: z.string().nullable(),
});

/** The schema of one DAG definition (shape only; see {@link validateDefinitions}). */
export const dagDefinitionSchema: z.ZodType<DagDefinition> = z.strictObject({
  dagId: id,
  fileloc: z.string().min(1),
  description: z.string().nullable(),
  schedule: scheduleSchema,
  scheduleText: z.string().nullable(),
  startDate: z.number().int().nullable(),
  endDate: z.number().int().nullable(),
  timezone: z.string().min(1),
  catchup: z.boolean(),
  tags: strings,
  owner: z.string(),
  params: jsonObject,
  maxActiveRuns: z.number().int().positive().nullable(),
  maxActiveTasks: z.number().int().positive().nullable(),
  dagrunTimeoutMs: milliseconds.nullable(),
  isPausedUponCreation: z.boolean().nullable(),
  doc: z.string().nullable(),
  tasks: z.array(taskSchema),
});

/**
 * Check untrusted definitions of one file; returns them, or the first problem as a message
 * naming the DAG, the task and the field.
 */
export function validateDefinitions(
  value: unknown,
  fileloc: string,
): { ok: true; dags: DagDefinition[] } | { ok: false; message: string } {
  const parsed = z.array(dagDefinitionSchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `invalid DAG definition at ${describePath(value, issue.path)}: ${issue.message}`,
    };
  }
  const ids = new Set<string>();
  for (const dag of parsed.data) {
    if (dag.fileloc !== fileloc) {
      return {
        ok: false,
        message: `DAG "${dag.dagId}": fileloc is "${dag.fileloc}", expected "${fileloc}"`,
      };
    }
    if (ids.has(dag.dagId)) return { ok: false, message: `DAG "${dag.dagId}": duplicate DAG id` };
    ids.add(dag.dagId);
    const problem = graphProblem(dag);
    if (problem) return { ok: false, message: `DAG "${dag.dagId}", ${problem}` };
  }
  return { ok: true, dags: parsed.data };
}

function graphProblem(dag: DagDefinition): string | null {
  const taskIds = new Set<string>();
  for (const task of dag.tasks) {
    if (taskIds.has(task.taskId)) return `task "${task.taskId}": duplicate task id`;
    taskIds.add(task.taskId);
  }
  for (const task of dag.tasks) {
    for (const upstream of task.upstream) {
      if (!taskIds.has(upstream)) {
        return `task "${task.taskId}", upstream: unknown task "${upstream}"`;
      }
    }
    for (const input of task.inputs) {
      if (input.kind === "xcom" && !task.upstream.includes(input.taskId)) {
        return `task "${task.taskId}", inputs: task "${input.taskId}" is not upstream`;
      }
    }
  }
  const cycle = findCycle(dag.tasks);
  return cycle ? `the dependencies form a cycle: ${cycle.join(" → ")}` : null;
}

function describePath(value: unknown, path: PropertyKey[]): string {
  const parts: string[] = [];
  let current: unknown = value;
  for (const key of path) {
    const record = current as Record<PropertyKey, unknown> | undefined;
    if (typeof key === "number" && record && typeof record[key] === "object") {
      const item = record[key] as { dagId?: unknown; taskId?: unknown };
      const name = item?.dagId ?? item?.taskId;
      parts.push(typeof name === "string" ? `[${JSON.stringify(name)}]` : `[${key}]`);
    } else {
      parts.push(typeof key === "number" ? `[${key}]` : `.${String(key)}`);
    }
    current = record?.[key];
  }
  return parts.join("").replace(/^\./, "") || "the top level";
}
