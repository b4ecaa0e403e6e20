/**
 * One poke of the external task sensor over the states the scheduler looked up (Airflow 2.10's
 * `ExternalTaskSensor.poke`): fail if any watched state is failed, skip if any is skipped, done
 * when every watched task (or the run) is in an allowed state.
 *
 * @module
 */

import type { ExternalTaskStates } from "../../core/mod.ts";
import { SkipTask } from "../errors.ts";

/** The external task sensor's fields, normalized (what the task definition keeps). */
export interface ExternalPokeFields {
  externalDagId: string;
  externalTaskIds: string[] | null;
  externalTaskGroupId: string | null;
  allowedStates: string[];
  failedStates: string[];
  skippedStates: string[];
  executionDeltaMs: number;
  checkExistence: boolean;
}

/** Decide one poke: true when done, false when not yet; throws to fail or skip. */
export function pokeExternalStates(
  fields: ExternalPokeFields,
  states: ExternalTaskStates,
  options: { softFail: boolean; log: (line: string) => void },
): boolean {
  const dagId = fields.externalDagId;
  const date = new Date(states.logicalDate).toISOString();
  const what = fields.externalTaskIds !== null
    ? `tasks ${JSON.stringify(fields.externalTaskIds)} in DAG "${dagId}"`
    : fields.externalTaskGroupId !== null
    ? `task group "${fields.externalTaskGroupId}" in DAG "${dagId}"`
    : `DAG "${dagId}"`;
  options.log(`Poking for ${what} on ${date} ...`);
  if (fields.checkExistence) checkExistence(fields, states);
  const { any, all } = matcher(fields, states);
  if (any(fields.failedStates)) {
    const message = fields.externalTaskIds !== null
      ? `Some of the external tasks ${
        JSON.stringify(fields.externalTaskIds)
      } in DAG "${dagId}" failed.`
      : fields.externalTaskGroupId !== null
      ? `The external task group "${fields.externalTaskGroupId}" in DAG "${dagId}" failed.`
      : `The external DAG "${dagId}" failed.`;
    if (options.softFail) throw new SkipTask(`${message} Skipping due to softFail.`);
    throw new Error(message);
  }
  if (any(fields.skippedStates)) {
    throw new SkipTask(
      `The external ${what} reached a state in the skippedStates list. Skipping.`,
    );
  }
  return all(fields.allowedStates);
}

/**
 * Whether any, or all, of what is watched is in a list of states: the run's state for a whole
 * run; else the watched task instances (each watched task needs one, mapped ones all theirs).
 * Nothing is there while the run does not exist (Airflow counts 0).
 */
function matcher(fields: ExternalPokeFields, states: ExternalTaskStates) {
  const run = states.run;
  if (run === null) return { any: () => false, all: () => false };
  if (fields.externalTaskIds === null && fields.externalTaskGroupId === null) {
    return {
      any: (wanted: string[]) => wanted.includes(run.state),
      all: (wanted: string[]) => wanted.includes(run.state),
    };
  }
  const watched = watchedInstances(fields, states);
  const among = (wanted: string[]) => (instance: { state: string | null }) =>
    wanted.includes(instance.state ?? "none");
  // A group's tasks are those of the DAG's current version (else of the run) with its prefix.
  const prefix = `${fields.externalTaskGroupId}.`;
  const expected = fields.externalTaskIds ?? [
    ...new Set([...states.taskIds, ...watched.map((ti) => ti.taskId)]),
  ].filter((taskId) => taskId.startsWith(prefix));
  return {
    any: (wanted: string[]) => watched.some(among(wanted)),
    all: (wanted: string[]) =>
      expected.length > 0 && watched.every(among(wanted)) &&
      expected.every((id) => watched.some((ti) => ti.taskId === id)),
  };
}

function watchedInstances(fields: ExternalPokeFields, states: ExternalTaskStates) {
  if (fields.externalTaskIds !== null) {
    const ids = new Set(fields.externalTaskIds);
    return states.tasks.filter((instance) => ids.has(instance.taskId));
  }
  const prefix = `${fields.externalTaskGroupId}.`;
  return states.tasks.filter((instance) => instance.taskId.startsWith(prefix));
}

function checkExistence(fields: ExternalPokeFields, states: ExternalTaskStates): void {
  const dagId = fields.externalDagId;
  if (!states.dagExists) throw new Error(`The external DAG "${dagId}" does not exist.`);
  const known = new Set(states.taskIds);
  for (const taskId of fields.externalTaskIds ?? []) {
    if (!known.has(taskId)) {
      throw new Error(`The external task "${taskId}" in DAG "${dagId}" does not exist.`);
    }
  }
  const group = fields.externalTaskGroupId;
  if (group !== null && !states.taskIds.some((taskId) => taskId.startsWith(`${group}.`))) {
    throw new Error(`The external task group "${group}" in DAG "${dagId}" does not exist.`);
  }
}
