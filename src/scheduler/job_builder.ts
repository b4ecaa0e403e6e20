/**
 * Building the self-contained job of one try: the pinned bundle, the context data, the XComs of
 * the task's upstream tasks and the variables its templates read. Tasks never touch the store.
 *
 * @module
 */

import {
  type DagRun,
  scheduleTicksAround,
  type TaskContextData,
  type TaskInstance,
  type XComValue,
} from "../core/mod.ts";
import type { TaskJob } from "../executor/mod.ts";
import type { Store } from "../store/mod.ts";
import type { DefinitionIndex } from "./definition_index.ts";

/** Builds jobs, caching bundles by DAG version. */
export class JobBuilder {
  readonly #store: Store;
  readonly #bundles = new Map<string, { hash: string; code: string }>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The job for the current try of `instance`. */
  async build(index: DefinitionIndex, run: DagRun, instance: TaskInstance): Promise<TaskJob> {
    const task = index.tasks.get(instance.taskId);
    if (!task) {
      throw new Error(
        `cannot run ${instance.dagId}.${instance.taskId}: the DAG version ${index.versionHash} has no such task`,
      );
    }
    const [bundle, xcoms, variables] = await Promise.all([
      this.#bundle(index.versionHash),
      this.#upstreamXComs(index, instance),
      this.#variables(task.variablesUsed),
    ]);
    return {
      key: {
        dagId: instance.dagId,
        runId: instance.runId,
        taskId: instance.taskId,
        mapIndex: instance.mapIndex,
      },
      tryNumber: instance.tryNumber,
      task,
      bundle,
      context: contextData(index, run, instance),
      xcoms,
      variables,
      executionTimeoutMs: task.executionTimeoutMs,
    };
  }

  async #bundle(versionHash: string): Promise<{ hash: string; code: string }> {
    const cached = this.#bundles.get(versionHash);
    if (cached) return cached;
    const version = await this.#store.getDagVersion(versionHash);
    const bundle = version ? await this.#store.getBundle(version.bundleHash) : null;
    if (!bundle) {
      throw new Error(`cannot run a task of DAG version ${versionHash}: its code is not stored`);
    }
    const entry = { hash: bundle.bundleHash, code: bundle.code };
    if (this.#bundles.size > 500) this.#bundles.clear();
    this.#bundles.set(versionHash, entry);
    return entry;
  }

  async #upstreamXComs(index: DefinitionIndex, instance: TaskInstance): Promise<XComValue[]> {
    const ancestors = index.graph.ancestors(instance.taskId);
    if (ancestors.size === 0) return [];
    const page = await this.#store.listXComs({
      dagId: instance.dagId,
      runId: instance.runId,
      limit: 100_000,
    });
    return page.items
      .filter((xcom) => ancestors.has(xcom.taskId))
      .map((xcom) => ({
        taskId: xcom.taskId,
        mapIndex: xcom.mapIndex,
        key: xcom.key,
        value: xcom.value,
      }));
  }

  async #variables(keys: string[]): Promise<Record<string, string>> {
    if (keys.length === 0) return {};
    const found = await this.#store.getVariables(keys);
    return Object.fromEntries(found.map((variable) => [variable.key, variable.value]));
  }
}

/** The context data of a try (facts 63–70). */
export function contextData(
  index: DefinitionIndex,
  run: DagRun,
  instance: TaskInstance,
): TaskContextData {
  const { definition } = index;
  const manual = run.externalTrigger || run.runType === "manual";
  const ticks = manual
    ? { prev: run.logicalDate, next: run.logicalDate }
    : scheduleTicksAround(definition, run.logicalDate, { dataInterval: run.dataInterval });
  return {
    dagId: run.dagId,
    runId: run.runId,
    taskId: instance.taskId,
    mapIndex: instance.mapIndex,
    tryNumber: instance.tryNumber,
    maxTries: instance.maxTries,
    runType: run.runType,
    externalTrigger: run.externalTrigger,
    logicalDate: run.logicalDate,
    dataIntervalStart: run.dataInterval.start,
    dataIntervalEnd: run.dataInterval.end,
    prevLogicalDate: ticks.prev,
    nextLogicalDate: ticks.next,
    runStartDate: run.startDate,
    params: { ...definition.params, ...run.conf },
    conf: run.conf,
    dag: {
      dagId: definition.dagId,
      owner: definition.owner,
      tags: definition.tags,
      fileloc: definition.fileloc,
      timezone: definition.timezone,
    },
  };
}
