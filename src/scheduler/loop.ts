/**
 * The scheduling loop: read a snapshot, plan, write the step in one transaction, then dispatch,
 * cancel and run callbacks. Steps run when something happens (an executor event, a trigger, a
 * DAG change: call {@link SchedulerLoop.wake}) or when something becomes due, never more often
 * than needed and at least every `idleIntervalMs`.
 *
 * @module
 */

import { clearImmediate, setImmediate } from "node:timers";
import type { Clock, DagRun, SchedulingSnapshot, TaskInstanceKey } from "../core/mod.ts";
import type { Executor, ExecutorEvent } from "../executor/mod.ts";
import { RunAlreadyExistsError, type Store } from "../store/mod.ts";
import { DefinitionIndexCache } from "./definition_index.ts";
import { JobBuilder, type JobBuilderOptions } from "./job_builder.ts";
import { cancelUnwantedTries, dispatchPlan } from "./dispatch_plan.ts";
import { plan, type SchedulingLimits } from "./plan.ts";
import { skipCollidingRun } from "./skip_colliding_run.ts";
import { patchSnapshot } from "./snapshot_cache.ts";
import { taskKey } from "./working_state.ts";

/** How the loop runs. */
export interface SchedulerLoopOptions {
  store: Store;
  executor: Executor;
  clock: Clock;
  limits: SchedulingLimits;
  /** Which runs this loop advances; default: every run except backfills (fact 166). */
  owns?: (run: DagRun) => boolean;
  /** Create runs from timetables; default true. */
  createAutomatedRuns?: boolean;
  /** Advance runs of paused DAGs too (for backfill and `dags test`); default false. */
  ignorePause?: boolean;
  /** Longest wait between two steps when nothing happens; default 1000 ms. */
  idleIntervalMs?: number;
  /** Where the loop reports problems; default `console.error`. */
  log?: (message: string) => void;
  /** Called after each step was written. */
  afterStep?: () => void | Promise<void>;
  /** Compare each patched snapshot with a fresh read and throw on a difference (for tests). */
  verifySnapshotCache?: boolean;
  /** Where `UPDRAFT_CONN_<ID>` / `UPDRAFT_VAR_<KEY>` are read for tries; default: nowhere. */
  environment?: () => Record<string, string>;
  /** Where tries' connections and variables are read instead of `store` (see JobBuilder). */
  secrets?: JobBuilderOptions["secrets"];
}

/** The scheduling loop. */
export class SchedulerLoop {
  readonly #options: SchedulerLoopOptions;
  readonly #cache = new DefinitionIndexCache();
  readonly #jobs: JobBuilder;
  readonly #events: ExecutorEvent[] = [];
  readonly #cancelsSent = new Set<string>();
  readonly #inFlight = new Map<string, { key: TaskInstanceKey; tryNumber: number }>();
  /** The last snapshot, patched with this loop's own writes, and the store version it matches. */
  #cached: { snapshot: SchedulingSnapshot; version: string } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #immediate: ReturnType<typeof setImmediate> | undefined;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(options: SchedulerLoopOptions) {
    this.#options = options;
    this.#jobs = new JobBuilder(options.store, {
      environment: options.environment,
      secrets: options.secrets,
    });
    options.executor.onEvent((event) => {
      this.#events.push(event);
      this.wake();
    });
  }

  /** Start stepping. */
  start(): void {
    this.#stopped = false;
    this.wake();
  }

  /** Step as soon as possible (coalesced: many wakes make one step). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Run one step now and wait for it (for tests and one-shot commands). */
  async step(): Promise<void> {
    if (this.#running) await this.#running;
    this.#running = this.#step().finally(() => (this.#running = null));
    await this.#running;
  }

  /** Stop stepping; waits for the step in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelScheduled();
    if (this.#running) await this.#running;
  }

  /**
   * Step after `delayMs`. "At once" uses `setImmediate`: `setTimeout(0)` waits ~2 ms in Deno,
   * which a task transition would pay twice.
   */
  #schedule(delayMs: number): void {
    this.#cancelScheduled();
    const run = () => {
      this.#timer = this.#immediate = undefined;
      if (this.#stopped || this.#running) return;
      this.#running = this.#step().finally(() => {
        this.#running = null;
        if (this.#again && !this.#stopped) {
          this.#again = false;
          this.#schedule(0);
        }
      });
    };
    if (delayMs <= 0) this.#immediate = setImmediate(run);
    else this.#timer = setTimeout(run, delayMs);
  }

  #cancelScheduled(): void {
    clearTimeout(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    this.#timer = this.#immediate = undefined;
  }

  /** The cached snapshot while the store says nothing else changed since; else a fresh read. */
  async #snapshot(): Promise<SchedulingSnapshot> {
    const { store } = this.#options;
    if (this.#cached && this.#cached.version === await store.schedulingVersion()) {
      return this.#cached.snapshot;
    }
    this.#cached = null;
    return await store.loadSchedulingSnapshot();
  }

  async #verify(patched: SchedulingSnapshot): Promise<void> {
    const fresh = await this.#options.store.loadSchedulingSnapshot();
    // Definitions are immutable (a patched snapshot may still hold those of finished runs).
    const comparable = ({ dags, activeRuns, pools }: SchedulingSnapshot) =>
      JSON.stringify({ dags, activeRuns, pools });
    if (comparable(patched) !== comparable(fresh)) {
      throw new Error(
        `the patched snapshot differs from the store's:\n${comparable(patched)}\n${
          comparable(fresh)
        }`,
      );
    }
  }

  async #step(): Promise<void> {
    const { store, executor, clock } = this.#options;
    const idle = this.#options.idleIntervalMs ?? 1000;
    let next = idle;
    try {
      const snapshot = await this.#snapshot();
      const events = this.#events.splice(0);
      for (const event of events) {
        if (
          event.type === "finished" &&
          this.#inFlight.get(taskKey(event.key))?.tryNumber === event.tryNumber
        ) {
          this.#inFlight.delete(taskKey(event.key));
        }
      }
      const tries = { executor, cancelsSent: this.#cancelsSent, inFlight: this.#inFlight };
      cancelUnwantedTries(snapshot, tries);
      const now = clock.now();
      const decided = plan(snapshot, now, {
        limits: this.#options.limits,
        executorId: executor.id,
        liveExecutorIds: new Set([executor.id]),
        events,
        owns: this.#options.owns ?? ((run) => run.runType !== "backfill"),
        createAutomatedRuns: this.#options.createAutomatedRuns ?? true,
        ignorePause: this.#options.ignorePause ?? false,
        cache: this.#cache,
      });
      let written;
      try {
        written = await store.applySchedulingStep(decided.step);
      } catch (error) {
        this.#cached = null;
        if (!(error instanceof RunAlreadyExistsError)) {
          this.#events.unshift(...events);
          throw error;
        }
        this.#events.unshift(...events);
        await skipCollidingRun(store, decided.step, error, now, this.#cache, snapshot);
        next = 0;
        return;
      }
      const patched = patchSnapshot(snapshot, decided.step, written);
      this.#cached = patched ? { snapshot, version: written.version } : null;
      if (this.#options.verifySnapshotCache && patched) await this.#verify(snapshot);
      await dispatchPlan(decided, written, {
        snapshot,
        executor,
        jobs: this.#jobs,
        cache: this.#cache,
        cancelsSent: this.#cancelsSent,
        inFlight: this.#inFlight,
        failLater: (event) => this.#events.push(event),
        now,
      });
      if (decided.changed || written.conflicts > 0 || this.#events.length > 0) next = 0;
      else if (decided.wakeAt !== null) next = Math.min(idle, decided.wakeAt - clock.now());
      await this.#options.afterStep?.();
    } catch (error) {
      (this.#options.log ?? console.error)(
        `scheduler: a scheduling step failed and will be retried: ${
          error instanceof Error ? error.stack ?? error.message : String(error)
        }`,
      );
    } finally {
      if (!this.#stopped) this.#schedule(next);
    }
  }
}
