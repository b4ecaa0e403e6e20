/**
 * Test support for the scheduler: definitions with defaults, a scripted executor whose try
 * outcomes the test decides, and a harness that steps the real loop over a real in-memory store
 * with a manual clock. Scheduling semantics are tested this way (deterministic, no sleeps); the
 * real sandboxes are exercised by the end-to-end tests in `tests/`.
 *
 * @module
 */

import {
  type DagDefinition,
  dagDefinitionWith,
  type JsonValue,
  ManualClock,
  type ParsedFile,
  type TaskDefinition,
  taskDefinitionWith,
  type TaskInstance,
  type TaskInstanceKey,
} from "../core/mod.ts";
import type { CallbackJob, Executor, ExecutorEvent, TaskJob, TryOutcome } from "../executor/mod.ts";
import { MemoryStore, type Store } from "../store/mod.ts";
import { SchedulerLoop, type SchedulerLoopOptions } from "./loop.ts";

/** A task definition with defaults (from the core). */
export const taskDefinition = taskDefinitionWith;

/** A DAG definition with defaults: manual schedule, unpaused when created. */
export function dagDefinition(
  dagId: string,
  tasks: TaskDefinition[],
  overrides: Partial<DagDefinition> = {},
): DagDefinition {
  return dagDefinitionWith(dagId, tasks, { isPausedUponCreation: false, ...overrides });
}

/** An executor that runs nothing: the test finishes each dispatched try as it likes. */
export class ScriptedExecutor implements Executor {
  readonly id: string;
  readonly dispatched: TaskJob[] = [];
  readonly cancelled: { key: TaskInstanceKey; tryNumber: number; reason: string }[] = [];
  readonly callbacks: CallbackJob[] = [];
  readonly logLines: string[] = [];
  #listeners: ((event: ExecutorEvent) => void)[] = [];
  #open: TaskJob[] = [];

  constructor(id = "scripted-executor") {
    this.id = id;
  }

  dispatch(job: TaskJob): void {
    this.dispatched.push(job);
    this.#open.push(job);
  }

  cancel(key: TaskInstanceKey, tryNumber: number, reason: string): void {
    this.cancelled.push({ key, tryNumber, reason });
  }

  runCallback(callback: CallbackJob): void {
    this.callbacks.push(callback);
  }

  onEvent(listener: (event: ExecutorEvent) => void): void {
    this.#listeners.push(listener);
  }

  appendLog(_key: TaskInstanceKey, _tryNumber: number, line: string): Promise<void> {
    this.logLines.push(line);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Tries dispatched and not yet finished by the test. */
  get open(): readonly TaskJob[] {
    return this.#open;
  }

  /** Report a dispatched try of `taskId` as started and finished with `outcome`. */
  finish(
    taskId: string,
    outcome: TryOutcome | "success" = "success",
    options: {
      at: number;
      runId?: string;
      xcoms?: { key: string; value: JsonValue }[];
      followed?: string[];
      proceed?: boolean;
    },
  ): void {
    const job = this.#open.find((open) =>
      open.key.taskId === taskId &&
      (options.runId === undefined || open.key.runId === options.runId)
    );
    if (!job) {
      throw new Error(
        `no open try of task ${taskId}; open: ${this.#open.map((j) => j.key.taskId).join(", ")}`,
      );
    }
    this.#open = this.#open.filter((open) => open !== job);
    this.start(job, options.at);
    this.#emit({
      type: "finished",
      key: job.key,
      tryNumber: job.tryNumber,
      at: options.at,
      outcome: outcome === "success" ? { status: "success" } : outcome,
      xcoms: options.xcoms ?? [],
      followed: options.followed,
      proceed: options.proceed,
      renderedFields: null,
    });
  }

  /** Report a dispatched try as started (without finishing it). */
  start(job: TaskJob, at: number): void {
    this.#emit({
      type: "started",
      key: job.key,
      tryNumber: job.tryNumber,
      at,
      hostname: "test-host",
      pid: 1,
      renderedFields: null,
    });
  }

  #emit(event: ExecutorEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** A store, a scripted executor, a manual clock and the real loop, stepped by hand. */
export class SchedulerHarness {
  readonly store: Store;
  readonly executor: ScriptedExecutor;
  readonly clock: ManualClock;
  readonly loop: SchedulerLoop;

  constructor(
    options: {
      now: string | number;
      store?: Store;
      executor?: ScriptedExecutor;
      loop?: Partial<SchedulerLoopOptions>;
    },
  ) {
    this.store = options.store ?? new MemoryStore();
    this.executor = options.executor ?? new ScriptedExecutor();
    this.clock = new ManualClock(options.now);
    this.loop = new SchedulerLoop({
      store: this.store,
      executor: this.executor,
      clock: this.clock,
      limits: { parallelism: 32, maxActiveRunsPerDag: 16, maxActiveTasksPerDag: 16 },
      log: (message) => {
        throw new Error(message);
      },
      verifySnapshotCache: true,
      ...options.loop,
    });
  }

  /** Record DAG definitions as if parsed from one file each. */
  async addDags(...definitions: DagDefinition[]): Promise<void> {
    await this.store.migrate();
    for (const definition of definitions) {
      const file: ParsedFile = {
        fileloc: definition.fileloc,
        ok: true,
        bundle: {
          bundleHash: `bundle-${definition.fileloc}`,
          fileloc: definition.fileloc,
          source: "// test",
          code: "export {};",
        },
        dags: [definition],
      };
      await this.store.recordParsedFile(file, { now: this.clock.now(), pausedAtCreation: false });
    }
  }

  /** Run scheduling steps until nothing changes (at most `limit`). */
  async settle(limit = 50): Promise<void> {
    for (let round = 0; round < limit; round++) {
      const before = JSON.stringify(await this.#fingerprint());
      await this.loop.step();
      if (JSON.stringify(await this.#fingerprint()) === before) return;
    }
    throw new Error(`the scheduler did not settle within ${limit} steps`);
  }

  /** Finish every open try (success unless `outcomes` says otherwise) and settle, repeatedly. */
  async runAll(
    outcomes: Record<
      string,
      TryOutcome | "success" | ((tryNumber: number) => TryOutcome | "success")
    > = {},
    limit = 100,
  ): Promise<void> {
    await this.settle();
    for (let round = 0; round < limit && this.executor.open.length > 0; round++) {
      for (const job of [...this.executor.open]) {
        const decided = outcomes[job.key.taskId];
        const outcome = typeof decided === "function" ? decided(job.tryNumber) : decided;
        this.executor.finish(job.key.taskId, outcome ?? "success", {
          at: this.clock.now(),
          runId: job.key.runId,
        });
      }
      await this.settle();
    }
  }

  /** Task states of a run, by task id (`null` shown as "none"). */
  async states(dagId: string, runId: string): Promise<Record<string, string>> {
    const page = await this.store.listTaskInstances({
      dagIds: [dagId],
      runIds: [runId],
      limit: 1000,
    });
    return Object.fromEntries(page.items.map((ti) => [ti.taskId, ti.state ?? "none"]));
  }

  /** One task instance. */
  async instance(dagId: string, runId: string, taskId: string): Promise<TaskInstance> {
    const found = await this.store.getTaskInstance({ dagId, runId, taskId, mapIndex: -1 });
    if (!found) throw new Error(`no task instance ${dagId}.${taskId} in ${runId}`);
    return found;
  }

  async #fingerprint() {
    const runs = await this.store.listDagRuns({ limit: 1000 });
    const instances = await this.store.listTaskInstances({ limit: 100_000 });
    const dags = await this.store.listDags({ limit: 1000 });
    return [
      runs.items.map((run) => [run.runId, run.state]),
      instances.items.map((ti) => [ti.runId, ti.taskId, ti.state, ti.tryNumber]),
      dags.items.map(({ dag }) => [dag.dagId, dag.nextRun, dag.lastAutomatedRun]),
      this.executor.dispatched.length,
    ];
  }
}
