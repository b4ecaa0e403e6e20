/**
 * Runs one try of a task, or one of its callbacks, inside a sandbox: find the task among the
 * bundle's exported DAGs, build its context, resolve its TaskFlow inputs, run it, collect XComs.
 *
 * @module
 */

import type {
  Connection,
  JsonObject,
  JsonValue,
  TaskContextData,
  TaskInput,
  XComValue,
} from "../../core/mod.ts";
import { type Dag, isDag } from "../dag.ts";
import type { TaskNode } from "../task_node.ts";
import { buildContext, checkedXCom } from "./context.ts";

/** One try to run, as the executor hands it to the sandbox. */
export interface RunTaskRequest {
  dagId: string;
  taskId: string;
  context: TaskContextData;
  /** Templated fields, rendered by the executor. */
  renderedFields: JsonObject;
  /** Upstream XComs of this run. */
  xcoms: XComValue[];
  /** The connections the task declared, resolved for this try (`ctx.connection(id)`). */
  connections?: Connection[];
  signal: AbortSignal;
}

/** Where the sandbox sends what the task logs. */
export interface SandboxHooks {
  log(line: string): void;
}

/** What a successful try produced. */
export interface RunTaskResult {
  /** `ctx.xcom.push` calls (the last push of a key wins), then `return_value`. */
  xcoms: { key: string; value: JsonValue }[];
  /** Branch tasks: the task ids chosen (each checked to exist in the DAG). */
  followed?: string[];
  /** Short-circuit tasks: whether the result was truthy. */
  proceed?: boolean;
}

/** A callback to run: the try's request plus which callback and the error that ended the try. */
export type RunCallbackRequest = RunTaskRequest & {
  kind: "onSuccess" | "onFailure" | "onRetry";
  error: string | null;
};

/** The exported DAGs of a bundle, each once, in export order. */
export function exportedDags(moduleExports: Record<string, unknown>): Dag[] {
  return [...new Set(Object.values(moduleExports).filter(isDag))];
}

/** Find `dagId`/`taskId` among the exported DAGs; throws an Error naming what is missing. */
export function findTask(
  moduleExports: Record<string, unknown>,
  where: { dagId: string; taskId: string },
): TaskNode {
  const dag = exportedDags(moduleExports).find((candidate) => candidate.dagId === where.dagId);
  if (!dag) {
    throw new Error(
      `cannot run task "${where.taskId}": the DAG file does not export a DAG "${where.dagId}"`,
    );
  }
  const node = dag.getTask(where.taskId);
  if (!node) {
    throw new Error(`cannot run task "${where.taskId}": DAG "${where.dagId}" has no such task`);
  }
  return node;
}

/** Run one try of a task and return what it produced; throws what the task threw. */
export async function runTask(
  moduleExports: Record<string, unknown>,
  request: RunTaskRequest,
  hooks: SandboxHooks,
): Promise<RunTaskResult> {
  const node = findTask(moduleExports, request);
  const { ctx, pushed } = buildContext({
    context: request.context,
    xcoms: request.xcoms,
    fields: { ...node.allFields, ...request.renderedFields },
    signal: request.signal,
    connections: request.connections,
    log: (line) => hooks.log(line),
  });
  if (node.settings.kind === "empty") return { xcoms: [] };
  const run = node.run;
  if (!run) {
    throw new Error(
      `task "${node.taskId}" is a ${node.settings.operator} task: the executor runs it, not runTask()`,
    );
  }
  const inputs = (node.inputs ?? []).map((input) => resolveInput(input, request));
  const value = await run(ctx, ...inputs);
  const xcoms = [...pushed].map(([key, pushedValue]) => ({ key, value: pushedValue }));
  if (value !== undefined && value !== null) {
    xcoms.push({
      key: "return_value",
      value: checkedXCom(value, { taskId: node.taskId, key: "return_value" }),
    });
  }
  const result: RunTaskResult = { xcoms };
  if (node.settings.branch) result.followed = followedIds(node, value);
  if (node.settings.shortCircuit) result.proceed = isTruthy(value);
  return result;
}

/** Run a task's callback; a task without that callback does nothing. */
export async function runCallback(
  moduleExports: Record<string, unknown>,
  request: RunCallbackRequest,
  hooks: SandboxHooks,
): Promise<void> {
  const node = findTask(moduleExports, request);
  const callback = node.callbacks[request.kind];
  if (!callback) return;
  const { ctx } = buildContext({
    context: request.context,
    xcoms: request.xcoms,
    fields: { ...node.allFields, ...request.renderedFields },
    signal: request.signal,
    connections: request.connections,
    log: (line) => hooks.log(line),
  });
  await callback(ctx, request.error ?? undefined);
}

function resolveInput(input: TaskInput, request: RunTaskRequest): unknown {
  if (input.kind === "value") return structuredClone(input.value);
  const found = request.xcoms
    .filter((xcom) => xcom.taskId === input.taskId && xcom.key === input.key)
    .sort((first, second) => first.mapIndex - second.mapIndex);
  if (found.length === 0) {
    if (input.key === "return_value") return undefined;
    throw new Error(
      `task "${request.taskId}" takes XCom "${input.key}" of task "${input.taskId}" as input, ` +
        "but that task did not push it",
    );
  }
  if (found.every((xcom) => xcom.mapIndex < 0)) return structuredClone(found.at(-1)!.value);
  return found.map((xcom) => structuredClone(xcom.value));
}

function followedIds(node: TaskNode, value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const ids = Array.isArray(value) ? value : [value];
  for (const id of ids) {
    if (typeof id !== "string") {
      throw new TypeError(
        `branch task "${node.taskId}" must return a task id, a list of task ids or null; ` +
          `it returned ${JSON.stringify(value)}`,
      );
    }
    if (!node.dag.getTask(id)) {
      throw new Error(
        `branch task "${node.taskId}" chose "${id}", which is not a task of DAG "${node.dag.dagId}"`,
      );
    }
  }
  return [...new Set(ids as string[])];
}

/** Python-like truthiness (facts 89–91): empty lists and objects are falsy too. */
function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}
