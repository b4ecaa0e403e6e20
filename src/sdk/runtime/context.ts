/**
 * Builds the `ctx` a task receives from the context data the scheduler sends with a job.
 *
 * @module
 */

import {
  type Connection,
  connectionExtraObject,
  ds,
  dsNodash,
  type JsonObject,
  type JsonValue,
  type TaskContextData,
  ts,
  type XComValue,
} from "../../core/mod.ts";
import { attachContextData } from "../_context_data.ts";
import { copyJson, findNonJson } from "../json.ts";
import type { TaskConnection, TaskContext } from "../types.ts";

/** What {@link buildContext} needs besides the context data. */
export interface ContextInput {
  context: TaskContextData;
  /** Upstream XComs of this run. */
  xcoms: XComValue[];
  /** The operator's fields, templated ones rendered. */
  fields: JsonObject;
  signal: AbortSignal;
  /** The connections the task declared, resolved for this try. */
  connections?: Connection[];
  /** Receives each line the task logs. */
  log(line: string): void;
}

/** The context of a try and the XComs it pushed, in push order (a re-push replaces). */
export interface BuiltContext {
  ctx: TaskContext;
  pushed: Map<string, JsonValue>;
}

/** Build `ctx` for one try. */
export function buildContext(input: ContextInput): BuiltContext {
  const data = input.context;
  const pushed = new Map<string, JsonValue>();
  const own = (): XComValue[] =>
    [...pushed].map(([key, value]) => ({
      taskId: data.taskId,
      mapIndex: data.mapIndex,
      key,
      value,
    }));
  const ctx: TaskContext = {
    dagId: data.dagId,
    runId: data.runId,
    taskId: data.taskId,
    mapIndex: data.mapIndex,
    tryNumber: data.tryNumber,
    maxTries: data.maxTries,
    logicalDate: new Date(data.logicalDate),
    ds: ds(data.logicalDate),
    dsNodash: dsNodash(data.logicalDate),
    ts: ts(data.logicalDate),
    dataIntervalStart: new Date(data.dataIntervalStart),
    dataIntervalEnd: new Date(data.dataIntervalEnd),
    params: structuredClone(data.params),
    conf: structuredClone(data.conf),
    runType: data.runType,
    externalTrigger: data.externalTrigger,
    xcom: {
      push(key: string, value: unknown): void {
        if (typeof key !== "string" || key === "") {
          throw new TypeError(`xcom.push() of task "${data.taskId}" needs a non-empty key`);
        }
        pushed.delete(key);
        pushed.set(key, checkedXCom(value, { taskId: data.taskId, key }));
      },
      pull:
        ((taskIds: string | string[], key = "return_value") =>
          pullXCom([...input.xcoms, ...own()], taskIds, key)) as TaskContext["xcom"]["pull"],
    },
    log(...args: unknown[]): void {
      for (const line of args.map(format).join(" ").split("\n")) input.log(line);
    },
    signal: input.signal,
    fields: structuredClone(input.fields),
    connection: connectionReader(data.taskId, input.connections ?? []),
  };
  attachContextData(ctx, data);
  return { ctx, pushed };
}

/** `ctx.connection(id)`: a fresh copy of a declared connection, `extra` parsed. */
function connectionReader(
  taskId: string,
  connections: Connection[],
): (connId: string) => TaskConnection {
  return (connId: string) => {
    const found = connections.find((connection) => connection.connId === connId);
    if (!found) {
      const declared = connections.map((connection) => `"${connection.connId}"`).join(", ");
      throw new Error(
        `task "${taskId}" cannot read connection "${connId}": it is not among the task's ` +
          `connections (${declared || "none"}); add it to the task's \`connections\` option`,
      );
    }
    const extra = connectionExtraObject(found.extra);
    if (found.extra && extra === null) {
      throw new Error(`connection "${connId}": its extra is not a JSON object`);
    }
    return {
      connId: found.connId,
      connType: found.connType,
      host: found.host,
      schema: found.schema,
      login: found.login,
      password: found.password,
      port: found.port,
      extra: (extra ?? {}) as JsonObject,
    };
  };
}

/** `value` as JSON; anything else is a TypeError naming the task, the key and the path. */
export function checkedXCom(value: unknown, where: { taskId: string; key: string }): JsonValue {
  const problem = findNonJson(value ?? null);
  if (problem) {
    throw new TypeError(
      `XCom "${where.key}" of task "${where.taskId}" must be JSON: ${
        problem.replace("$", "value")
      }`,
    );
  }
  return copyJson(value ?? null);
}

function pullXCom(
  xcoms: XComValue[],
  taskIds: string | string[],
  key: string,
): JsonValue | JsonValue[] | undefined {
  if (typeof taskIds === "string") {
    const found = matching(xcoms, taskIds, key);
    if (found.length === 0) return undefined;
    if (found.every((xcom) => xcom.mapIndex < 0)) return found[found.length - 1].value;
    return found.map((xcom) => xcom.value);
  }
  if (!Array.isArray(taskIds) || taskIds.some((id) => typeof id !== "string")) {
    throw new TypeError("xcom.pull() takes a task id or a list of task ids");
  }
  return taskIds.flatMap((taskId) => matching(xcoms, taskId, key).map((xcom) => xcom.value));
}

function matching(xcoms: XComValue[], taskId: string, key: string): XComValue[] {
  return xcoms
    .filter((xcom) => xcom.taskId === taskId && xcom.key === key)
    .sort((first, second) => first.mapIndex - second.mapIndex);
}

function format(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? String(value);
  const deno = (globalThis as { Deno?: { inspect?(value: unknown): string } }).Deno;
  if (deno?.inspect) return deno.inspect(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
