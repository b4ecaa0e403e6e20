/**
 * What a sandbox host does with one job: render its templates, run it (Worker, bash or
 * nothing), enforce its timeout and the XCom size limit, write its log and report its events.
 *
 * @module
 */

import { type JsonObject, type JsonValue, maskJson, secretsOf } from "../core/mod.ts";
import type { CallbackJob, TaskJob, TryOutcome } from "./executor.ts";
import type { FromHost, HostSettings } from "./_protocol.ts";
import { describePermissions } from "./_permissions.ts";
import { runInSandbox, timeoutMessage } from "./_worker_run.ts";
import type { SandboxPool } from "./_sandbox_pool.ts";
import { runBash } from "./_bash_run.ts";
import { renderTemplateFields } from "./templates.ts";
import { TaskLog } from "./task_log.ts";
import { formatBytes, formatDuration } from "./_format.ts";

/** What a running job exposes to the host loop. */
export interface JobControl {
  stop(reason: string): void;
  readonly done: Promise<void>;
}

/** What jobs share inside one host. */
export interface HostJobEnvironment {
  settings: HostSettings;
  pool: SandboxPool;
  send: (message: FromHost) => void;
  /** The `data:` URL of a bundle sent earlier, by hash. */
  moduleUrl: (hash: string) => string | undefined;
  hostname: string;
  /** Marks the host tainted: a Worker was stopped mid-task and may still be running. */
  taint: () => void;
}

type XCom = { key: string; value: JsonValue };
type Finish = { outcome: TryOutcome; xcoms?: XCom[]; followed?: string[]; proceed?: boolean };

function describeKey(job: TaskJob): string {
  const mapped = job.key.mapIndex >= 0 ? `, map index ${job.key.mapIndex}` : "";
  return `task ${job.key.taskId} (DAG ${job.key.dagId}, run ${job.key.runId}${mapped})`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Checks every XCom against the size limit; the first one above it fails the try. */
function checkXComs(job: TaskJob, xcoms: XCom[], limit: number, log: TaskLog): string | null {
  const encoder = new TextEncoder();
  for (const xcom of xcoms) {
    const bytes = encoder.encode(JSON.stringify(xcom.value) ?? "null").length;
    log.write("executor", `XCom '${xcom.key}': ${formatBytes(bytes)}`);
    if (bytes > limit) {
      return `XCom '${xcom.key}' of task ${job.key.taskId} is ${formatBytes(bytes)}, above the ${
        formatBytes(limit)
      } limit (UPDRAFT_XCOM_MAX_BYTES)`;
    }
  }
  return null;
}

function skipExitCodes(job: TaskJob): number[] {
  const value = job.task.fields.skipOnExitCode;
  if (value === null) return [];
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.filter((code): code is number => typeof code === "number");
  return [99];
}

/** Runs one try of a task; reports `started` and `finished`. */
export function runTaskJob(id: number, job: TaskJob, environment: HostJobEnvironment): JobControl {
  const startedAt = Date.now();
  const log = new TaskLog(environment.settings.logsFolder, job.key, job.tryNumber);
  log.maskSecrets(secretsOf(job.connections ?? [], job.variables));
  let stopReason: string | null = null;
  let stopRun: ((reason: string) => void) | null = null;
  let renderedFields: JsonObject | null = null;
  const started = () =>
    environment.send({
      type: "started",
      id,
      at: Date.now(),
      renderedFields: renderedFields === null
        ? null
        : maskJson(renderedFields, (text) => log.masked(text)),
    });

  const execute = async (): Promise<Finish> => {
    log.write(
      "executor",
      `Starting try ${job.tryNumber} of ${describeKey(job)} on ${environment.hostname}, ` +
        `sandbox host pid ${Deno.pid}`,
    );
    try {
      renderedFields = renderTemplateFields(job.task.templateFields, job);
    } catch (error) {
      log.write("executor", errorMessage(error), "ERROR");
      return { outcome: { status: "failed", error: errorMessage(error), noRetry: false } };
    }
    if (stopReason !== null) {
      return { outcome: { status: "failed", error: stopReason, noRetry: false } };
    }
    if (job.task.kind === "empty") {
      log.write("executor", "Empty task: nothing to run");
      started();
      return { outcome: { status: "success" } };
    }
    if (job.task.kind === "bash") return await executeBash(renderedFields);
    return await executeFunction(renderedFields);
  };

  const executeBash = async (fields: JsonObject): Promise<Finish> => {
    const command = typeof fields.command === "string" ? fields.command : "";
    const env = Object.fromEntries(
      Object.entries((fields.env ?? {}) as JsonObject).map((
        [name, value],
      ) => [name, String(value)]),
    );
    log.write(
      "executor",
      "Sandbox: bash subprocess (not filesystem- or network-sandboxed; clean environment with " +
        `declared variables only: ${describePermissions({ env: job.task.permissions.env })})`,
    );
    log.write("executor", `Running command: ${command}`);
    const run = runBash({
      command,
      env,
      permissions: job.task.permissions,
      context: job.context,
      workRoot: environment.settings.workRoot,
      log,
      skipExitCodes: skipExitCodes(job),
    });
    stopRun = run.stop;
    started();
    const timeoutMs = job.executionTimeoutMs;
    const timer = timeoutMs === null
      ? null
      : setTimeout(() => run.stop(timeoutMessage(timeoutMs)), timeoutMs);
    const end = await run.done.finally(() => timer !== null && clearTimeout(timer));
    const pushes = job.task.fields.doXcomPush !== false && end.outcome.status === "success";
    return {
      outcome: end.outcome,
      xcoms: pushes ? [{ key: "return_value", value: end.lastLine }] : [],
    };
  };

  const executeFunction = async (fields: JsonObject): Promise<Finish> => {
    const moduleUrl = environment.moduleUrl(job.bundle.hash);
    if (moduleUrl === undefined) {
      const error = `The DAG bundle ${job.bundle.hash} never reached this sandbox host`;
      return { outcome: { status: "failed", error, noRetry: false } };
    }
    log.write(
      "executor",
      `Sandbox: Deno Worker; permissions granted: ${describePermissions(job.task.permissions)}`,
    );
    const run = runInSandbox(environment.pool, {
      permissions: job.task.permissions,
      message: {
        type: "run",
        mode: "task",
        moduleUrl,
        dagId: job.key.dagId,
        taskId: job.key.taskId,
        context: job.context,
        renderedFields: fields,
        xcoms: job.xcoms,
        connections: job.connections,
        error: null,
      },
      bundle: { hash: job.bundle.hash, url: moduleUrl },
      log,
      timeoutMs: job.executionTimeoutMs,
      onStarted: started,
      onStoppedWhileRunning: environment.taint,
    });
    stopRun = run.stop;
    const end = await run.done;
    if (end.kind === "outcome") return { outcome: end.outcome };
    return { outcome: { status: "success" }, ...end.result };
  };

  const done = execute().catch((error): Finish => ({
    outcome: {
      status: "failed",
      error: `The executor failed: ${errorMessage(error)}`,
      noRetry: false,
    },
  })).then((finish) => {
    let { outcome, xcoms = [] } = finish;
    if (outcome.status === "success") {
      const tooBig = checkXComs(job, xcoms, environment.settings.xcomMaxBytes, log);
      if (tooBig !== null) {
        outcome = { status: "failed", error: tooBig, noRetry: false };
        xcoms = [];
      }
    }
    const took = formatDuration(Date.now() - startedAt);
    if (outcome.status === "success") log.write("executor", `Task succeeded after ${took}`);
    else if (outcome.status === "skipped") {
      log.write("executor", `Task skipped after ${took}: ${outcome.reason}`);
    } else if (outcome.status === "reschedule") {
      const next = new Date(outcome.at).toISOString();
      log.write(
        "executor",
        `Sensor not done after ${took}: up for reschedule, next poke at ${next}`,
      );
    } else log.write("executor", `Task failed after ${took}: ${outcome.error}`, "ERROR");
    log.close();
    const mask = (text: string) => log.masked(text);
    environment.send({
      type: "finished",
      id,
      at: Date.now(),
      outcome: maskJson(outcome, mask),
      xcoms,
      ...(finish.followed !== undefined ? { followed: finish.followed } : {}),
      ...(finish.proceed !== undefined ? { proceed: finish.proceed } : {}),
      renderedFields: renderedFields === null ? null : maskJson(renderedFields, mask),
    });
  });
  const stop = (reason: string) => {
    if (stopReason !== null) return;
    stopReason = reason;
    stopRun?.(reason);
  };
  return { stop, done };
}

/** Runs a task's callback in a fresh sandbox; its output and failure go to the try's log. */
export function runCallbackJob(
  id: number,
  callback: CallbackJob,
  environment: HostJobEnvironment,
): JobControl {
  const job = callback.job;
  const log = new TaskLog(environment.settings.logsFolder, job.key, job.tryNumber);
  log.maskSecrets(secretsOf(job.connections ?? [], job.variables));
  let stopRun: ((reason: string) => void) | null = null;
  let stopReason: string | null = null;
  const execute = async (): Promise<TryOutcome> => {
    log.write("executor", `Running the ${callback.kind} callback of ${describeKey(job)}`);
    const moduleUrl = environment.moduleUrl(job.bundle.hash);
    if (moduleUrl === undefined) {
      return {
        status: "failed",
        error: `The DAG bundle ${job.bundle.hash} never reached this sandbox host`,
        noRetry: false,
      };
    }
    let fields = job.task.templateFields;
    try {
      fields = renderTemplateFields(fields, job);
    } catch {
      // The try already reported its template error; the callback sees the fields unrendered.
    }
    if (stopReason !== null) return { status: "failed", error: stopReason, noRetry: false };
    const run = runInSandbox(environment.pool, {
      permissions: job.task.permissions,
      message: {
        type: "run",
        mode: callback.kind,
        moduleUrl,
        dagId: job.key.dagId,
        taskId: job.key.taskId,
        context: job.context,
        renderedFields: fields,
        xcoms: job.xcoms,
        connections: job.connections,
        error: callback.error,
      },
      bundle: { hash: job.bundle.hash, url: moduleUrl },
      log,
      timeoutMs: job.executionTimeoutMs,
      onStarted: () =>
        environment.send({ type: "started", id, at: Date.now(), renderedFields: null }),
      onStoppedWhileRunning: environment.taint,
    });
    stopRun = run.stop;
    const end = await run.done;
    return end.kind === "outcome" ? end.outcome : { status: "success" };
  };
  const done = execute().catch((error): TryOutcome => ({
    status: "failed",
    error: errorMessage(error),
    noRetry: false,
  })).then((outcome) => {
    if (outcome.status === "failed") {
      log.write("executor", `The ${callback.kind} callback failed: ${outcome.error}`, "ERROR");
    } else log.write("executor", `The ${callback.kind} callback finished`);
    log.close();
    environment.send({
      type: "finished",
      id,
      at: Date.now(),
      outcome,
      xcoms: [],
      renderedFields: null,
    });
  });
  return {
    stop: (reason) => {
      stopReason ??= reason;
      stopRun?.(reason);
    },
    done,
  };
}
