/**
 * Pre-booted, single-use sandbox Workers, kept ready per permission set. Booting a Worker blocks
 * the creating thread for ~15 ms, so replacements are booted after a task has started and
 * finished Workers are terminated in batches, both off the critical path (DESIGN §8).
 *
 * @module
 */

import type { Permissions } from "../core/mod.ts";
import { permissionsKey, workerPermissions } from "./_permissions.ts";
import type { FromSandbox } from "./_sandbox_messages.ts";

const NO_PERMISSIONS = permissionsKey({});
/** Permission sets other than "none" kept ready at once; the least recently used go first. */
const MAX_OTHER_KEYS = 8;
/** How long the host must be quiet before a replacement sandbox boots. */
const QUIET_MS = 10;
/** How long finished Workers wait before they are terminated together. */
const RETIRE_DELAY_MS = 100;

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
  #isReady = false;

  /** Boots a Worker with a permission set (blocks this thread while V8 sets it up). */
  constructor(permissions: Permissions | undefined) {
    this.key = permissionsKey(permissions);
    this.worker = new Worker(new URL("./sandbox_worker.ts", import.meta.url), {
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
}

/**
 * Keeps sandboxes ready and retires used ones. Creating a Worker blocks this thread, so a
 * replacement boots once the host has been quiet (no sandbox taken or retired) for `QUIET_MS`,
 * and a short task's result is not held up behind a boot; only when no sandbox of a permission
 * set is left does its replacement boot at once, as the next task would pay for it anyway.
 */
export class SandboxPool {
  #ready = new Map<string, Sandbox[]>();
  #wanted = new Map<string, Permissions | undefined>();
  #recentKeys: string[] = [];
  #retiring: Worker[] = [];
  #retireTimer: ReturnType<typeof setTimeout> | null = null;
  #bootTimer: ReturnType<typeof setTimeout> | null = null;
  #lastActivity = -Infinity;
  #prebooted: number;
  #closed = false;

  /** `prebooted`: Workers kept ready without permissions (others keep one when used). */
  constructor(options: { prebooted: number }) {
    this.#prebooted = options.prebooted;
    if (this.#prebooted > 0) this.#want(NO_PERMISSIONS, {});
  }

  /** A fresh sandbox with exactly these permissions: a ready one if there is one. */
  take(permissions: Permissions | undefined): Sandbox {
    const key = permissionsKey(permissions);
    this.#lastActivity = performance.now();
    const sandbox = this.#ready.get(key)?.shift() ?? new Sandbox(permissions);
    if (this.#prebooted > 0) {
      if (key !== NO_PERMISSIONS) this.#touch(key);
      this.#want(key, permissions);
    }
    return sandbox;
  }

  /** Terminates a used sandbox soon, together with others, off the critical path. */
  retire(sandbox: Sandbox): void {
    this.#lastActivity = performance.now();
    sandbox.onMessage = () => {};
    sandbox.onError = () => {};
    this.#retiring.push(sandbox.worker);
    this.#retireTimer ??= setTimeout(() => this.#terminateRetired(), RETIRE_DELAY_MS);
  }

  /** Terminates a sandbox at once (a timed-out or cancelled task must stop now). */
  kill(sandbox: Sandbox): void {
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
   * Boots one wanted sandbox: at once for a key with nothing ready, otherwise only once the host
   * is quiet. Then looks again (one boot per turn of the event loop).
   */
  #bootOne(): void {
    this.#bootTimer = null;
    if (this.#closed) return;
    const quiet = performance.now() - this.#lastActivity >= QUIET_MS;
    const key = this.#emptyKey() ?? (quiet ? this.#wanted.keys().next().value : undefined);
    if (key !== undefined) {
      const ready = this.#ready.get(key) ?? [];
      this.#ready.set(key, ready);
      if (ready.length < this.#target(key)) ready.push(new Sandbox(this.#wanted.get(key)));
      if (ready.length >= this.#target(key)) this.#wanted.delete(key);
    }
    this.#scheduleBoot();
  }
}
