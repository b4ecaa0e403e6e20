/**
 * `ParseWorkers`: parse Workers kept between DAG files. A Worker that parsed a file cleanly (see
 * `_parse_guard.ts`) takes the next one, up to `maxFilesPerWorker`; idle Workers end after
 * `idleMs`. Without a pool, `parseDagFile` starts a fresh Worker for every file.
 *
 * @module
 */

const WORKER_URL = new URL("./_parse_worker.bundle.js", import.meta.url);

/** Options of {@link ParseWorkers}. */
export interface ParseWorkersOptions {
  /** How long a Worker may wait for the next file before it ends (default 2 s). */
  idleMs?: number;
  /** How many files one Worker parses at most (default 32). */
  maxFilesPerWorker?: number;
}

/** A parse Worker and how many files it has parsed. */
export interface ParseWorker {
  readonly worker: Worker;
  parsed: number;
}

/** Starts a permission-less parse Worker. */
export function startParseWorker(): ParseWorker {
  // One generated module (`deno task bundle:workers`) instead of the ~50 the script imports.
  const worker = new Worker(WORKER_URL, { type: "module", deno: { permissions: "none" } });
  return { worker, parsed: 0 };
}

/** Parse Workers reused across files; `close()` ends them. */
export class ParseWorkers {
  readonly #idleMs: number;
  readonly #maxFiles: number;
  #idle: ParseWorker[] = [];
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #started = 0;

  /** @param options Idle time and files per Worker. */
  constructor(options: ParseWorkersOptions = {}) {
    this.#idleMs = Math.max(0, options.idleMs ?? 2_000);
    this.#maxFiles = Math.max(1, options.maxFilesPerWorker ?? 32);
  }

  /** How many Workers this pool has started so far. */
  get started(): number {
    return this.#started;
  }

  /** An idle Worker, or a new one. */
  take(): ParseWorker {
    const idle = this.#idle.pop();
    if (idle) return idle;
    this.#started++;
    return startParseWorker();
  }

  /** Hand a Worker back after a parse: kept when it is `reusable` and has files left. */
  giveBack(entry: ParseWorker, reusable: boolean): void {
    entry.parsed++;
    if (this.#closed || !reusable || entry.parsed >= this.#maxFiles) {
      entry.worker.terminate();
      return;
    }
    this.#idle.push(entry);
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#endIdle(), this.#idleMs);
  }

  /** End every idle Worker; Workers still parsing end when handed back. */
  close(): void {
    this.#closed = true;
    this.#endIdle();
  }

  #endIdle(): void {
    clearTimeout(this.#idleTimer);
    for (const entry of this.#idle.splice(0)) entry.worker.terminate();
  }
}
