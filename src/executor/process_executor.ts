/**
 * The executor: runs tries in sandbox host processes (never in the scheduler's process), spread
 * over the least busy host, and survives a host that dies. When a host dies with several tries
 * running, each of them runs again alone in a fresh dedicated host, so the one that crashes it
 * fails its own try and the others finish normally.
 *
 * A host whose Worker was stopped mid-task (timeout, cancel) reports itself tainted:
 * `Worker.terminate()` cannot stop a thread stuck in a busy loop, so it may keep burning a core for
 * as long as the process lives. The executor replaces it at once, sends it nothing new, and shuts it
 * down as soon as its other tries finished.
 *
 * @module
 */

import type { TaskInstanceKey } from "../core/mod.ts";
import type { CallbackJob, Executor, ExecutorEvent, TaskJob } from "./executor.ts";
import type { FromHost, HostSettings, ToHost } from "./_protocol.ts";
import { type HostExit, HostProcess } from "./_host_process.ts";
import { crashFailure, quarantineNote, startFailure } from "./_host_exit.ts";
import { defaultHostCommand } from "./host_command.ts";
import { appendTaskLogLine } from "./task_log.ts";
import type { ProcessExecutorOptions } from "./process_executor_options.ts";

export type { ProcessExecutorOptions };

/** A job sent to a host and not finished yet. */
interface Entry {
  id: number;
  job: TaskJob;
  callback: CallbackJob | null;
  host: HostProcess<Entry> | null;
  started: boolean;
  startedReported: boolean;
}

/** How many dedicated hosts may re-run suspects of a crash at once. */
const MAX_DEDICATED_HOSTS = 4;
/** How long `close()` waits for a host to stop its tries before killing it. */
const CLOSE_GRACE_MS = 8000;
/**
 * How long `close()` lets callbacks already running finish first: a failure alert is often sent
 * by the last callback of a run, right before its process closes the executor.
 */
const CALLBACK_GRACE_MS = 10_000;
/** How long a tainted host, with no try left, may take to exit before it is killed. */
const RETIRE_GRACE_MS = 1000;

function tryKey(key: TaskInstanceKey, tryNumber: number): string {
  return JSON.stringify([key.dagId, key.runId, key.taskId, key.mapIndex, tryNumber]);
}

/** Runs tries in sandbox host processes; see the module documentation. */
export class ProcessExecutor implements Executor {
  /** Identifies this executor in task instances. */
  readonly id: string;
  #settings: HostSettings;
  #command: string[];
  #slots: (HostProcess<Entry> | null)[];
  #dedicated = new Set<HostProcess<Entry>>();
  /** Tainted hosts already replaced in their slot, finishing the tries they still run. */
  #retiring = new Set<HostProcess<Entry>>();
  #waitingForDedicated: Entry[] = [];
  #entries = new Map<number, Entry>();
  #byTry = new Map<string, Entry>();
  #listeners: ((event: ExecutorEvent) => void)[] = [];
  #nextId = 1;
  #jobSequence = 0;
  #closed = false;
  #idleHostMs: number | null;
  #pendingNotes = new Set<Promise<void>>();

  /** Starts the host processes, so their sandboxes are booted before the first try. */
  constructor(options: ProcessExecutorOptions) {
    this.#settings = {
      logsFolder: options.logsFolder,
      xcomMaxBytes: options.xcomMaxBytes ?? 1024 * 1024,
      prebootedSandboxes: options.prebootedSandboxes ?? 2,
      hostMemoryMb: options.hostMemoryMb ?? 1024,
      workRoot: options.workRoot ?? null,
    };
    this.#command = options.hostCommand ??
      defaultHostCommand({ hostMemoryMb: this.#settings.hostMemoryMb });
    this.id = options.id ?? `${Deno.hostname()}:${Deno.pid}:${crypto.randomUUID().slice(0, 8)}`;
    this.#idleHostMs = options.idleHostMs === undefined ? 60_000 : options.idleHostMs;
    this.#slots = Array.from({ length: Math.max(1, options.hostProcesses ?? 2) }, () => null);
    this.#slots.forEach((_, index) => this.#startSlot(index));
  }

  /** Starts a try on the least busy host. */
  dispatch(job: TaskJob): void {
    this.#admit(job, null);
  }

  /** Runs a callback in a fresh sandbox on the least busy host. */
  runCallback(callback: CallbackJob): void {
    this.#admit(callback.job, callback);
  }

  /** Stops a running try; it reports `finished` as failed with `reason`. */
  cancel(key: TaskInstanceKey, tryNumber: number, reason: string): void {
    const entry = this.#byTry.get(tryKey(key, tryNumber));
    if (!entry) return;
    if (entry.host === null) {
      this.#waitingForDedicated = this.#waitingForDedicated.filter((other) => other !== entry);
      this.#finishFailed(entry, reason);
      return;
    }
    entry.host.send({ type: "cancel", id: entry.id, reason });
  }

  /** Registers an event listener. */
  onEvent(listener: (event: ExecutorEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Appends a line written by the scheduler to a try's log. */
  appendLog(key: TaskInstanceKey, tryNumber: number, line: string): Promise<void> {
    return appendTaskLogLine(this.#settings.logsFolder, key, {
      tryNumber,
      source: "scheduler",
      message: line,
    });
  }

  /**
   * Stops every host: callbacks already running get a few seconds to finish, running tries are
   * stopped and reported failed; then the hosts exit.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const deadline = Date.now() + CALLBACK_GRACE_MS;
    while (Date.now() < deadline && this.#callbacksRunning()) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const entry of this.#waitingForDedicated.splice(0)) {
      this.#finishFailed(entry, "the executor closed before the try could run");
    }
    const hosts = [...this.#slots, ...this.#dedicated, ...this.#retiring].filter((host) =>
      host !== null
    );
    for (const host of hosts) if (host.idleTimer !== null) clearTimeout(host.idleTimer);
    await Promise.all(hosts.map((host) => host.close(CLOSE_GRACE_MS)));
    while (this.#pendingNotes.size > 0) await Promise.all(this.#pendingNotes);
  }

  #admit(job: TaskJob, callback: CallbackJob | null): void {
    if (this.#closed) {
      throw new Error(`Cannot run task ${job.key.taskId}: the executor was closed`);
    }
    const entry: Entry = {
      id: this.#nextId++,
      job,
      callback,
      host: null,
      started: false,
      startedReported: false,
    };
    this.#entries.set(entry.id, entry);
    if (callback === null) this.#byTry.set(tryKey(job.key, job.tryNumber), entry);
    this.#send(entry, this.#leastBusy());
  }

  #send(entry: Entry, host: HostProcess<Entry>): void {
    if (host.idleTimer !== null) clearTimeout(host.idleTimer);
    host.idleTimer = null;
    entry.host = host;
    host.inFlight.set(entry.id, entry);
    const { hash, code } = entry.job.bundle;
    if (entry.job.task.kind === "function" || entry.callback !== null) {
      if (!host.bundles.has(hash)) {
        host.bundles.add(hash);
        host.send({ type: "bundle", hash, code });
      }
    }
    const job = { ...entry.job, bundle: { hash, code: "" } };
    const message: ToHost = entry.callback === null
      ? { type: "run", id: entry.id, job }
      : { type: "callback", id: entry.id, callback: { ...entry.callback, job } };
    host.send(message);
  }

  /**
   * The host with the fewest tries in flight; among equals, the one that got a job longest ago,
   * so back-to-back tasks alternate and one host boots its next sandbox while another runs.
   */
  #leastBusy(): HostProcess<Entry> {
    let best: HostProcess<Entry> | null = null;
    this.#slots.forEach((host, index) => {
      const candidate = host ?? this.#startSlot(index);
      const fewer = best === null || candidate.inFlight.size < best.inFlight.size;
      const tie = best !== null && candidate.inFlight.size === best.inFlight.size;
      if (fewer || (tie && candidate.lastJob < best!.lastJob)) best = candidate;
    });
    best!.lastJob = ++this.#jobSequence;
    return best!;
  }

  #startSlot(index: number): HostProcess<Entry> {
    const host = this.#spawn(false);
    this.#slots[index] = host;
    return host;
  }

  #spawn(dedicated: boolean): HostProcess<Entry> {
    return new HostProcess<Entry>({
      command: this.#command,
      settings: this.#settings,
      dedicated,
      onMessage: (host, message) => this.#onMessage(host, message),
      onExit: (host, exit) => this.#onExit(host, exit),
    });
  }

  #onMessage(host: HostProcess<Entry>, message: FromHost): void {
    if (message.type === "hello") return;
    if (message.type === "tainted") {
      this.#taint(host);
      return;
    }
    const entry = host.inFlight.get(message.id);
    if (!entry) return;
    if (message.type === "started") {
      entry.started = true;
      if (entry.callback !== null || entry.startedReported) return;
      entry.startedReported = true;
      this.#emit({
        type: "started",
        key: entry.job.key,
        tryNumber: entry.job.tryNumber,
        at: message.at,
        hostname: host.hello?.hostname ?? Deno.hostname(),
        pid: host.hello?.pid ?? host.pid,
        renderedFields: message.renderedFields,
      });
      return;
    }
    host.inFlight.delete(entry.id);
    this.#forget(entry);
    if (host.dedicated) {
      this.#dedicated.delete(host);
      this.#shutDown(host);
      this.#startDedicated();
    } else if (host.tainted && host.inFlight.size === 0) this.#shutDown(host);
    else if (host.inFlight.size === 0) this.#stopWhenIdle(host);
    if (entry.callback !== null) return;
    const { type: _, id: __, ...rest } = message;
    this.#emit({ type: "finished", key: entry.job.key, tryNumber: entry.job.tryNumber, ...rest });
  }

  /**
   * A host whose stopped Worker may still run: its slot gets a fresh host at once (same
   * capacity), and it is shut down once its other tries finished. Only once per host.
   */
  #taint(host: HostProcess<Entry>): void {
    if (host.tainted || host.closing) return;
    host.tainted = true;
    const index = this.#slots.indexOf(host);
    if (index >= 0) {
      this.#retiring.add(host);
      if (this.#closed) this.#slots[index] = null;
      else this.#startSlot(index);
    }
    if (host.inFlight.size === 0) this.#shutDown(host);
  }

  /** Shuts a slot's host down once it has had no work for `idleHostMs`; its slot empties. */
  #stopWhenIdle(host: HostProcess<Entry>): void {
    if (this.#idleHostMs === null) return;
    host.idleTimer = setTimeout(() => {
      const index = this.#slots.indexOf(host);
      if (this.#closed || host.inFlight.size > 0 || index < 0) return;
      this.#slots[index] = null;
      this.#shutDown(host);
    }, this.#idleHostMs);
    Deno.unrefTimer(host.idleTimer as unknown as number);
  }

  /** Ends a host's stdin; kills it after a grace (short for a tainted host, which runs nothing). */
  #shutDown(host: HostProcess<Entry>): void {
    host.close(host.tainted ? RETIRE_GRACE_MS : CLOSE_GRACE_MS).catch((error) =>
      console.error(`Stopping sandbox host process ${host.pid} failed: ${error}`)
    );
  }

  #onExit(host: HostProcess<Entry>, exit: HostExit): void {
    const index = this.#slots.indexOf(host);
    if (index >= 0) this.#slots[index] = null;
    this.#retiring.delete(host);
    if (this.#dedicated.delete(host)) this.#startDedicated();
    const entries = [...host.inFlight.values()];
    host.inFlight.clear();
    if (host.closing) {
      for (const entry of entries) {
        this.#finishFailed(entry, "the executor closed before the try finished");
      }
      return;
    }
    if (host.hello === null) {
      for (const entry of entries) this.#finishFailed(entry, startFailure(exit));
      return;
    }
    if (index >= 0 && !this.#closed) this.#startSlot(index);
    const suspects = entries.filter((entry) => entry.started);
    for (const entry of entries.filter((entry) => !entry.started)) {
      this.#send(entry, this.#leastBusy());
    }
    if (suspects.length === 1 || host.dedicated) {
      const failure = crashFailure(exit, this.#settings.hostMemoryMb);
      for (const entry of suspects) this.#finishFailed(entry, failure);
      return;
    }
    for (const entry of suspects) {
      entry.host = null;
      this.#note(entry, quarantineNote(exit, suspects.length - 1)).then(() => {
        if (!this.#entries.has(entry.id)) return;
        this.#waitingForDedicated.push(entry);
        this.#startDedicated();
      });
    }
  }

  #startDedicated(): void {
    while (
      !this.#closed && this.#dedicated.size < MAX_DEDICATED_HOSTS &&
      this.#waitingForDedicated.length > 0
    ) {
      const entry = this.#waitingForDedicated.shift()!;
      const host = this.#spawn(true);
      this.#dedicated.add(host);
      this.#send(entry, host);
    }
  }

  #finishFailed(entry: Entry, error: string): void {
    this.#forget(entry);
    const what = entry.callback === null
      ? "Task failed"
      : `The ${entry.callback.kind} callback failed`;
    this.#note(entry, `${what}: ${error}`).then(() => {
      if (entry.callback !== null) return;
      this.#emit({
        type: "finished",
        key: entry.job.key,
        tryNumber: entry.job.tryNumber,
        at: Date.now(),
        outcome: { status: "failed", error, noRetry: false },
        xcoms: [],
        renderedFields: null,
      });
    });
  }

  #callbacksRunning(): boolean {
    for (const entry of this.#entries.values()) if (entry.callback !== null) return true;
    return false;
  }

  #forget(entry: Entry): void {
    this.#entries.delete(entry.id);
    if (entry.callback === null) {
      const key = tryKey(entry.job.key, entry.job.tryNumber);
      if (this.#byTry.get(key) === entry) this.#byTry.delete(key);
    }
  }

  #note(entry: Entry, message: string): Promise<void> {
    const note = appendTaskLogLine(this.#settings.logsFolder, entry.job.key, {
      tryNumber: entry.job.tryNumber,
      source: "executor",
      message,
      level: "ERROR",
    }).catch((error) => console.error(`Writing to a task log failed: ${error}`));
    this.#pendingNotes.add(note);
    return note.finally(() => this.#pendingNotes.delete(note));
  }

  #emit(event: ExecutorEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`An executor event listener failed on a ${event.type} event: ${error}`);
      }
    }
  }
}
