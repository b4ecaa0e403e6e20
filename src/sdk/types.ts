/**
 * The option types DAG files write: what `dag()`, `task()`, `bash()` and the other builders
 * accept, and the `ctx` a task receives.
 *
 * @module
 */

import type { JsonObject, JsonValue, Permissions, RunType } from "../core/mod.ts";

/** A duration: `"30s"`, `"5m"`, `"1h"`, `"1d"`, or a number of milliseconds. */
export type Duration = string | number;

/** A callback run after a try's state changed; `error` is the message of what ended the try. */
export type TaskCallback = (ctx: TaskContext, error?: string) => void | Promise<void>;

/** Options every task builder accepts (Airflow's BaseOperator arguments). */
export interface TaskOptions {
  /** Unique within the DAG; letters, digits, `_`, `.` and `-`. */
  id: string;
  /** How many times a failed try is retried (default 0). */
  retries?: number;
  /** The wait before a retry (default "5m"). */
  retryDelay?: Duration;
  /** Double the wait after each failed try, with jitter (default false). */
  retryExponentialBackoff?: boolean;
  /** The longest wait between tries when backing off exponentially. */
  maxRetryDelay?: Duration;
  /** How long a try may run before it is killed and fails (default: no limit). */
  executionTimeout?: Duration;
  /** When the task runs, given its direct upstream states (default "all_success"). */
  triggerRule?: string;
  /** Run only when this task succeeded or was skipped in the previous run. */
  dependsOnPast?: boolean;
  /** Also wait for this task's direct downstream tasks of the previous run (implies dependsOnPast). */
  waitForDownstream?: boolean;
  /** The pool whose slots the task takes (default "default_pool"). */
  pool?: string;
  /** How many slots of the pool the task takes (default 1, at least 1). */
  poolSlots?: number;
  /** The task's own priority (default 1); see `weightRule`. */
  priorityWeight?: number;
  /** How the effective priority is summed: "downstream" (default), "upstream" or "absolute". */
  weightRule?: string;
  /** What the task's sandbox may touch; anything not listed is denied (default: nothing). */
  permissions?: Permissions;
  /**
   * Connections the task reads with `ctx.connection(id)`; each connection's host and port (or
   * its database file) is added to the task's permissions when a try starts.
   */
  connections?: string[];
  /** Who owns the task (shown as the DAG's owner when the DAG sets none). */
  owner?: string;
  /** Called when a try fails for good. */
  onFailure?: TaskCallback;
  /** Called when a try succeeds. */
  onSuccess?: TaskCallback;
  /** Called when a try fails and will be retried. */
  onRetry?: TaskCallback;
  /** Documentation shown in the dashboard (Markdown). */
  doc?: string;
}

/** Task options a DAG applies to all of its tasks unless a task sets them. */
export type DefaultArgs = Omit<TaskOptions, "id">;

/**
 * A schedule: a cron expression, a preset (`"@daily"`, `"@hourly"`, …), `"@once"`, an interval
 * `{ every: "6h" }`, or `null` for manual runs only.
 */
export type ScheduleOption = string | { every: Duration } | null;

/** Options of `dag()`. */
export interface DagOptions {
  /** Unique among all DAGs; letters, digits, `_`, `.` and `-`; at most 250 characters. */
  id: string;
  /** When the DAG runs on its own (default null: manual runs only). */
  schedule?: ScheduleOption;
  /** The first logical date (ISO date or date-time, or a Date); required when scheduled. */
  startDate?: string | Date;
  /** The last logical date (inclusive). */
  endDate?: string | Date;
  /** IANA zone: naive start and end dates are read in it, cron runs in it (default "UTC"). */
  timezone?: string;
  /** Create the runs missed since the start date (default false, like Airflow 3). */
  catchup?: boolean;
  /** Labels shown and filtered on in the dashboard. */
  tags?: string[];
  /** Values templates and tasks read as `params`; a run's `conf` overrides them. */
  params?: JsonObject;
  /** Task options applied to every task unless the task sets them. */
  defaultArgs?: DefaultArgs;
  /** Most runs queued or running at once (default: the configured limit). */
  maxActiveRuns?: number;
  /** Most task instances queued or running at once across the DAG's runs. */
  maxActiveTasks?: number;
  /** One line shown in the DAG list. */
  description?: string;
  /** A run still unfinished after this long is failed. */
  dagrunTimeout?: Duration;
  /** Whether the DAG starts paused (default: the configured default). */
  isPausedUponCreation?: boolean;
  /** Documentation shown in the dashboard (Markdown). */
  doc?: string;
  /** The DAG's owner (default: the tasks' owners, else "updraft"). */
  owner?: string;
}

/** Access to XComs from inside a task. */
export interface XComAccess {
  /** Store `value` (JSON) under `key` for this task instance; replaces an earlier push. */
  push(key: string, value: unknown): void;
  /**
   * Read XComs of this run. One task id: its value, or undefined when there is none. A list of
   * task ids: the values that exist, in the given order (missing ones omitted).
   */
  pull(taskIds: string, key?: string): JsonValue | undefined;
  pull(taskIds: string[], key?: string): JsonValue[];
}

/** What a task's function receives as its first argument. */
export interface TaskContext {
  dagId: string;
  runId: string;
  taskId: string;
  /** -1 for an unmapped task. */
  mapIndex: number;
  /** The number of this try, from 1. */
  tryNumber: number;
  maxTries: number;
  logicalDate: Date;
  /** The logical date as `YYYY-MM-DD` (UTC). */
  ds: string;
  /** The logical date as `YYYYMMDD` (UTC). */
  dsNodash: string;
  /** The logical date as ISO-8601 with offset, e.g. `2024-01-03T00:00:00+00:00`. */
  ts: string;
  dataIntervalStart: Date;
  dataIntervalEnd: Date;
  /** The DAG's params with the run's conf laid over them. */
  params: JsonObject;
  /** The conf the run was triggered with. */
  conf: JsonObject;
  runType: RunType;
  /** Whether the run was triggered by hand or by the API. */
  externalTrigger: boolean;
  xcom: XComAccess;
  /** Write a line to the task's log; arguments are formatted like `console.log`. */
  log(...args: unknown[]): void;
  /** Aborted when the try times out or is cancelled. */
  signal: AbortSignal;
  /** The operator's fields, templated ones rendered (custom operators read them here). */
  fields: JsonObject;
  /**
   * A connection the task declared (`connections` option, or its operator's), resolved when the
   * try started: from `UPDRAFT_CONN_<ID>` first, else the database. Throws for any other id.
   */
  connection(connId: string): TaskConnection;
}

/** A connection as a task sees it: Airflow's fields, `extra` parsed (`extra_dejson`). */
export interface TaskConnection {
  connId: string;
  connType: string;
  host: string | null;
  schema: string | null;
  login: string | null;
  password: string | null;
  port: number | null;
  /** The connection's extra options as an object (`{}` when it has none). */
  extra: JsonObject;
}
