/**
 * The code and details tabs' data: the DAG file's source as a run's version was parsed from it
 * (run → version → bundle), and what the current definition says.
 *
 * @module
 */

import type { DagRun, JsonObject, JsonValue, TaskDefinition } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { CodeProps, DetailsProps } from "../../../ui/dag/mod.ts";
import { PageError } from "./_page_router.ts";
import { type DagView, scheduleOf, timetableOf } from "./_dag_view_context.ts";

/** The source of the run's version (the current version without a run). */
export async function loadCode(
  store: Store,
  view: DagView,
  run: DagRun | null,
): Promise<CodeProps> {
  const dagId = view.dag.dagId;
  const versionHash = run?.versionHash ?? view.dag.versionHash;
  const version = await store.getDagVersion(versionHash);
  if (version === null) {
    throw new PageError(404, `The code of DAG '${dagId}' version ${versionHash} is not stored.`);
  }
  const bundle = await store.getBundle(version.bundleHash);
  if (bundle === null) {
    throw new PageError(
      404,
      `The file bundle ${version.bundleHash} of DAG '${dagId}' version ${versionHash} is not stored.`,
    );
  }
  return {
    dagId,
    fileloc: bundle.fileloc,
    source: bundle.source,
    versionHash,
    bundleHash: bundle.bundleHash,
    parsedAt: version.createdAt,
    runId: run?.runId ?? null,
    currentVersionHash: view.dag.versionHash,
  };
}

/** The details tab's props from the current definition. */
export function detailsOf(
  view: DagView,
  defaults: { maxActiveRuns: number; maxActiveTasks: number },
): DetailsProps {
  const { dag, definition } = view;
  return {
    dagId: dag.dagId,
    description: definition.description,
    doc: definition.doc,
    schedule: { ...scheduleOf(definition), timetable: timetableOf(definition.schedule) },
    timezone: definition.timezone,
    startDate: definition.startDate,
    endDate: definition.endDate,
    catchup: definition.catchup,
    maxActiveRuns: definition.maxActiveRuns ?? defaults.maxActiveRuns,
    maxActiveTasks: definition.maxActiveTasks ?? defaults.maxActiveTasks,
    dagrunTimeoutMs: definition.dagrunTimeoutMs,
    owners: [definition.owner],
    tags: definition.tags,
    params: definition.params,
    defaultArgs: sharedTaskSettings(definition.owner, definition.tasks),
    fileloc: dag.fileloc,
    lastParsedAt: dag.lastParsedAt,
    versionHash: dag.versionHash,
    isPaused: dag.isPaused,
    isActive: dag.isActive,
    taskCount: definition.tasks.length,
  };
}

/** Each `defaultArgs` option with how to read it off a task definition. */
const SETTINGS: [string, (task: TaskDefinition) => JsonValue][] = [
  ["retries", (task) => task.retries],
  ["retryDelay", (task) => durationText(task.retryDelayMs)],
  ["retryExponentialBackoff", (task) => task.retryExponentialBackoff],
  ["maxRetryDelay", (task) => durationText(task.maxRetryDelayMs)],
  ["executionTimeout", (task) => durationText(task.executionTimeoutMs)],
  ["triggerRule", (task) => task.triggerRule],
  ["dependsOnPast", (task) => task.dependsOnPast],
  ["waitForDownstream", (task) => task.waitForDownstream],
  ["pool", (task) => task.pool],
  ["poolSlots", (task) => task.poolSlots],
  ["priorityWeight", (task) => task.priorityWeight],
  ["weightRule", (task) => task.weightRule],
  ["permissions", (task) => task.permissions as JsonObject],
];

/**
 * The settings every task shares, named as `defaultArgs` options. Definitions keep each task's
 * settings with the DAG's `defaultArgs` applied, not the `defaultArgs` themselves.
 */
export function sharedTaskSettings(owner: string, tasks: TaskDefinition[]): JsonObject {
  const shared: JsonObject = { owner };
  if (tasks.length === 0) return shared;
  for (const [name, read] of SETTINGS) {
    const first = JSON.stringify(read(tasks[0]));
    if (tasks.every((task) => JSON.stringify(read(task)) === first)) {
      const value = read(tasks[0]);
      if (value !== null) shared[name] = value;
    }
  }
  return shared;
}

/** A duration as the SDK accepts it: "5m", "1h30m", "90s", "250ms"; null for none. */
export function durationText(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms === 0) return "0s";
  const units: [number, string][] = [[3_600_000, "h"], [60_000, "m"], [1_000, "s"], [1, "ms"]];
  let rest = ms;
  let text = "";
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
