/**
 * Marking task instances and whole runs success, failed or skipped (facts 131–132). Marking a
 * task clears its failed downstream tasks so they run again; marking a run settles all of it.
 *
 * @module
 */

import {
  type DagRun,
  isFinishedTaskState,
  type RunKey,
  type TaskInstance,
  type TaskInstanceState,
} from "../core/mod.ts";
import type { Store } from "../store/mod.ts";
import { ActionError } from "./action_error.ts";
import { clearSelected } from "./clear_task_instances.ts";
import {
  applyActionStep,
  expandTasks,
  loadRuns,
  type RunSelection,
  selectRuns,
  withRetries,
} from "./_selected_runs.ts";
import type { RunEntry } from "./working_state.ts";

/** The states a user may mark a task instance with. */
export type MarkableState = "success" | "failed" | "skipped";

/** What to mark. */
export interface MarkTasksRequest extends RunSelection {
  taskIds: string[];
  state: MarkableState;
  includeUpstream?: boolean;
  includeDownstream?: boolean;
  dryRun?: boolean;
  requestedBy?: string;
}

/** Mark task instances; returns those whose state changes (or would, on a dry run). */
export async function markTaskInstances(
  store: Store,
  request: MarkTasksRequest,
  now: number,
): Promise<TaskInstance[]> {
  if (request.taskIds.length === 0) {
    throw new ActionError("invalid", "cannot mark task instances: no task id given");
  }
  const runs = await selectRuns(store, request);
  return await withRetries(`marking tasks of DAG '${request.dagId}'`, async () => {
    const state = await loadRuns(store, runs);
    const marked: { entry: RunEntry; instance: TaskInstance }[] = [];
    for (const entry of state.runs.values()) {
      const unknown = request.taskIds.filter((id) => !entry.index.graph.has(id));
      if (unknown.length > 0) {
        throw new ActionError(
          "not_found",
          `cannot mark: DAG '${request.dagId}' (run ${entry.run.runId}) has no task ${
            unknown.join(", ")
          }`,
        );
      }
      const tasks = expandTasks(entry, request.taskIds, request);
      for (const instance of entry.instances.values()) {
        if (tasks.has(instance.taskId) && instance.state !== request.state) {
          marked.push({ entry, instance });
        }
      }
    }
    if (request.dryRun) return { done: true, value: marked.map(({ instance }) => instance) };
    const reason = `marked ${request.state} by ${request.requestedBy ?? "a user"}`;
    for (const { entry, instance } of marked) {
      state.moveTask(entry, instance, request.state, { at: now, reason });
    }
    clearSelected(state, failedDownstream(marked), {
      now,
      reason: `${reason}: failed downstream tasks cleared`,
      resetDagRuns: true,
    });
    const done = await applyActionStep(store, state.toStep());
    return { done, value: marked.map(({ instance }) => instance) };
  });
}

/** Fact 131: every failed or upstream_failed task downstream of a marked one, marked excepted. */
function failedDownstream(marked: { entry: RunEntry; instance: TaskInstance }[]) {
  const markedKeys = new Set(
    marked.map(({ entry, instance }) => `${entry.run.runId}/${instance.taskId}`),
  );
  const result = new Map<string, { entry: RunEntry; instance: TaskInstance }>();
  for (const { entry, instance } of marked) {
    for (const id of entry.index.graph.descendants(instance.taskId)) {
      const key = `${entry.run.runId}/${id}`;
      const downstream = entry.instances.get(id);
      if (markedKeys.has(key) || result.has(key) || !downstream) continue;
      if (downstream.state === "failed" || downstream.state === "upstream_failed") {
        result.set(key, { entry, instance: downstream });
      }
    }
  }
  return [...result.values()];
}

const FAIL_RUNNING: ReadonlySet<TaskInstanceState> = new Set([
  "running",
  "queued",
  "deferred",
  "up_for_reschedule",
  "restarting",
]);

/**
 * Mark a whole run (fact 132): `success` marks every task not yet successful; `failed` fails
 * executing tasks and skips the other unfinished ones; `queued` only changes the run.
 */
export async function markDagRun(
  store: Store,
  key: RunKey & { state: "success" | "failed" | "queued"; requestedBy?: string },
  now: number,
): Promise<DagRun> {
  const run = await store.getDagRun(key);
  if (!run) {
    throw new ActionError("not_found", `DAG run '${key.runId}' of '${key.dagId}' was not found`);
  }
  return await withRetries(`marking run '${key.runId}'`, async () => {
    const state = await loadRuns(store, [run]);
    const entry = [...state.runs.values()][0];
    if (!entry) throw new ActionError("not_found", `DAG run '${key.runId}' has no stored version`);
    const reason = `run marked ${key.state} by ${key.requestedBy ?? "a user"}`;
    if (entry.run.state === key.state) return { done: true, value: entry.run };
    for (const instance of entry.instances.values()) {
      if (key.state === "success" && instance.state !== "success") {
        state.moveTask(entry, instance, "success", { at: now, reason });
      } else if (key.state === "failed" && !isFinishedTaskState(instance.state)) {
        const to = FAIL_RUNNING.has(instance.state) ? "failed" : "skipped";
        state.moveTask(entry, instance, to, { at: now, reason });
      }
    }
    state.moveRun(entry, key.state, { at: now, reason });
    const done = await applyActionStep(store, state.toStep());
    return { done, value: entry.run };
  });
}
