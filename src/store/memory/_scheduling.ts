/**
 * What the scheduler reads from the in-memory store. Results share stored objects; the store
 * class copies them before handing them out.
 *
 * @module
 */

import type {
  ActiveRun,
  DagDefinition,
  PreviousRunStates,
  RunKey,
  SchedulingSnapshot,
  TaskInstance,
  XCom,
} from "../../core/mod.ts";
import { listIn, needsPreviousRun, SKIP_DECISION_KEY } from "../_store_rules.ts";
import { type MemoryState, runKey, type RunRow, type TaskRow } from "./_state.ts";
import { compareLists, compareText } from "./_ordering.ts";

/** Everything one scheduling step reads. */
export function loadSchedulingSnapshot(state: MemoryState): SchedulingSnapshot {
  const { tables } = state;
  const dags = [...tables.dags.values()]
    .filter((row) => row.record.isActive)
    .sort((a, b) => compareText(a.record.dagId, b.record.dagId))
    .map(({ record, revision }) => ({ record, revision }));
  const runRows = [...tables.runs.values()]
    .filter((row) => row.record.state === "queued" || row.record.state === "running")
    .sort((a, b) => {
      return compareLists(
        [a.record.dagId, a.record.logicalDate],
        [b.record.dagId, b.record.logicalDate],
      );
    });
  const definitions: Record<string, DagDefinition> = {};
  const hashes = [...dags.map((dag) => dag.record.versionHash)];
  hashes.push(...runRows.map((row) => row.record.versionHash));
  for (const hash of hashes) definitions[hash] = tables.versions.get(hash)!.definition;
  const byRun = groupByRun(state);
  const activeRuns = runRows.map((row) => runState(row, byRun));
  for (const active of activeRuns) {
    const run = active.run.record;
    if (!needsPreviousRun(definitions[run.versionHash])) continue;
    active.previousRun = {
      anyType: previousRunStates(state, run, false),
      nonManual: previousRunStates(state, run, true),
    };
  }
  const pools = [...tables.pools.values()].sort((a, b) => compareText(a.name, b.name));
  return { dags, definitions, activeRuns, pools };
}

/** One run with its task instances and skip decisions; null when absent. */
export function loadRunState(state: MemoryState, key: RunKey): ActiveRun | null {
  const row = state.tables.runs.get(runKey(key));
  return row === undefined ? null : runState(row, groupByRun(state, row.record));
}

/** Task instances and skip decisions grouped by run key (of one run, when given). */
type RunContents = Map<string, { tasks: TaskRow[]; skips: XCom[] }>;

function groupByRun(state: MemoryState, only?: RunKey): RunContents {
  const groups: RunContents = new Map();
  const group = (key: RunKey) => {
    const name = runKey(key);
    let contents = groups.get(name);
    if (contents === undefined) groups.set(name, contents = { tasks: [], skips: [] });
    return contents;
  };
  const wanted = (key: RunKey) => {
    return only === undefined || (key.dagId === only.dagId && key.runId === only.runId);
  };
  for (const row of state.tables.tasks.values()) {
    if (wanted(row.record)) group(row.record).tasks.push(row);
  }
  for (const xcom of state.tables.xcoms.values()) {
    if (xcom.key === SKIP_DECISION_KEY && wanted(xcom)) group(xcom).skips.push(xcom);
  }
  return groups;
}

function runState(row: RunRow, byRun: RunContents): ActiveRun {
  const contents = byRun.get(runKey(row.record));
  const taskInstances = [...contents?.tasks ?? []]
    .sort((a, b) => compareTaskOrder(a.record, b.record))
    .map(({ record, revision }) => ({ record, revision }));
  const skipDecisions = [...contents?.skips ?? []].sort(compareTaskOrder);
  return { run: { record: row.record, revision: row.revision }, taskInstances, skipDecisions };
}

function compareTaskOrder(
  a: Pick<TaskInstance, "taskId" | "mapIndex">,
  b: Pick<TaskInstance, "taskId" | "mapIndex">,
): number {
  return compareLists([a.taskId, a.mapIndex], [b.taskId, b.mapIndex]);
}

/** The latest run of `key.dagId` before `key.logicalDate`, with its task states. */
export function previousRunStates(
  state: MemoryState,
  key: { dagId: string; logicalDate: number },
  excludeManual: boolean,
): PreviousRunStates | null {
  let previous: RunRow | undefined;
  for (const row of state.tables.runs.values()) {
    const run = row.record;
    if (run.dagId !== key.dagId || run.logicalDate >= key.logicalDate) continue;
    if (excludeManual && run.runType === "manual") continue;
    if (previous === undefined || run.logicalDate > previous.record.logicalDate) previous = row;
  }
  if (previous === undefined) return null;
  const { runId, logicalDate } = previous.record;
  const result: PreviousRunStates = { runId, logicalDate, states: {} };
  const instances = [...state.tables.tasks.values()]
    .map((row) => row.record)
    .filter((record) => record.dagId === key.dagId && record.runId === runId)
    .sort(compareTaskOrder);
  for (const instance of instances) listIn(result.states, instance.taskId).push(instance.state);
  return result;
}

/** Task instances in `queued` or `running`, with revisions. */
export function listExecutingTaskInstances(state: MemoryState) {
  return [...state.tables.tasks.values()]
    .filter((row) => row.record.state === "queued" || row.record.state === "running")
    .sort((a, b) => {
      const left = a.record;
      const right = b.record;
      return compareLists(
        [left.dagId, left.runId, left.taskId, left.mapIndex],
        [right.dagId, right.runId, right.taskId, right.mapIndex],
      );
    })
    .map(({ record, revision }) => ({ instance: record, revision }));
}
