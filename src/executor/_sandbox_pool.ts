/**
 * Pre-booted, single-use sandbox Workers, kept ready per permission set. Booting a Worker blocks
 * the creating thread for ~15 ms, so replacements are booted after a task has started and
 * finished Workers are terminated in batches, both off the critical path (DESIGN §8).
 *
 * @module
 */

import type { Permissions } from "../core/mod.ts";
import { permissionsKey, workerPermissions } from "./_permissions.ts";
import type { FromSandbox, ToSandbox } from "./_sandbox_messages.ts";

const NO_PERMISSIONS = permissionsKey({});
/** Permission sets other than "none" kept ready at once; the least recently used go first. */
const MAX_OTHER_KEYS = 8;
/** How long the host must be quiet before a replacement sandbox boots. */
const QUIET_MS = 10;
/**
 * How long finished Workers wait before they are terminated together. A sandbox closes itself
 * once it reported its result (its teardown runs on its own thread, one at a time); this only
 * catches the few that did not, so it can wait.
 */
const RETIRE_DELAY_MS = 2_000;

/** One sandbox Worker, used for exactly one task or callback. */
export class Sandbox {
  /** The Worker. */
  readonly worker: Worker;
  /** The canonical permission set it was created with. */
  readonly key: string;
  /** Resolves when the sandbox script loaded; rejects with why it could not start. */
  readonly ready: Promise<void>;
  /** Receives the sandbox's messages after `ready`. */
  onMessage: (message: FromSandbox) => void = () => {};
  /** Receives an uncaught error of the Worker (after `ready`). */
  onError: (message: string) => void = () => {};
  /** The hash of the bundle imported ahead of its task, or null when none was. */
  prepared: string | null = null;
  #isReady = false;

  /** Boots a Worker with a permission set (blocks this thread while V8 sets it up). */
  constructor(permissions: Permissions | undefined) {
    this.key = permissionsKey(permissions);
    // One generated module (`deno task bundle:workers`) instead of the ~50 the script imports:
    // a sandbox then costs ~17 ms of CPU to start instead of ~24 ms.
    this.worker = new Worker(new URL("./_sandbox_worker.bundle.js", import.meta.url), {
      type: "module",
      deno: { permissions: workerPermissions(permissions) },
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<FromSandbox>) => {
        if (!this.#isReady && event.data.type === "ready") {
          this.#isReady = true;
          resolve();
          return;
        }
        this.onMessage(event.data);
      };
      this.worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        const message = event.message || String(event.error);
        if (this.#isReady) this.onError(message);
        else reject(new Error(`The sandbox could not start: ${message}`));
      };
      this.worker.onmessageerror = () => this.onError("a message from the sandbox was unreadable");
    });
    this.ready.catch(() => {});
  }

  /** Imports a bundle ahead of its task; from then on it may only run that bundle's tasks. */
  prepare(bundle: BundleRef): void {
    this.prepared = bundle.hash;
    this.worker.postMessage({ type: "preload", moduleUrl: bundle.url } satisfies ToSandbox);
  }
}

/** A DAG bundle a sandbox may be prepared for: its hash and its `data:` URL. */
export interface BundleRef {
  hash: string;
  url: string;
}

/**
 * Keeps sandboxes ready and retires used ones. Creating a Worker blocks this thread for ~10 ms,
 * so replacements boot only while no task runs in this host (a boot would hold up a running
 * task's result): at once when a permission set has nothing ready (the next task would boot on
 * its critical path anyway), otherwise once the host has been quiet for `QUIET_MS`.
 *
 * Ready sandboxes may be prepared for a DAG bundle: the bundle is imported ahead of its task, on
 * the sandbox's own thread. A sandbox prepared for one DAG file only ever runs that file's
 * tasks, so a DAG file's top-level code never shares a sandbox with another file's task.
 */
export class SandboxPool {
  #ready = new Map<string, Sandbox[]>();
  #wanted = new Map<string, Permissions | undefined>();
  /** The bundle each permission set last ran: new and idle sandboxes are prepared for it. */
  #currentBundle = new Map<string, BundleRef>();
  #recentKeys: string[] = [];
  #retiring: Worker[] = [];
  #retireTimer: ReturnType<typeof setTimeout> | null = null;
  #bootTimer: ReturnType<typeof setTimeout> | null = null;
  #lastActivity = -Infinity;
  #running = 0;
  #prebooted: number;
  #closed = false;

  /** `prebooted`: Workers kept ready without permissions (others keep one when used). */
  constructor(options: { prebooted: number }) {
    this.#prebooted = options.prebooted;
    if (this.#prebooted > 0) this.#want(NO_PERMISSIONS, {});
  }

  /**
   * A fresh sandbox with exactly these permissions: one prepared for `bundle` if there is one,
   * else an unprepared one, else a new one.
   */
  take(permissions: Permissions | undefined, bundle?: BundleRef): Sandbox {
    const key = permissionsKey(permissions);
    this.#lastActivity = performance.now();
    this.#running++;
    const ready = this.#ready.get(key) ?? [];
    let index = bundle ? ready.findIndex((sandbox) => sandbox.prepared === bundle.hash) : -1;
    if (index < 0) index = ready.findIndex((sandbox) => sandbox.prepared === null);
    let sandbox: Sandbox;
    if (index >= 0) {
      sandbox = ready.splice(index, 1)[0];
    } else {
      // Only sandboxes prepared for other DAG files are left: make room for a fresh one.
      const foreign = ready.length >= this.#target(key) ? ready.shift() : undefined;
      if (foreign) foreign.worker.terminate();
      sandbox = new Sandbox(permissions);
    }
    if (this.#prebooted > 0) {
      if (key !== NO_PERMISSIONS) this.#touch(key);
      if (bundle) {
        this.#currentBundle.set(key, bundle);
        this.#prepareIdle(key, bundle);
      }
      this.#want(key, permissions);
    }
    return sandbox;
  }

  /** Terminates a used sandbox soon, together with others, off the critical path. */
  retire(sandbox: Sandbox): void {
    this.#finished();
    sandbox.onMessage = () => {};
    sandbox.onError = () => {};
    this.#retiring.push(sandbox.worker);
    this.#retireTimer ??= setTimeout(() => this.#terminateRetired(), RETIRE_DELAY_MS);
  }

  /** Terminates a sandbox at once (a timed-out or cancelled task must stop now). */
  kill(sandbox: Sandbox): void {
    this.#finished();
    sandbox.onMessage = () => {};
    sandbox.onError = () => {};
    sandbox.worker.terminate();
  }

  /** Terminates every Worker, ready or used. */
  close(): void {
    this.#closed = true;
    if (this.#bootTimer !== null) clearTimeout(this.#bootTimer);
    for (const sandboxes of this.#ready.values()) {
      for (const sandbox of sandboxes) sandbox.worker.terminate();
    }
    this.#ready.clear();
    this.#terminateRetired();
  }

  /** A task ended: once none runs, a replacement may boot without holding anything up. */
  #finished(): void {
    this.#lastActivity = performance.now();
    this.#running = Math.max(0, this.#running - 1);
    if (this.#running === 0) this.#scheduleBoot();
  }

  /** Prepares idle unprepared sandboxes for `bundle`, keeping one unprepared for other files. */
  #prepareIdle(key: string, bundle: BundleRef): void {
    const unprepared = (this.#ready.get(key) ?? []).filter((sandbox) => sandbox.prepared === null);
    const keep = this.#target(key) > 1 ? 1 : 0;
    for (const sandbox of unprepared.slice(keep)) sandbox.prepare(bundle);
  }

  #terminateRetired(): void {
    if (this.#retireTimer !== null) clearTimeout(this.#retireTimer);
    this.#retireTimer = null;
    for (const worker of this.#retiring.splice(0)) worker.terminate();
  }

  #touch(key: string): void {
    this.#recentKeys = [key, ...this.#recentKeys.filter((other) => other !== key)];
    for (const evicted of this.#recentKeys.splice(MAX_OTHER_KEYS)) {
      for (const sandbox of this.#ready.get(evicted) ?? []) sandbox.worker.terminate();
      this.#ready.delete(evicted);
      this.#wanted.delete(evicted);
      this.#currentBundle.delete(evicted);
    }
  }

  #target(key: string): number {
    return key === NO_PERMISSIONS ? this.#prebooted : 1;
  }

  #want(key: string, permissions: Permissions | undefined): void {
    if ((this.#ready.get(key)?.length ?? 0) >= this.#target(key)) return;
    this.#wanted.set(key, permissions);
    this.#scheduleBoot();
  }

  #scheduleBoot(): void {
    if (this.#closed || this.#bootTimer !== null || this.#wanted.size === 0) return;
    if (this.#running > 0) return; // #finished() schedules again once nothing runs
    const wait = this.#emptyKey() !== undefined
      ? 0
      : Math.max(0, this.#lastActivity + QUIET_MS - performance.now());
    this.#bootTimer = setTimeout(() => this.#bootOne(), wait);
  }

  /** A wanted key with nothing ready: its next task would boot on its critical path. */
  #emptyKey(): string | undefined {
    return [...this.#wanted.keys()].find((key) => (this.#ready.get(key)?.length ?? 0) === 0);
  }

  /**
   * Boots one wanted sandbox, if still nothing runs: at once for a key with nothing ready,
   * otherwise only once the host is quiet. Then looks again (one boot per event-loop turn).
   */
  #bootOne(): void {
    this.#bootTimer = null;
    if (this.#closed || this.#running > 0) return;
    const quiet = performance.now() - this.#lastActivity >= QUIET_MS;
    const key = this.#emptyKey() ?? (quiet ? this.#wanted.keys().next().value : undefined);
    if (key !== undefined) {
      const ready = this.#ready.get(key) ?? [];
      this.#ready.set(key, ready);
      if (ready.length < this.#target(key)) {
        const sandbox = new Sandbox(this.#wanted.get(key));
        const bundle = this.#currentBundle.get(key);
        // The first replacement serves the file just run (a chain's next task); once one is
        // ready, one unprepared sandbox stays for other files.
        const hasUnprepared = ready.some((other) => other.prepared === null);
        if (bundle && (ready.length === 0 || hasUnprepared || this.#target(key) === 1)) {
          sandbox.prepare(bundle);
        }
        ready.push(sandbox);
      }
      if (ready.length >= this.#target(key)) this.#wanted.delete(key);
    }
    this.#scheduleBoot();
  }
}
