/**
 * Runs a bash task as a subprocess of the sandbox host: `setsid bash -c <command>` in its own
 * process group, with a clean environment and a fresh working directory, its output streamed
 * into the try's log. Bash tasks are not filesystem- or network-sandboxed: only their
 * environment and working directory are controlled.
 *
 * @module
 */

import type { Permissions, TaskContextData } from "../core/mod.ts";
import type { TryOutcome } from "./executor.ts";
import { forEachLine } from "./_lines.ts";
import { isoformat } from "./_python_time.ts";
import type { TaskLog } from "./task_log.ts";

/** Time between SIGTERM and SIGKILL when a bash task is stopped. */
const KILL_GRACE_MS = 5000;
/** How long output is still read after bash exited and its process group was killed. */
const DRAIN_LIMIT_MS = 1000;
const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}) ?? "setsid";

/** Options of `runBash`. */
export interface BashRunOptions {
  command: string;
  /** The task's rendered `env`. */
  env: Record<string, string>;
  permissions: Permissions;
  context: TaskContextData;
  /** Where the per-try working directory is created; null: the OS temp dir. */
  workRoot: string | null;
  log: TaskLog;
  /** Exit codes that end the try as skipped (Airflow's `skip_on_exit_code`, default 99). */
  skipExitCodes: number[];
}

/** How a bash run ended: the outcome and the last line of stdout (Airflow's XCom). */
export interface BashRunEnd {
  outcome: TryOutcome;
  lastLine: string;
}

/** A running bash task. */
export interface BashRun {
  readonly done: Promise<BashRunEnd>;
  /** SIGTERM to the process group, SIGKILL after a grace; the try fails with `reason`. */
  stop(reason: string): void;
}

/** The environment of a bash task: declared variables only, plus the try's context. */
export function bashEnvironment(
  options: Pick<BashRunOptions, "env" | "permissions" | "context">,
  workingDirectory: string,
): Record<string, string> {
  const environment: Record<string, string> = {
    PATH: DEFAULT_PATH,
    HOME: workingDirectory,
    UPDRAFT_CTX_DAG_ID: options.context.dagId,
    UPDRAFT_CTX_TASK_ID: options.context.taskId,
    UPDRAFT_CTX_RUN_ID: options.context.runId,
    UPDRAFT_CTX_TRY_NUMBER: String(options.context.tryNumber),
    UPDRAFT_CTX_LOGICAL_DATE: isoformat(options.context.logicalDate),
  };
  for (const name of options.permissions.env ?? []) {
    const value = Deno.env.get(name);
    if (value !== undefined) environment[name] = value;
  }
  return { ...environment, ...options.env };
}

function killGroup(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Starts a bash task. */
export function runBash(options: BashRunOptions): BashRun {
  let stopReason: string | null = null;
  let child: Deno.ChildProcess | null = null;
  let killTimer: ReturnType<typeof setTimeout> | null = null;
  const stop = (reason: string) => {
    if (stopReason !== null) return;
    stopReason = reason;
    if (child === null) return;
    options.log.write("executor", `Stopping the bash command: ${reason}`, "WARNING");
    killGroup(child.pid, "SIGTERM");
    const pid = child.pid;
    killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  };
  const execute = async (workingDirectory: string): Promise<BashRunEnd> => {
    options.log.write("executor", `Working directory: ${workingDirectory}`);
    if (stopReason !== null) return { outcome: failed(stopReason), lastLine: "" };
    // The setsid program, not `detached: true`: Deno's detached spawn forks the whole host
    // process, which made 1000 `bash true` tasks take 2.5 s instead of 1.6 s (bench fanout1000).
    child = new Deno.Command(SETSID, {
      args: ["bash", "-c", options.command],
      cwd: workingDirectory,
      env: bashEnvironment(options, workingDirectory),
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const pid = child.pid;
    let lastLine = "";
    const readers = Promise.all([
      forEachLine(child.stdout, (line) => {
        lastLine = line.trimEnd();
        options.log.write("stdout", line);
      }),
      forEachLine(child.stderr, (line) => options.log.write("stderr", line)),
    ]);
    const status = await child.status;
    // Processes the command left behind belong to the try: end them with it.
    killGroup(pid, "SIGKILL");
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      readers,
      new Promise((resolve) => (drainTimer = setTimeout(resolve, DRAIN_LIMIT_MS))),
    ]);
    clearTimeout(drainTimer);
    const exit = status.signal ? `signal ${status.signal}` : `exit code ${status.code}`;
    options.log.write("executor", `Bash command ended with ${exit}`);
    if (stopReason !== null) return { outcome: failed(stopReason), lastLine };
    if (status.success) return { outcome: { status: "success" }, lastLine };
    if (!status.signal && options.skipExitCodes.includes(status.code)) {
      return {
        outcome: { status: "skipped", reason: `Bash command returned exit code ${status.code}` },
        lastLine,
      };
    }
    const reason = status.signal
      ? `Bash command was killed by signal ${status.signal}`
      : `Bash command failed with exit code ${status.code}`;
    return { outcome: failed(reason), lastLine };
  };
  const done = (async (): Promise<BashRunEnd> => {
    const workingDirectory = await Deno.makeTempDir({
      dir: options.workRoot ?? undefined,
      prefix: "updraft-try-",
    });
    try {
      return await execute(workingDirectory);
    } finally {
      if (killTimer !== null) clearTimeout(killTimer);
      await Deno.remove(workingDirectory, { recursive: true }).catch(() => {});
    }
  })();

  return { done, stop };
}

function failed(error: string): TryOutcome {
  return { status: "failed", error, noRetry: false };
}
