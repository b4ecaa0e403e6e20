/**
 * What a sensor's try learns from the store, added to its job's context data: when its timeout
 * counts from (facts 95–96), and for the external task sensor the other DAG's states (tasks
 * never touch the store, so the scheduler looks them up for every attempt).
 *
 * @module
 */

import {
  type DagRun,
  externalTaskSensorFields,
  type ExternalTaskStates,
  type SensorContextData,
  sensorSettingsOf,
  type TaskDefinition,
  type TaskInstance,
} from "../core/mod.ts";
import type { Store } from "../store/mod.ts";

/** The sensor data of a try of `task`; undefined when the task is not a sensor. */
export async function sensorContextData(
  store: Store,
  task: TaskDefinition,
  run: DagRun,
  instance: TaskInstance,
): Promise<SensorContextData | undefined> {
  const settings = sensorSettingsOf(task);
  if (settings === null) return undefined;
  const [startedAt, external] = await Promise.all([
    settings.mode === "reschedule"
      ? firstPokeSinceClear(store, task, instance)
      : Promise.resolve(instance.startDate),
    externalStates(store, task, run),
  ]);
  return external === null ? { startedAt } : { startedAt, external };
}

/**
 * When the first poke of the first try since the last clear started (fact 96). A try continued
 * after a reschedule kept its start date (the state machine does not reset it), so for that first
 * try it is the instance's start date; for a later try it is the first time that try went to
 * `running`, from the recorded state changes. Null when this is that very first poke.
 */
async function firstPokeSinceClear(
  store: Store,
  task: TaskDefinition,
  instance: TaskInstance,
): Promise<number | null> {
  // A clear sets maxTries to tryNumber + retries (fact 80): the next try is the first since.
  const firstTry = instance.maxTries - task.retries + 1;
  if (instance.tryNumber <= firstTry) return instance.startDate;
  const changes = await store.listStateChanges({
    dagId: instance.dagId,
    runId: instance.runId,
    taskId: instance.taskId,
  });
  const starts = changes
    .filter((change) =>
      change.mapIndex === instance.mapIndex && change.to === "running" &&
      change.tryNumber === firstTry
    )
    .map((change) => change.at);
  return starts.length > 0 ? Math.min(...starts) : instance.startDate;
}

/** The watched states of an external task sensor; null for any other task. */
async function externalStates(
  store: Store,
  task: TaskDefinition,
  run: DagRun,
): Promise<ExternalTaskStates | null> {
  const fields = externalTaskSensorFields(task);
  if (fields === null) return null;
  const dagId = fields.externalDagId;
  const logicalDate = run.logicalDate - fields.executionDeltaMs;
  const [dag, runs] = await Promise.all([
    store.getDag(dagId),
    store.listDagRuns({ dagIds: [dagId], logicalDate: { gte: logicalDate, lte: logicalDate } }),
  ]);
  const found = runs.items.find((candidate) => candidate.logicalDate === logicalDate) ?? null;
  const watchesTasks = fields.externalTaskIds !== null || fields.externalTaskGroupId !== null;
  let tasks: ExternalTaskStates["tasks"] = [];
  if (found !== null && watchesTasks) {
    const page = await store.listTaskInstances({
      dagIds: [dagId],
      runIds: [found.runId],
      ...(fields.externalTaskIds !== null ? { taskIds: fields.externalTaskIds } : {}),
      limit: 100_000,
    });
    const prefix = `${fields.externalTaskGroupId}.`;
    tasks = page.items
      .filter((ti) => fields.externalTaskIds !== null || ti.taskId.startsWith(prefix))
      .map((ti) => ({ taskId: ti.taskId, mapIndex: ti.mapIndex, state: ti.state }));
  }
  return {
    dagId,
    logicalDate,
    dagExists: dag !== null && dag.dag.isActive,
    taskIds: dag?.definition.tasks.map((candidate) => candidate.taskId) ?? [],
    run: found === null ? null : { runId: found.runId, state: found.state },
    tasks,
  };
}
