/**
 * Builders for this folder's tests: jobs with sensible defaults and hand-written DAG bundles
 * (ES modules that read the SDK from the global, as the real bundler emits them).
 *
 * @module
 */

import type { JsonObject, Permissions, TaskDefinition } from "../core/mod.ts";
import type { TaskJob } from "./executor.ts";

let counter = 0;

/** A task definition with defaults; override what the test is about. */
export function testTask(overrides: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    taskId: "work",
    operator: "task",
    kind: "function",
    upstream: [],
    triggerRule: "all_success",
    retries: 0,
    retryDelayMs: 300_000,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    dependsOnPast: false,
    waitForDownstream: false,
    pool: "default_pool",
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
    doc: null,
    ...overrides,
  };
}

/** Options of `testJob`. */
export interface TestJobOptions {
  taskId?: string;
  kind?: TaskDefinition["kind"];
  code?: string;
  permissions?: Permissions;
  templateFields?: JsonObject;
  timeoutMs?: number | null;
  task?: Partial<TaskDefinition>;
  job?: Partial<TaskJob>;
  runId?: string;
}

/** A job for one try, logical date 2024-01-03, with a unique run id unless given. */
export function testJob(options: TestJobOptions = {}): TaskJob {
  const taskId = options.taskId ?? "work";
  const runId = options.runId ?? `scheduled__test_${Date.now()}_${++counter}`;
  const code = options.code ?? "export default {};";
  const logicalDate = Date.UTC(2024, 0, 3);
  return {
    key: { dagId: "example", runId, taskId, mapIndex: -1 },
    tryNumber: 1,
    task: testTask({
      taskId,
      kind: options.kind ?? "function",
      operator: options.kind === "bash" ? "bash" : "task",
      permissions: options.permissions ?? {},
      templateFields: options.templateFields ?? {},
      ...options.task,
    }),
    bundle: { hash: hashOf(code), code },
    context: {
      dagId: "example",
      runId,
      taskId,
      mapIndex: -1,
      tryNumber: 1,
      maxTries: 0,
      runType: "scheduled",
      externalTrigger: false,
      logicalDate,
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate + 86_400_000,
      prevLogicalDate: logicalDate - 86_400_000,
      nextLogicalDate: logicalDate + 86_400_000,
      runStartDate: logicalDate + 86_400_000,
      params: { table: "users", limit: 10 },
      conf: {},
      dag: { dagId: "example", owner: "airflow", tags: [], fileloc: "example.ts", timezone: "UTC" },
    },
    xcoms: [],
    variables: {},
    executionTimeoutMs: options.timeoutMs ?? null,
    ...options.job,
  };
}

function hashOf(code: string): string {
  let hash = 0;
  for (let index = 0; index < code.length; index++) {
    hash = (Math.imul(hash, 31) + code.charCodeAt(index)) | 0;
  }
  return `test-${(hash >>> 0).toString(16)}-${code.length}`;
}
