/**
 * Clearing task instances so they run again (facts 127–130): a running one goes to
 * `restarting` (its try is stopped), any other to no state with a fresh retry budget; finished
 * runs go back to `queued` when asked to.
 *
 * @module
 */

import type { TaskInstance, TaskInstanceState } from "../core/mod.ts";
import { ActionError } from "./action_error.ts";
import {
  applyActionStep,
  expandTasks,
  loadRuns,
  type RunSelection,
  selectRuns,
  withRetries,
} from "./_selected_runs.ts";
import type { Store } from "../store/mod.ts";
import type { RunEntry, WorkingState } from "./working_state.ts";

/** What to clear. */
export interface ClearRequest extends RunSelection {
  /** The tasks to clear; all tasks when absent. */
  taskIds?: string[];
  /** Only `failed` and `upstream_failed` instances. */
  onlyFailed?: boolean;
  /** Only `running` instances. */
  onlyRunning?: boolean;
  includeUpstream?: boolean;
  includeDownstream?: boolean;
  /** Whether finished runs go back to `queued` (fact 128); the REST API defaults to false. */
  resetDagRuns?: boolean;
  /** List what would be cleared, change nothing. */
  dryRun?: boolean;
  /** Who asked, for the record. */
  requestedBy?: string;
}

const RESTART_FROM: ReadonlySet<TaskInstanceState> = new Set(["queued", "running", "deferred"]);

/** Clear task instances; returns the instances cleared (or that would be, on a dry run). */
export async function clearTaskInstances(
  store: Store,
  request: ClearRequest,
  now: number,
): Promise<TaskInstance[]> {
  if (request.onlyFailed && request.onlyRunning) {
    throw new ActionError("invalid", "cannot clear: only_failed and only_running are exclusive");
  }
  const runs = await selectRuns(store, request);
  return await withRetries(`clearing tasks of DAG '${request.dagId}'`, async () => {
    const state = await loadRuns(store, runs);
    const selected: { entry: RunEntry; instance: TaskInstance }[] = [];
    for (const entry of state.runs.values()) {
      const tasks = expandTasks(entry, request.taskIds ?? [...entry.index.tasks.keys()], request);
      for (const instance of entry.instances.values()) {
        if (tasks.has(instance.taskId) && wanted(instance.state, request)) {
          selected.push({ entry, instance });
        }
      }
    }
    if (request.dryRun) return { done: true, value: selected.map(({ instance }) => instance) };
    const reason = `cleared by ${request.requestedBy ?? "a user"}`;
    clearSelected(state, selected, { now, reason, resetDagRuns: request.resetDagRuns ?? true });
    const done = await applyActionStep(store, state.toStep());
    return { done, value: selected.map(({ instance }) => instance) };
  });
}

/** Clear the given instances in a working state; shared with marking (fact 131). */
export function clearSelected(
  state: WorkingState,
  selected: { entry: RunEntry; instance: TaskInstance }[],
  options: { now: number; reason: string; resetDagRuns: boolean },
): void {
  const touched = new Set<RunEntry>();
  for (const { entry, instance } of selected) {
    const retries = entry.index.tasks.get(instance.taskId)?.retries ?? 0;
    if (RESTART_FROM.has(instance.state)) {
      state.moveTask(entry, instance, "restarting", { at: options.now, reason: options.reason });
    } else if (instance.state !== null && instance.state !== "restarting") {
      state.moveTask(entry, instance, null, {
        at: options.now,
        reason: options.reason,
        maxTries: instance.tryNumber + retries,
      });
    } else {
      continue;
    }
    touched.add(entry);
  }
  if (!options.resetDagRuns) return;
  for (const entry of touched) {
    if (entry.run.state === "success" || entry.run.state === "failed") {
      state.moveRun(entry, "queued", { at: options.now, reason: `${options.reason}: run again` });
    }
  }
}

function wanted(state: TaskInstanceState, request: ClearRequest): boolean {
  if (request.onlyFailed) return state === "failed" || state === "upstream_failed";
  if (request.onlyRunning) return state === "running";
  return true;
}
