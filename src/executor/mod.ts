/**
 * Runs tries in permission-restricted sandboxes and reports what happened: `ProcessExecutor`
 * spawns sandbox host processes (their code has its own door, `host/mod.ts`), each running
 * tasks in pre-booted, single-use Worker sandboxes or bash subprocesses, one log per try.
 *
 * @module
 */

export * from "./executor.ts";
export { ProcessExecutor, type ProcessExecutorOptions } from "./process_executor.ts";
export { defaultHostCommand, EXECUTOR_HOST_COMMAND } from "./host_command.ts";
export {
  appendTaskLogLine,
  formatLogLine,
  type LogLevel,
  type LogSource,
  readTaskLog,
} from "./task_log.ts";
