/**
 * Builders for this folder's tests: jobs with sensible defaults and hand-written DAG bundles
 * (ES modules that read the SDK from the global, as the real bundler emits them).
 *
 * @module
 */

import {
  type JsonObject,
  type Permissions,
  type TaskDefinition,
  taskDefinitionWith,
} from "../core/mod.ts";
import type { ExecutorEvent, TaskJob } from "./executor.ts";
import { ProcessExecutor, type ProcessExecutorOptions } from "./process_executor.ts";
import { readTaskLog } from "./task_log.ts";

let counter = 0;

/** A task definition with defaults; override what the test is about. */
export function testTask(overrides: Partial<TaskDefinition> = {}): TaskDefinition {
  return taskDefinitionWith(overrides.taskId ?? "work", overrides);
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
    connections: [],
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

/**
 * A DAG bundle with one DAG "example" and one TypeScript task (default "work") whose async body is
 * `body` (it sees `ctx`); `taskOptions` is spliced into the task's options object literal.
 */
export function taskBundle(
  body: string,
  options: { taskId?: string; taskOptions?: string } = {},
): string {
  const extra = options.taskOptions ? `, ${options.taskOptions}` : "";
  return `const { dag, task, FailTask, SkipTask } = globalThis[Symbol.for("updraft.modules")]["updraft"];
export default dag({ id: "example" }, () => {
  task({ id: ${JSON.stringify(options.taskId ?? "work")}${extra} }, async (ctx) => {
${body}
  });
});
`;
}

/** A running executor with helpers to run jobs and wait for their events. */
export interface TestExecutor {
  executor: ProcessExecutor;
  logsFolder: string;
  events: ExecutorEvent[];
  /** Dispatches a job and resolves with its `finished` event. */
  run(job: TaskJob): Promise<Extract<ExecutorEvent, { type: "finished" }>>;
  /** Resolves with the job's `started` event (dispatch it first). */
  started(job: TaskJob): Promise<Extract<ExecutorEvent, { type: "started" }>>;
  /** Polls the try's log until it contains `text` (real work finishing, not timing). */
  waitForLog(job: TaskJob, text: string): Promise<string>;
  /** Reads the try's log. */
  log(job: TaskJob): Promise<string>;
  close(): Promise<void>;
}

/** Starts a `ProcessExecutor` writing logs to a fresh temp folder. */
export async function startTestExecutor(
  options: Omit<ProcessExecutorOptions, "logsFolder"> = {},
): Promise<TestExecutor> {
  const logsFolder = await Deno.makeTempDir({ prefix: "updraft-executor-test-" });
  const executor = new ProcessExecutor({ logsFolder, ...options });
  const events: ExecutorEvent[] = [];
  const waiters: {
    match: (event: ExecutorEvent) => boolean;
    resolve: (e: ExecutorEvent) => void;
  }[] = [];
  executor.onEvent((event) => {
    events.push(event);
    for (const waiter of waiters.filter((candidate) => candidate.match(event))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  const waitFor = <T extends ExecutorEvent["type"]>(job: TaskJob, type: T) =>
    new Promise<Extract<ExecutorEvent, { type: T }>>((resolve) => {
      const match = (event: ExecutorEvent) =>
        event.type === type && event.key.runId === job.key.runId &&
        event.key.taskId === job.key.taskId && event.tryNumber === job.tryNumber;
      const seen = events.find(match);
      if (seen) resolve(seen as Extract<ExecutorEvent, { type: T }>);
      else waiters.push({ match, resolve: resolve as (event: ExecutorEvent) => void });
    });
  const log = async (job: TaskJob) =>
    (await readTaskLog(logsFolder, job.key, job.tryNumber))?.content ?? "";
  return {
    executor,
    logsFolder,
    events,
    run: (job) => {
      const finished = waitFor(job, "finished");
      executor.dispatch(job);
      return finished;
    },
    started: (job) => waitFor(job, "started"),
    log,
    waitForLog: async (job, text) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const content = await log(job);
        if (content.includes(text)) return content;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`The log of ${job.key.taskId} never contained "${text}":\n${await log(job)}`);
    },
    close: async () => {
      await executor.close();
      await Deno.remove(logsFolder, { recursive: true });
    },
  };
}
