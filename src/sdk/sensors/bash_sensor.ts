/**
 * `bashSensor`: a bash command as a sensor, done when it exits 0 (Airflow's BashSensor). The
 * command runs from the task's sandbox Worker with `Deno.Command`, which the sensor allows by
 * adding `run: ["bash"]` to the task's permissions; like bash tasks, the command itself is not
 * filesystem- or network-sandboxed, only its environment and working folder are controlled.
 *
 * @module
 */

import { FailTask } from "../errors.ts";
import { fail, optionalStringList, show } from "../_checks.ts";
import { taskSubject } from "../_register.ts";
import type { TaskHandle } from "../task_handle.ts";
import type { TaskContext, TaskOptions } from "../types.ts";
import { defineSensor } from "./define.ts";
import type { SensorOptions } from "./_settings.ts";

/** Options of {@link bashSensor}. */
export interface BashSensorOptions extends TaskOptions, SensorOptions {
  /** The command, run with `bash -c` in a fresh folder; templated. Exit code 0: done. */
  command: string;
  /** Environment variables of the command (besides `PATH`, `HOME`, `UPDRAFT_CTX_*`); templated. */
  env?: Record<string, string>;
  /**
   * The exit code meaning "not yet"; any other non-zero code then fails the task without
   * retrying. Without it every non-zero exit code means "not yet".
   */
  retryExitCode?: number;
}

interface BashSensorFields {
  command: string;
  env: Record<string, string>;
  retryExitCode: number | null;
  /** Host variables the task may read (`permissions.env`), passed on like bash tasks do. */
  hostEnv: string[];
}

const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
/** How long output is still read after bash exited (a background process may hold the pipe). */
const DRAIN_LIMIT_MS = 1000;

/**
 * The script bash runs: the command in a fresh folder that is removed afterwards, with the
 * command's background jobs ended when it exits.
 */
function script(command: string): string {
  return [
    '__updraft_dir="$(mktemp -d "${TMPDIR:-/tmp}/updraft-sensor-XXXXXX")" || exit 1',
    'cd "$__updraft_dir" || exit 1',
    'export HOME="$__updraft_dir"',
    `trap 'jobs -p | xargs -r kill 2>/dev/null; cd / && rm -rf "$__updraft_dir"' EXIT`,
    command,
  ].join("\n");
}

function environment(ctx: TaskContext, fields: BashSensorFields): Record<string, string> {
  const variables: Record<string, string> = {
    PATH: DEFAULT_PATH,
    UPDRAFT_CTX_DAG_ID: ctx.dagId,
    UPDRAFT_CTX_TASK_ID: ctx.taskId,
    UPDRAFT_CTX_RUN_ID: ctx.runId,
    UPDRAFT_CTX_TRY_NUMBER: String(ctx.tryNumber),
    UPDRAFT_CTX_LOGICAL_DATE: ctx.ts,
  };
  for (const name of fields.hostEnv) {
    const value = Deno.env.get(name);
    if (value !== undefined) variables[name] = value;
  }
  for (const [name, value] of Object.entries(fields.env ?? {})) variables[name] = String(value);
  return variables;
}

async function logLines(stream: ReadableStream<Uint8Array>, log: (line: string) => void) {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) log(line.replace(/\r$/, ""));
  }
  pending += decoder.decode();
  if (pending !== "") log(pending);
}

const bashSensorBuilder = defineSensor({
  name: "BashSensor",
  templateFields: ["command", "env"],
  permissions: () => ({ run: ["bash"] }),
  async poke(ctx, fields: BashSensorFields) {
    ctx.log(`Running command: ${fields.command}`);
    const child = new Deno.Command("bash", {
      args: ["-c", script(fields.command)],
      clearEnv: true,
      env: environment(ctx, fields),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: ctx.signal,
    }).spawn();
    const readers = Promise.all([
      logLines(child.stdout, (line) => ctx.log(line)),
      logLines(child.stderr, (line) => ctx.log(line)),
    ]);
    const status = await child.status;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      readers,
      new Promise((resolve) => timer = setTimeout(resolve, DRAIN_LIMIT_MS)),
    ]);
    clearTimeout(timer);
    ctx.log(`Command exited with return code ${status.signal ? status.signal : status.code}`);
    if (status.success) return true;
    if (fields.retryExitCode === null || status.code === fields.retryExitCode) return false;
    throw new FailTask(`Command exited with return code ${status.code}`);
  },
});

/**
 * Wait until a bash command exits 0, running it at every poke.
 *
 * @example
 * ```ts
 * bashSensor({ id: "wait_for_lock", command: "test ! -e /data/lock", pokeInterval: "30s" });
 * ```
 */
export function bashSensor(options: BashSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("bashSensor", options);
  if (typeof options.command !== "string" || options.command.trim() === "") {
    fail(subject, "command", `must be a non-empty string, got ${show(options.command)}`);
  }
  const env = options.env ?? {};
  if (typeof env !== "object" || env === null || Array.isArray(env)) {
    fail(subject, "env", `must be an object of strings, got ${show(env)}`);
  }
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== "string") {
      fail(subject, `env.${name}`, `must be a string, got ${show(value)}`);
    }
  }
  const retryExitCode = options.retryExitCode ?? null;
  if (retryExitCode !== null && (!Number.isInteger(retryExitCode) || retryExitCode < 0)) {
    fail(
      subject,
      "retryExitCode",
      `must be an exit code (an integer ≥ 0), got ${show(retryExitCode)}`,
    );
  }
  return bashSensorBuilder({
    ...options,
    env,
    retryExitCode,
    hostEnv: optionalStringList(options.permissions?.env, subject, "permissions.env"),
  });
}
