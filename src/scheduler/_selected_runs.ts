/**
 * Loading the runs a clear or mark acts on into a working state, so those actions make their
 * changes through the same state machines and the same revision-checked step as the planner.
 *
 * @module
 */

import type { ActiveRun, DagDefinition, DagRun, SchedulingStep } from "../core/mod.ts";
import type { Store } from "../store/mod.ts";
import { ActionError } from "./action_error.ts";
import { DefinitionIndexCache } from "./definition_index.ts";
import { type RunEntry, WorkingState } from "./working_state.ts";

/** Which runs of a DAG an action covers (facts 127, 151). */
export interface RunSelection {
  dagId: string;
  /** The runs asked for; all runs when absent and no logical-date range is given. */
  runIds?: string[];
  logicalDate?: { gte?: number; lte?: number };
  /** Also every earlier run. */
  includePast?: boolean;
  /** Also every later run. */
  includeFuture?: boolean;
}

/** The runs a selection covers, oldest first. */
export async function selectRuns(store: Store, selection: RunSelection): Promise<DagRun[]> {
  const dag = await store.getDag(selection.dagId);
  if (!dag) throw new ActionError("not_found", `DAG '${selection.dagId}' was not found`);
  const all = (await store.listDagRuns({
    dagIds: [selection.dagId],
    limit: 1_000_000,
    orderBy: "execution_date",
  })).items;
  let base = all;
  if (selection.runIds) {
    const wanted = new Set(selection.runIds);
    base = all.filter((run) => wanted.has(run.runId));
    const missing = selection.runIds.filter((id) => !base.some((run) => run.runId === id));
    if (missing.length > 0) {
      throw new ActionError(
        "not_found",
        `DAG '${selection.dagId}' has no run ${missing.map((id) => `'${id}'`).join(", ")}`,
      );
    }
  } else if (selection.logicalDate) {
    const { gte = -Infinity, lte = Infinity } = selection.logicalDate;
    base = all.filter((run) => run.logicalDate >= gte && run.logicalDate <= lte);
  }
  if (base.length === 0) return [];
  const low = selection.includePast ? -Infinity : Math.min(...base.map((run) => run.logicalDate));
  const high = selection.includeFuture ? Infinity : Math.max(...base.map((run) => run.logicalDate));
  if (!selection.includePast && !selection.includeFuture) return base;
  return all.filter((run) => run.logicalDate >= low && run.logicalDate <= high);
}

/** The given tasks with, when asked, everything upstream and downstream of them. */
export function expandTasks(
  entry: RunEntry,
  taskIds: readonly string[],
  options: { includeUpstream?: boolean; includeDownstream?: boolean },
): Set<string> {
  const graph = entry.index.graph;
  const tasks = new Set(taskIds.filter((id) => graph.has(id)));
  for (const id of [...tasks]) {
    if (options.includeUpstream) { for (const up of graph.ancestors(id)) tasks.add(up); }
    if (options.includeDownstream) { for (const down of graph.descendants(id)) tasks.add(down); }
  }
  return tasks;
}

/** Load the runs with their task instances into a working state. */
export async function loadRuns(store: Store, runs: DagRun[]): Promise<WorkingState> {
  const activeRuns: ActiveRun[] = [];
  const definitions: Record<string, DagDefinition> = {};
  for (const run of runs) {
    const loaded = await store.loadRunState(run);
    if (!loaded) continue;
    if (!definitions[run.versionHash]) {
      const version = await store.getDagVersion(run.versionHash);
      if (!version) continue;
      definitions[run.versionHash] = version.definition;
    }
    activeRuns.push(loaded);
  }
  return new WorkingState(
    { dags: [], definitions, activeRuns, pools: [] },
    new DefinitionIndexCache(),
  );
}

/** Write an action's step; a row changed meanwhile makes the whole action try again. */
export async function applyActionStep(store: Store, step: SchedulingStep): Promise<boolean> {
  const result = await store.applySchedulingStep(step);
  return result.conflicts === 0;
}

/** Run an action, retrying when something changed under it. */
export async function withRetries<T>(
  what: string,
  attempt: () => Promise<{ done: boolean; value: T }>,
): Promise<T> {
  for (let round = 0; round < 5; round++) {
    const { done, value } = await attempt();
    if (done) return value;
  }
  throw new ActionError(
    "conflict",
    `${what}: the task instances kept changing while this was applied; try again`,
  );
}
