/**
 * `DagBundler`: the on-demand bundler Worker of one DAG folder. The Worker (esbuild's WebAssembly
 * build, allowed to read the DAG folder only) starts with the first request, builds one file at
 * a time, and is terminated once it has been idle for `idleMs`, which gives its memory back; the
 * next request starts it again. Bundling never runs on the caller's thread.
 *
 * @module
 */

import type { BundleReply, BundleRequest } from "./_bundle_protocol.ts";

/** Options of {@link DagBundler}. */
export interface DagBundlerOptions {
  /** How long the Worker may stay without requests before it is terminated (default 30 s). */
  idleMs?: number;
  /** How long one build may take before the Worker is stopped and the build fails (default 60 s). */
  buildTimeoutMs?: number;
}

/** What `DagBundler.request` is asked to bundle (the folder is the bundler's own). */
export type BundlerInput = Omit<BundleRequest, "id" | "folder">;

interface Job {
  id: number;
  input: BundlerInput;
  settle(reply: BundleReply): void;
}

const DEFAULT_IDLE_MS = 30_000;
const DEFAULT_BUILD_TIMEOUT_MS = 60_000;

/**
 * The bundler Worker of the DAG folder `folder` (absolute), started on demand and released when
 * idle. Usually handed to `bundleDagFile`, `parseDagFile` or created by `watchDagFolder`;
 * `close()` it when done, or the process lives on until the Worker's idle time is up.
 */
export class DagBundler {
  /** The DAG folder: the only place the Worker may read. */
  readonly folder: string;
  readonly #idleMs: number;
  readonly #buildTimeoutMs: number;
  readonly #queue: Job[] = [];
  readonly #drainWaiters: (() => void)[] = [];
  #worker: Worker | null = null;
  #readPaths: Promise<string[]> | null = null;
  #current: Job | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #buildTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  #workerStarts = 0;
  #closed = false;

  /** @param folder The DAG folder, absolute. */
  constructor(folder: string, options: DagBundlerOptions = {}) {
    this.folder = folder;
    this.#idleMs = Math.max(0, options.idleMs ?? DEFAULT_IDLE_MS);
    this.#buildTimeoutMs = options.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS;
  }

  /** The idle time after which the Worker is terminated, in milliseconds. */
  get idleMs(): number {
    return this.#idleMs;
  }

  /** Whether a bundler Worker is alive now. */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** How many Workers this bundler has started so far (one more after each idle release). */
  get workerStarts(): number {
    return this.#workerStarts;
  }

  /**
   * Bundle one file in the Worker (queued behind earlier requests). Resolves with the Worker's
   * reply, also when bundling failed; rejects only once the bundler is closed.
   */
  request(input: BundlerInput): Promise<BundleReply> {
    if (this.#closed) {
      return Promise.reject(new Error(`the DAG bundler of ${this.folder} is closed`));
    }
    return new Promise<BundleReply>((settle) => {
      this.#queue.push({ id: this.#nextId++, input, settle });
      clearTimeout(this.#idleTimer);
      void this.#pump();
    });
  }

  /** Take no more requests, let the queued ones finish, then terminate the Worker. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#current || this.#queue.length > 0) {
      await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    }
    clearTimeout(this.#idleTimer);
    this.#stopWorker();
  }

  async #pump(): Promise<void> {
    if (this.#current || this.#queue.length === 0) return;
    const job = this.#queue.shift()!;
    this.#current = job;
    let worker: Worker;
    try {
      worker = this.#worker ?? await this.#startWorker();
    } catch (error) {
      this.#finish(job, { id: job.id, ok: false, failure: `cannot start the bundler: ${error}` });
      return;
    }
    this.#buildTimer = setTimeout(() => {
      this.#stopWorker();
      const seconds = this.#buildTimeoutMs / 1000;
      this.#finish(job, {
        id: job.id,
        ok: false,
        failure: `bundling took longer than ${seconds} s and was stopped ` +
          "(does it import a pipe or a file on a stalled file system?)",
      });
    }, this.#buildTimeoutMs);
    worker.postMessage({ ...job.input, id: job.id, folder: this.folder } satisfies BundleRequest);
  }

  #finish(job: Job, reply: BundleReply): void {
    if (this.#current !== job) return;
    clearTimeout(this.#buildTimer);
    this.#current = null;
    job.settle(reply);
    if (this.#queue.length > 0) {
      void this.#pump();
      return;
    }
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
    if (!this.#closed && this.#worker) {
      this.#idleTimer = setTimeout(() => this.#stopWorker(), this.#idleMs);
    }
  }

  async #startWorker(): Promise<Worker> {
    this.#readPaths ??= Deno.realPath(this.folder).then(
      (real) => [...new Set([this.folder, real])],
      () => [this.folder],
    );
    const read = await this.#readPaths;
    const worker = new Worker(new URL("./bundle_worker.ts", import.meta.url), {
      type: "module",
      name: "updraft DAG bundler",
      deno: {
        permissions: {
          read,
          write: false,
          net: false,
          env: false,
          run: false,
          ffi: false,
          sys: false,
          import: false,
        },
      },
    });
    this.#workerStarts++;
    worker.onmessage = (event: MessageEvent<BundleReply>) => {
      const job = this.#current;
      if (job && event.data.id === job.id) this.#finish(job, event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#crashed(worker, `the bundler Worker failed: ${event.message || "unknown error"}`);
    };
    worker.onmessageerror = () => this.#crashed(worker, "the bundler's reply could not be read");
    this.#worker = worker;
    return worker;
  }

  #crashed(worker: Worker, failure: string): void {
    if (this.#worker !== worker) return;
    this.#stopWorker();
    const job = this.#current;
    if (job) this.#finish(job, { id: job.id, ok: false, failure });
  }

  #stopWorker(): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
  }
}
