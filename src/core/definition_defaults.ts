/**
 * Airflow's defaults for what a DAG or task definition leaves out, and builders that fill them
 * in: one place for the values the SDK applies and tests and tools build definitions from.
 *
 * @module
 */

import type { DagDefinition, TaskDefinition } from "./definition.ts";

/** The pool tasks use unless they name another (fact 107). */
export const DEFAULT_POOL = "default_pool";

/** The wait before a retry unless a task sets one: 300 s (fact 71). */
export const DEFAULT_RETRY_DELAY_MS = 300_000;

/** A task definition with the defaults for everything `overrides` does not set. */
export function taskDefinitionWith(
  taskId: string,
  overrides: Partial<TaskDefinition> = {},
): TaskDefinition {
  return {
    taskId,
    operator: "task",
    kind: "function",
    triggerRule: "all_success",
    retries: 0,
    retryDelayMs: DEFAULT_RETRY_DELAY_MS,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    dependsOnPast: false,
    waitForDownstream: false,
    pool: DEFAULT_POOL,
    poolSlots: 1,
    priorityWeight: 1,
    weightRule: "downstream",
    permissions: {},
    callbacks: { onFailure: false, onSuccess: false, onRetry: false },
    branch: false,
    shortCircuit: null,
    templateFields: {},
    fields: {},
    inputs: [],
    variablesUsed: [],
    connections: [],
    connectionsUsed: [],
    doc: null,
    ...overrides,
    // The definition keeps upstream ids sorted, whatever order they were given in.
    upstream: [...(overrides.upstream ?? [])].sort(),
  };
}

/** A DAG definition (manual schedule, UTC, no catch-up) with `overrides` laid over it. */
export function dagDefinitionWith(
  dagId: string,
  tasks: TaskDefinition[],
  overrides: Partial<DagDefinition> = {},
): DagDefinition {
  return {
    dagId,
    fileloc: `${dagId}.ts`,
    description: null,
    schedule: { kind: "none" },
    scheduleText: null,
    startDate: null,
    endDate: null,
    timezone: "UTC",
    catchup: false,
    tags: [],
    owner: "updraft",
    params: {},
    maxActiveRuns: null,
    maxActiveTasks: null,
    dagrunTimeoutMs: null,
    isPausedUponCreation: null,
    doc: null,
    tasks,
    ...overrides,
  };
}
