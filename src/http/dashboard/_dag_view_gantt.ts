/**
 * The Gantt chart's data: each try of each task instance of one run, with when it was queued,
 * started and ended. Earlier tries come from the run's state history; the current try from the
 * task instance itself.
 *
 * @module
 */

import type { DagRun, StateChange, TaskInstance, TaskInstanceState } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { GanttProps, GanttRow } from "../../../ui/dag/mod.ts";
import type { DagView } from "./_dag_view_context.ts";
import { definitionOf, orderedTaskIds } from "./_dag_view_tasks.ts";

/** States in which a try is still going (its bar ends at "now"). */
const ONGOING: ReadonlySet<TaskInstanceState> = new Set(["running", "deferred", "restarting"]);

/** The chart of the selected run (empty without one). */
export async function loadGantt(
  store: Store,
  view: DagView,
  options: { run: DagRun | null; liveUrl: string; now: number },
): Promise<GanttProps> {
  const { run } = options;
  const base = {
    dagId: view.dag.dagId,
    runId: run?.runId ?? null,
    liveUrl: options.liveUrl,
    now: options.now,
    selection: view.selection,
  };
  if (run === null) return { ...base, rows: [], notStarted: [] };
  const key = { dagId: run.dagId, runId: run.runId };
  const [instances, changes, version] = await Promise.all([
    store.listTaskInstances({ dagIds: [key.dagId], runIds: [key.runId], limit: 100_000 }),
    store.listStateChanges(key),
    definitionOf(store, view, run.versionHash),
  ]);
  const order = new Map(orderedTaskIds(version.definition).map((id, index) => [id, index]));
  const rows: GanttRow[] = [];
  const notStarted: GanttProps["notStarted"] = [];
  const history = triesFromHistory(changes);
  for (const instance of instances.items) {
    const tries = history.get(`${instance.taskId}/${instance.mapIndex}`) ?? new Map();
    const own = tries.get(instance.tryNumber);
    if (own) {
      // The current try's state is the instance's own while it is not over.
      if (own.endDate === null) own.state = instance.state;
    } else if (instance.startDate !== null) {
      tries.set(instance.tryNumber, currentTry(instance));
    }
    if (tries.size === 0) {
      notStarted.push({
        taskId: instance.taskId,
        mapIndex: instance.mapIndex,
        state: instance.state,
      });
      continue;
    }
    for (const row of tries.values()) rows.push({ ...row, retried: tries.size > 1 });
  }
  const position = (taskId: string) => order.get(taskId) ?? Number.MAX_SAFE_INTEGER;
  const compare = (a: { taskId: string; mapIndex: number }, b: typeof a) =>
    position(a.taskId) - position(b.taskId) || a.taskId.localeCompare(b.taskId) ||
    a.mapIndex - b.mapIndex;
  rows.sort((a, b) => compare(a, b) || a.tryNumber - b.tryNumber);
  notStarted.sort(compare);
  return { ...base, rows, notStarted };
}

function currentTry(instance: TaskInstance): Omit<GanttRow, "retried"> {
  const startDate = instance.startDate!;
  const ongoing = ONGOING.has(instance.state);
  return {
    taskId: instance.taskId,
    mapIndex: instance.mapIndex,
    tryNumber: instance.tryNumber,
    state: instance.state,
    queuedAt: instance.queuedAt !== null && instance.queuedAt <= startDate
      ? instance.queuedAt
      : null,
    startDate,
    endDate: ongoing ? null : instance.endDate ?? instance.updatedAt,
  };
}

/**
 * Tries that started, per task instance (`taskId/mapIndex`) and try number: queued at the first
 * move to `queued`, started at the first move to `running`, ended by the first move after it
 * (whose target is the try's outcome).
 */
function triesFromHistory(
  changes: StateChange[],
): Map<string, Map<number, Omit<GanttRow, "retried">>> {
  const result = new Map<string, Map<number, Omit<GanttRow, "retried">>>();
  const queued = new Map<string, number>();
  for (const change of changes) {
    if (change.taskId === null || change.tryNumber === null) continue;
    const instanceKey = `${change.taskId}/${change.mapIndex}`;
    const tryKey = `${instanceKey}/${change.tryNumber}`;
    let tries = result.get(instanceKey);
    const known = tries?.get(change.tryNumber);
    if (change.to === "queued" && !known && !queued.has(tryKey)) queued.set(tryKey, change.at);
    if (change.to === "running" && !known) {
      if (!tries) result.set(instanceKey, tries = new Map());
      tries.set(change.tryNumber, {
        taskId: change.taskId,
        mapIndex: change.mapIndex,
        tryNumber: change.tryNumber,
        state: "running",
        queuedAt: queued.get(tryKey) ?? null,
        startDate: change.at,
        endDate: null,
      });
    } else if (known && known.endDate === null && change.from === "running") {
      known.endDate = change.at;
      known.state = change.to as TaskInstanceState;
    }
  }
  return result;
}
