/**
 * The task instance pages' URLs, built in one place, and reading a task instance key from a
 * request.
 *
 * @module
 */

import type { TaskInstanceKey } from "../../core/mod.ts";
import { type DashboardRequest, PageError } from "./_page_router.ts";

/** The route of the panel page; the other routes add a suffix. */
export const TASK_INSTANCE_ROUTE = "/dags/:dagId/runs/:runId/tasks/:taskId";

/** The task instance a request names: path parameters plus `?map_index=` (default -1). */
export function taskInstanceKeyOf(request: DashboardRequest): TaskInstanceKey {
  const { dagId, runId, taskId } = request.params;
  const text = request.query.get("map_index") ?? request.form.map_index;
  return {
    dagId,
    runId,
    taskId,
    mapIndex: text === undefined || text === null || text === ""
      ? -1
      : integerOf(text, "map_index", -1),
  };
}

/** An integer query or path value of at least `minimum`; a 400 naming the field otherwise. */
export function integerOf(text: string, field: string, minimum: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < minimum) {
    throw new PageError(400, `${field} must be an integer of at least ${minimum}, got "${text}".`);
  }
  return value;
}
