/**
 * Notes users leave on runs and task instances (`…/setNote`). A note is no state, so it is
 * written as a revision-checked update of the row, retried when the scheduler changed the row
 * meanwhile.
 *
 * @module
 */

import {
  type DagRun,
  emptyStep,
  type RunKey,
  type TaskInstance,
  type TaskInstanceKey,
} from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { ApiProblem } from "./_problem.ts";

const ATTEMPTS = 5;

/** Set a run's note (null clears it); the run as stored now, or null when there is no run. */
export function setRunNote(store: Store, key: RunKey, note: string | null): Promise<DagRun | null> {
  return writeNote(store, key, (loaded) => {
    const run = { ...loaded.run.record, note };
    const step = {
      ...emptyStep(),
      runs: [{ run, expectedRevision: loaded.run.revision, changes: [] }],
    };
    return { step, value: run };
  });
}

/** Set a task instance's note; the instance as stored now, or null when there is none. */
export function setTaskInstanceNote(
  store: Store,
  key: TaskInstanceKey,
  note: string | null,
): Promise<TaskInstance | null> {
  return writeNote(store, key, (loaded) => {
    const found = loaded.taskInstances.find(({ record }) =>
      record.taskId === key.taskId && record.mapIndex === key.mapIndex
    );
    if (found === undefined) return null;
    const instance = { ...found.record, note };
    const step = {
      ...emptyStep(),
      taskInstances: [{ instance, expectedRevision: found.revision, changes: [] }],
    };
    return { step, value: instance };
  });
}

type Loaded = NonNullable<Awaited<ReturnType<Store["loadRunState"]>>>;

async function writeNote<T>(
  store: Store,
  key: RunKey,
  plan: (loaded: Loaded) => { step: ReturnType<typeof emptyStep>; value: T } | null,
): Promise<T | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const loaded = await store.loadRunState({ dagId: key.dagId, runId: key.runId });
    if (loaded === null) return null;
    const planned = plan(loaded);
    if (planned === null) return null;
    const result = await store.applySchedulingStep(planned.step);
    if (result.conflicts === 0) return planned.value;
  }
  throw new ApiProblem(
    409,
    `setting the note of ${key.dagId}/${key.runId} failed: the row kept changing; try again`,
  );
}
