/**
 * Task logs: one file per try, appended line by line and readable while the try runs. Every
 * line goes through `TaskLog.write`, which masks the try's secrets before `formatLogLine`.
 *
 * Line format: `[2024-01-01T00:00:00.123Z] {task} INFO - message`.
 *
 * @module
 */

import { secretMasker, type TaskInstanceKey } from "../core/mod.ts";
import { taskLogPath } from "./executor.ts";

/** Where a log line came from. */
export type LogSource = "executor" | "task" | "stdout" | "stderr" | "scheduler";

/** A log line's level. */
export type LogLevel = "INFO" | "WARNING" | "ERROR";

const encoder = new TextEncoder();

/** Formats one log line (with its newline); a multi-line message keeps its lines together. */
export function formatLogLine(
  source: LogSource | string,
  message: string,
  options: { level?: LogLevel; at?: number } = {},
): string {
  const at = new Date(options.at ?? Date.now()).toISOString();
  const text = message.replace(/\r?\n$/, "").replace(/\r?\n/g, "\n    ");
  return `[${at}] {${source}} ${options.level ?? "INFO"} - ${text}\n`;
}

function parentFolder(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/**
 * The log of one try, written by the sandbox host. Lines are buffered for the current
 * microtask and written in one system call, so a chatty task costs few writes; `flush()` forces
 * them out (before the try reports its outcome).
 */
export class TaskLog {
  /** The log file's path. */
  readonly path: string;
  #file: Deno.FsFile | null = null;
  #pending: string[] = [];
  #scheduled = false;
  #closed = false;
  #mask: (text: string) => string = (text) => text;

  /** Opens (creating folders as needed) the log of one try. */
  constructor(logsFolder: string, key: TaskInstanceKey, tryNumber: number) {
    this.path = taskLogPath(logsFolder, key, tryNumber);
  }

  /** From now on, every secret in `secrets` is written as `***` (see `secretMasker`). */
  maskSecrets(secrets: readonly string[]): void {
    this.#mask = secretMasker(secrets);
  }

  /** `text` with the secrets of {@link maskSecrets} masked (for errors and rendered fields). */
  masked(text: string): string {
    return this.#mask(text);
  }

  /** Appends one line from a source; secrets in it are masked. */
  write(source: LogSource, message: string, level: LogLevel = "INFO"): void {
    if (this.#closed) return;
    this.#pending.push(formatLogLine(source, this.#mask(message), { level }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Writes buffered lines now. */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const text = this.#pending.join("");
    this.#pending = [];
    try {
      if (!this.#file) {
        Deno.mkdirSync(parentFolder(this.path), { recursive: true });
        this.#file = Deno.openSync(this.path, { append: true, create: true });
      }
      const bytes = encoder.encode(text);
      let written = 0;
      while (written < bytes.length) written += this.#file.writeSync(bytes.subarray(written));
    } catch (error) {
      console.error(`Writing the task log ${this.path} failed: ${error}`);
    }
  }

  /** Flushes and closes the file; later writes are dropped. */
  close(): void {
    this.flush();
    this.#closed = true;
    this.#file?.close();
    this.#file = null;
  }
}

/** Appends one line to a try's log from outside its host (the scheduler, the executor). */
export async function appendTaskLogLine(
  logsFolder: string,
  key: TaskInstanceKey,
  options: { tryNumber: number; source: LogSource; message: string; level?: LogLevel },
): Promise<void> {
  const path = taskLogPath(logsFolder, key, options.tryNumber);
  await Deno.mkdir(parentFolder(path), { recursive: true });
  const line = formatLogLine(options.source, options.message, { level: options.level });
  await Deno.writeTextFile(path, line, { append: true });
}

/**
 * Reads a try's log from a byte offset, up to the last complete line, so a reader polling a
 * running try never sees half a line. Returns null when the try has no log.
 */
export async function readTaskLog(
  logsFolder: string,
  key: TaskInstanceKey,
  tryNumber: number,
  options: { offset?: number } = {},
): Promise<{ content: string; nextOffset: number } | null> {
  const path = taskLogPath(logsFolder, key, tryNumber);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw new Error(`Reading the task log ${path} failed: ${error}`);
  }
  try {
    const offset = Math.max(0, options.offset ?? 0);
    const size = (await file.stat()).size;
    if (offset >= size) return { content: "", nextOffset: Math.max(offset, 0) };
    await file.seek(offset, Deno.SeekMode.Start);
    const bytes = new Uint8Array(size - offset);
    let read = 0;
    while (read < bytes.length) {
      const count = await file.read(bytes.subarray(read));
      if (count === null) break;
      read += count;
    }
    const lastNewline = bytes.subarray(0, read).lastIndexOf(10);
    const complete = lastNewline < 0 ? 0 : lastNewline + 1;
    return {
      content: new TextDecoder().decode(bytes.subarray(0, complete)),
      nextOffset: offset + complete,
    };
  } finally {
    file.close();
  }
}
