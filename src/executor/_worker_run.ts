/**
 * Runs one task or callback in a sandbox Worker: waits for its result, enforces the execution
 * timeout, stops it on cancel, and turns a Worker that errs or dies into a failed outcome.
 *
 * @module
 */

import type { Permissions } from "../core/mod.ts";
import type { TryOutcome } from "./executor.ts";
import type { BundleRef, Sandbox, SandboxPool } from "./_sandbox_pool.ts";
import type { SandboxResult, ToSandbox } from "./_sandbox_messages.ts";
import type { TaskLog } from "./task_log.ts";
import { formatDuration } from "./_format.ts";

/** How long an aborted task may react to its signal before its Worker is terminated. */
const ABORT_GRACE_MS = 100;

/** The line a stopped try's log gets: its host is tainted (see `onStoppedWhileRunning`). */
export const STOPPED_SANDBOX_NOTE =
  "The sandbox was stopped; its host process will be replaced so a task that ignores the stop " +
  "cannot keep using CPU.";

/** How a sandbox run ended. */
export type SandboxRunEnd =
  | { kind: "result"; result: SandboxResult }
  | { kind: "outcome"; outcome: Exclude<TryOutcome, { status: "success" }> };

/** A task or callback running in a sandbox. */
export interface SandboxRun {
  /** Resolves once, with the result or why it failed. */
  readonly done: Promise<SandboxRunEnd>;
  /** Stops the run: aborts its signal, terminates its Worker, fails it with `reason`. */
  stop(reason: string): void;
}

/** Options of `runInSandbox`. */
export interface SandboxRunOptions {
  permissions: Permissions | undefined;
  message: Extract<ToSandbox, { type: "run" }>;
  /** The bundle the message runs; a sandbox prepared for it skips importing it. */
  bundle?: BundleRef;
  log: TaskLog;
  timeoutMs: number | null;
  /** Called when the sandbox is ready and the task is handed to it. */
  onStarted?: () => void;
  /**
   * Called when the run is stopped (timeout, cancel, shutdown) after the task was handed to its
   * Worker and before it reported an end. `Worker.terminate()` does not stop a thread stuck in a
   * busy loop, so the Worker may keep running: the host process must be replaced.
   */
  onStoppedWhileRunning?: () => void;
}

/** The message a timed-out try fails with (fact 79: retries apply). */
export function timeoutMessage(timeoutMs: number): string {
  return `Task exceeded its execution timeout of ${formatDuration(timeoutMs)}`;
}

/** Starts a run in a fresh sandbox from the pool. */
export function runInSandbox(pool: SandboxPool, options: SandboxRunOptions): SandboxRun {
  let settle: (end: SandboxRunEnd) => void = () => {};
  let settled = false;
  let sandbox: Sandbox | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let handedOver = false;
  const done = new Promise<SandboxRunEnd>((resolve) => {
    settle = (end) => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      resolve(end);
    };
  });
  const fail = (error: string): SandboxRunEnd => ({
    kind: "outcome",
    outcome: { status: "failed", error, noRetry: false },
  });
  const stop = (reason: string) => {
    if (settled) return;
    settle(fail(reason));
    const current = sandbox;
    if (current === null) return;
    if (handedOver) {
      options.log.write("executor", STOPPED_SANDBOX_NOTE, "WARNING");
      options.onStoppedWhileRunning?.();
    }
    current.worker.postMessage({ type: "abort", reason } satisfies ToSandbox);
    setTimeout(() => pool.kill(current), ABORT_GRACE_MS);
  };

  const start = async () => {
    const taken = pool.take(options.permissions, options.bundle);
    sandbox = taken;
    try {
      await taken.ready;
    } catch (error) {
      pool.kill(taken);
      settle(fail(error instanceof Error ? error.message : String(error)));
      return;
    }
    if (settled) return;
    taken.onMessage = (message) => {
      if (message.type === "log") options.log.write("task", message.line, message.level);
      else if (message.type === "result") settle({ kind: "result", result: message.result });
      else if (message.type === "outcome") settle({ kind: "outcome", outcome: message.outcome });
      else if (message.type === "exited") {
        settle(fail(`The sandbox ended before the task finished: ${message.detail}`));
      }
    };
    taken.onError = (message) => {
      options.log.write("executor", `The sandbox failed: ${message}`, "ERROR");
      settle(fail(`The sandbox failed: ${message}`));
      pool.kill(taken);
    };
    options.onStarted?.();
    if (options.timeoutMs !== null) {
      timer = setTimeout(() => stop(timeoutMessage(options.timeoutMs!)), options.timeoutMs);
    }
    handedOver = true;
    taken.worker.postMessage(options.message);
  };
  start().catch((error) => settle(fail(`The sandbox could not start: ${error}`)));
  done.then(() => {
    if (sandbox !== null && settled) pool.retire(sandbox);
  });
  return { done, stop };
}
