/**
 * `watchDagFolder`: keep the DAGs of a folder parsed. File events (debounced) and a periodic
 * rescan both lead to one change-detecting scan; changed DAG files — and the DAG files importing
 * a changed helper — are parsed a few at a time, so one slow file never blocks the others. The
 * watch has its own bundler Worker, started on demand, released when idle and closed with it.
 *
 * @module
 */

import type { ParsedFile } from "../core/mod.ts";
import type { BundleOptions } from "./bundle.ts";
import { DagBundler } from "./bundler.ts";
import { ParseWorkers } from "./parse_workers.ts";
import { parseDagFileWithInputs } from "./parse.ts";
import { absolutePath, isDagFile, relativePath } from "./_paths.ts";
import { type FileStamp, listFiles, stampFile } from "./_scan.ts";

/** Options of {@link watchDagFolder}. */
export interface WatchOptions {
  /** Receives every parse outcome (also `ok` with no DAGs, so the store can drop old ones). */
  onParsed(file: ParsedFile): Promise<void>;
  /** A DAG file is gone (`fileloc` relative to the folder). */
  onDeleted(fileloc: string): Promise<void>;
  /** Receives errors of the callbacks and of scanning (default: `console.error`). */
  onError?(error: unknown): void;
  /** Files the store knows; those missing on the first scan get `onDeleted`. */
  knownFiles?: string[];
  /** How often to rescan as a safety net for missed events (default 10 s). */
  rescanIntervalMs?: number;
  /** The time limit of each file's top-level code (default 30 s). */
  parseTimeoutMs?: number;
  /** How many files are parsed at once (default 2). */
  concurrency?: number;
  /** Module names DAG files may import (see `bundleDagFile`). */
  modules?: BundleOptions["modules"];
  /** How long the bundler Worker lives without bundling before it ends (default 30 s). */
  bundlerIdleMs?: number;
}

/** A running watch. */
export interface DagFolderWatcher {
  /** Settles when the first full scan and its parses are done. */
  ready: Promise<void>;
  /** Scan now; settles when the scan and the parses it started are done. */
  rescan(): Promise<void>;
  /** Stop watching; settles when the work in progress is done. */
  close(): Promise<void>;
}

const DEBOUNCE_MS = 100;

/** Watch `folder` for DAG files (`*.ts`, `*.tsx`, `*.js`, `*.mjs`; not `_*` or `.*`). */
export function watchDagFolder(folder: string, options: WatchOptions): DagFolderWatcher {
  const root = absolutePath(folder);
  const bundler = new DagBundler(root, { idleMs: options.bundlerIdleMs });
  const workers = new ParseWorkers();
  const state = new FolderState(root, options, bundler, workers);
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  const rescan = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await state.scan().catch((error) => state.report(error));
      } while (again && !closed);
      running = null;
    })();
    return running;
  };
  const watcher = startEvents(root, () => rescan());
  const timer = setInterval(() => rescan(), options.rescanIntervalMs ?? 10_000);
  const ready = rescan();
  return {
    ready,
    rescan,
    async close() {
      closed = true;
      clearInterval(timer);
      watcher.close();
      await running;
      await watcher.done;
      workers.close();
      await bundler.close();
    },
  };
}

/** Debounced file events; `onChange` runs once things have been quiet for a moment. */
function startEvents(root: string, onChange: () => void) {
  let fsWatcher: Deno.FsWatcher | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  try {
    fsWatcher = Deno.watchFs(root, { recursive: true });
  } catch {
    fsWatcher = null; // no events (e.g. the folder does not exist yet): the rescan still runs
  }
  const done = (async () => {
    if (!fsWatcher) return;
    try {
      for await (const _event of fsWatcher) {
        clearTimeout(debounce);
        debounce = setTimeout(onChange, DEBOUNCE_MS);
      }
    } catch {
      // the watcher was closed or the folder vanished; the periodic rescan carries on
    }
  })();
  return {
    done,
    close() {
      clearTimeout(debounce);
      try {
        fsWatcher?.close();
      } catch {
        // already closed
      }
    },
  };
}

/** What the watcher knows of the folder between scans. */
class FolderState {
  readonly #root: string;
  readonly #options: WatchOptions;
  readonly #bundler: DagBundler;
  readonly #workers: ParseWorkers;
  readonly #stamps = new Map<string, FileStamp>();
  /** DAG file (absolute path) → the files its last bundle was built from. */
  readonly #inputs = new Map<string, string[]>();
  readonly #failed = new Set<string>();
  #firstScan = true;

  constructor(root: string, options: WatchOptions, bundler: DagBundler, workers: ParseWorkers) {
    this.#root = root;
    this.#options = options;
    this.#bundler = bundler;
    this.#workers = workers;
  }

  report(error: unknown): void {
    (this.#options.onError ?? console.error)(error);
  }

  async scan(): Promise<void> {
    const listed = await listFiles(this.#root);
    const dagFiles = listed.filter((path) => isDagFile(relativePath(this.#root, path)));
    const changed = new Set<string>();
    const present = new Set<string>();
    for (const path of listed) {
      const previous = this.#stamps.get(path);
      const stamp = await stampFile(path, previous);
      if (!stamp) continue;
      present.add(path);
      if (!previous || previous.hash !== stamp.hash) changed.add(path);
      this.#stamps.set(path, stamp);
    }
    for (const path of this.#stamps.keys()) {
      if (!present.has(path)) {
        this.#stamps.delete(path);
        changed.add(path);
      }
    }
    await this.#deleteMissing(new Set(dagFiles));
    const helperAppeared = [...changed].some((path) =>
      present.has(path) && !dagFiles.includes(path)
    );
    const toParse = dagFiles.filter((path) =>
      changed.has(path) ||
      (this.#inputs.get(path) ?? []).some((input) => changed.has(input)) ||
      (helperAppeared && this.#failed.has(path))
    );
    this.#firstScan = false;
    await this.#parseAll(toParse);
  }

  async #deleteMissing(dagFiles: Set<string>): Promise<void> {
    const gone = [...this.#inputs.keys()].filter((path) => !dagFiles.has(path));
    if (this.#firstScan) {
      for (const fileloc of this.#options.knownFiles ?? []) {
        const path = absolutePath(fileloc, this.#root);
        if (!dagFiles.has(path)) gone.push(path);
      }
    }
    for (const path of new Set(gone)) {
      this.#inputs.delete(path);
      this.#failed.delete(path);
      await this.#call(() => this.#options.onDeleted(relativePath(this.#root, path)));
    }
  }

  async #parseAll(paths: string[]): Promise<void> {
    const queue = [...paths];
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        await this.#parseOne(path);
      }
    };
    const concurrency = Math.max(1, this.#options.concurrency ?? 4);
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  async #parseOne(path: string): Promise<void> {
    const { parsed, inputs } = await parseDagFileWithInputs(path, {
      folder: this.#root,
      timeoutMs: this.#options.parseTimeoutMs,
      modules: this.#options.modules,
      bundler: this.#bundler,
      workers: this.#workers,
    });
    this.#inputs.set(path, inputs);
    if (parsed.ok) this.#failed.delete(path);
    else this.#failed.add(path);
    for (const input of inputs) {
      if (!this.#stamps.has(input)) {
        const stamp = await stampFile(input, undefined).catch(() => null);
        if (stamp) this.#stamps.set(input, stamp);
      }
    }
    await this.#call(() => this.#options.onParsed(parsed));
  }

  async #call(callback: () => Promise<void>): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.report(error);
    }
  }
}
