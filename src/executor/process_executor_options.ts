/**
 * The options of `ProcessExecutor`.
 *
 * @module
 */

/** Options of `ProcessExecutor`. */
export interface ProcessExecutorOptions {
  /** Where try logs are written (`taskLogPath` layout). */
  logsFolder: string;
  /** Largest XCom value in bytes of JSON (default 1 MB). */
  xcomMaxBytes?: number;
  /** Sandboxes without permissions kept booted in each host (default 2). */
  prebootedSandboxes?: number;
  /** Sandbox host processes (default 2: with one, Worker boots cap throughput, DESIGN §8). */
  hostProcesses?: number;
  /**
   * A host without work for this long exits (its memory goes back to the system); the next try
   * starts it again. Null keeps hosts running (default 60 s).
   */
  idleHostMs?: number | null;
  /** V8 heap limit of each host in MB (default 1024). */
  hostMemoryMb?: number;
  /** Where bash tasks get their working directories (default: the OS temp dir). */
  workRoot?: string;
  /** The command that starts a host (default: `defaultHostCommand()`). */
  hostCommand?: string[];
  /** This executor's id (default: hostname, pid and a random suffix). */
  id?: string;
}
