/**
 * Building the self-contained job of one try: the pinned bundle, the context data, the XComs of
 * the task's upstream tasks, the variables its templates read and the connections it uses (with
 * their hosts added to its permissions). Tasks never touch the store.
 *
 * @module
 */

import {
  type Connection,
  connectionFromEnvironment,
  connectionPermissions,
  connectionVariableName,
  type DagRun,
  mergePermissions,
  scheduleTicksAround,
  type TaskContextData,
  type TaskDefinition,
  type TaskInstance,
  variableFromEnvironment,
  type XComValue,
} from "../core/mod.ts";
import type { TaskJob } from "../executor/mod.ts";
import type { Store } from "../store/mod.ts";
import type { DefinitionIndex } from "./definition_index.ts";
import { sensorContextData } from "./sensor_context.ts";

/** Options of {@link JobBuilder}. */
export interface JobBuilderOptions {
  /**
   * The environment `UPDRAFT_CONN_<ID>` and `UPDRAFT_VAR_<KEY>` are read from, before the store
   * (read at every build, so a changed variable counts); default: none.
   */
  environment?: () => Record<string, string>;
  /**
   * Where connections and variables are read instead of the run's store (`dags test` runs in a
   * scratch store but reads the real database's, as Airflow's does); default: the store.
   */
  secrets?: Pick<Store, "getConnection" | "getVariables">;
}

/** Builds jobs, caching bundles by DAG version. */
export class JobBuilder {
  readonly #store: Store;
  readonly #environment: () => Record<string, string>;
  readonly #secrets: Pick<Store, "getConnection" | "getVariables">;
  readonly #bundles = new Map<string, { hash: string; code: string }>();

  constructor(store: Store, options: JobBuilderOptions = {}) {
    this.#store = store;
    this.#environment = options.environment ?? (() => ({}));
    this.#secrets = options.secrets ?? store;
  }

  /** The job for the current try of `instance`. */
  async build(index: DefinitionIndex, run: DagRun, instance: TaskInstance): Promise<TaskJob> {
    const task = index.tasks.get(instance.taskId);
    if (!task) {
      throw new Error(
        `cannot run ${instance.dagId}.${instance.taskId}: the DAG version ${index.versionHash} has no such task`,
      );
    }
    const environment = this.#environment();
    const [bundle, xcoms, variables, connections, sensor] = await Promise.all([
      this.#bundle(index.versionHash),
      this.#upstreamXComs(index, instance),
      this.#variables(task.variablesUsed, environment),
      this.#connections(task, environment),
      sensorContextData(this.#store, task, run, instance),
    ]);
    return {
      key: {
        dagId: instance.dagId,
        runId: instance.runId,
        taskId: instance.taskId,
        mapIndex: instance.mapIndex,
      },
      tryNumber: instance.tryNumber,
      task: withConnectionPermissions(task, connections),
      bundle,
      context: sensor
        ? { ...contextData(index, run, instance), sensor }
        : contextData(index, run, instance),
      xcoms,
      variables,
      connections,
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

  async #variables(
    keys: string[],
    environment: Record<string, string>,
  ): Promise<Record<string, string>> {
    if (keys.length === 0) return {};
    const values: Record<string, string> = {};
    const fromStore: string[] = [];
    for (const key of keys) {
      const value = variableFromEnvironment(key, environment);
      if (value === null) fromStore.push(key);
      else values[key] = value;
    }
    if (fromStore.length === 0) return values;
    for (const variable of await this.#secrets.getVariables(fromStore)) {
      values[variable.key] = variable.value;
    }
    return values;
  }

  /** The task's connections, environment first; an unknown id fails the try, naming it. */
  async #connections(
    task: TaskDefinition,
    environment: Record<string, string>,
  ): Promise<Connection[]> {
    const ids = [...new Set([...(task.connections ?? []), ...(task.connectionsUsed ?? [])])];
    return await Promise.all(ids.map(async (connId) => {
      const found = connectionFromEnvironment(connId, environment) ??
        await this.#secrets.getConnection(connId);
      if (!found) {
        throw new Error(
          `task "${task.taskId}" uses the connection "${connId}", which does not exist: ` +
            `create it (updraft connections add ${connId} --conn-uri …, the dashboard's ` +
            `Admin → Connections) or set ${connectionVariableName(connId)}`,
        );
      }
      return found;
    }));
  }
}

/** The task with each declared connection's host (or database file) added to its permissions. */
function withConnectionPermissions(
  task: TaskDefinition,
  connections: Connection[],
): TaskDefinition {
  const declared = new Set(task.connections ?? []);
  const granted = connections.filter((connection) => declared.has(connection.connId));
  if (granted.length === 0) return task;
  const permissions = granted.reduce(
    (merged, connection) => mergePermissions(merged, connectionPermissions(connection)),
    task.permissions,
  );
  return { ...task, permissions };
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
