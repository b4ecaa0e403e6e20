/**
 * `…/taskInstances/{task_id}/logs/{task_try_number}`: a try's log (fact 153), as JSON
 * `{continuation_token, content}` or as plain text, by the `Accept` header. The continuation
 * token is an opaque encoding of the byte offset to continue from.
 *
 * @module
 */

import { z } from "zod";
import { isFinishedTaskState, type TaskInstance } from "../../core/mod.ts";
import { preferredRepresentation } from "./_accept.ts";
import { queryBoolean } from "./_inputs.ts";
import { requireRun } from "./_lookups.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";

const LogPath = z.object({
  dag_id: z.string().min(1),
  dag_run_id: z.string().min(1),
  task_id: z.string().min(1),
  task_try_number: z.coerce.number({ error: "must be an integer" })
    .int({ error: "must be an integer" })
    .min(1, { error: "tries are numbered from 1" }),
});

const LogQuery = z.object({
  full_content: queryBoolean().optional(),
  map_index: z.coerce.number({ error: "must be an integer" }).int({ error: "must be an integer" })
    .optional(),
  token: z.string().optional(),
});

/** A chunk of a try's log and where to continue. */
export const TaskLogSchema = named(
  "TaskLog",
  z.object({ continuation_token: z.string(), content: z.string() }),
);

/** What a continuation token carries. */
export interface LogPosition {
  /** Byte offset to continue reading from. */
  log_pos: number;
  /** Whether the try had finished when the token was made. */
  end_of_log: boolean;
}

/** Encode a continuation token. */
export function encodeLogToken(position: LogPosition): string {
  return btoa(JSON.stringify(position)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Decode a continuation token; a token the API did not make is a 400. */
export function decodeLogToken(token: string): LogPosition {
  try {
    const value = JSON.parse(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
    if (Number.isSafeInteger(value?.log_pos) && value.log_pos >= 0) {
      return { log_pos: value.log_pos, end_of_log: value.end_of_log === true };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw new ApiProblem(400, "Bad Signature. Please use only the tokens provided by the API.");
}

/** Which representation of a log the `Accept` header prefers; null when it accepts neither. */
export const preferredLogType = preferredRepresentation;

/** Add the task log route. */
export function addTaskLogRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
    operationId: "get_log",
    summary: "Get the log of one try of a task instance",
    tag: "TaskInstance",
    access: { resource: "task_logs", action: "read" },
    params: LogPath,
    query: LogQuery,
    response: {
      status: 200,
      description: "The log from the token's position (or the start) to its last complete line.",
      schema: TaskLogSchema,
      text: true,
    },
    errors: [400, 404, 406],
    async handle({ params, query, context }) {
      const type = preferredLogType(context.req.header("accept"));
      if (type === null) {
        throw new ApiProblem(406, "logs are served as application/json or text/plain");
      }
      const run = await requireRun(store, { dagId: params.dag_id, runId: params.dag_run_id });
      const key = {
        dagId: run.dagId,
        runId: run.runId,
        taskId: params.task_id,
        mapIndex: query.map_index ?? -1,
      };
      const instance = await store.getTaskInstance(key);
      if (instance === null) {
        throw new ApiProblem(
          404,
          `Task instance ${key.taskId} (map index ${key.mapIndex}) not found in DAG run ${run.runId}`,
          { title: "TaskInstance not found" },
        );
      }
      const offset = query.full_content || query.token === undefined
        ? 0
        : decodeLogToken(query.token).log_pos;
      const chunk = await services.readLog(key, params.task_try_number, { offset });
      if (chunk === null) {
        throw new ApiProblem(
          404,
          `Task instance ${key.taskId} of run ${run.runId} has no log for try ${params.task_try_number}`,
          { title: "Log not found" },
        );
      }
      if (type === "text") {
        return new Response(chunk.content, {
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
      const token = encodeLogToken({
        log_pos: chunk.nextOffset,
        end_of_log: !isLive(instance, params.task_try_number),
      });
      return json({ continuation_token: token, content: chunk.content });
    },
  });
}

/** Whether the try may still write to its log. */
function isLive(instance: TaskInstance, tryNumber: number): boolean {
  return tryNumber === instance.tryNumber && !isFinishedTaskState(instance.state) &&
    instance.state !== "up_for_retry";
}
