/**
 * The parsed, serializable form of a DAG: what the loader produces from a DAG file, what the
 * store keeps per version, and what the scheduler and the executor read. Plain JSON, immutable.
 *
 * @module
 */

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Every trigger rule Airflow 2.10 accepts after normalising deprecated spellings (fact 24). */
export const TRIGGER_RULES = [
  "all_success",
  "all_failed",
  "all_done",
  "all_done_setup_success",
  "one_success",
  "one_failed",
  "one_done",
  "none_failed",
  "none_failed_min_one_success",
  "none_skipped",
  "always",
  "all_skipped",
] as const;

/** A trigger rule. */
export type TriggerRule = (typeof TRIGGER_RULES)[number];

/** Deprecated trigger rule spellings and what they become (fact 25). */
export const DEPRECATED_TRIGGER_RULES: Readonly<Record<string, TriggerRule>> = {
  dummy: "always",
  none_failed_or_skipped: "none_failed_min_one_success",
};

/** How a task's priority weight is summed (fact 109). */
export const WEIGHT_RULES = ["downstream", "upstream", "absolute"] as const;

/** A weight rule. */
export type WeightRule = (typeof WEIGHT_RULES)[number];

/**
 * What a task's sandbox may touch; anything not listed is denied. Each list holds what Deno's
 * permission flags accept: paths for `read`/`write`, `host[:port]` for `net`, variable names for
 * `env`, program names or paths for `run`.
 */
export interface Permissions {
  net?: string[];
  read?: string[];
  write?: string[];
  env?: string[];
  run?: string[];
}

/** The kinds of permission a task may declare. */
export const PERMISSION_KINDS = ["net", "read", "write", "env", "run"] as const;

/**
 * The union of two permission sets, first's items first, each once (an operator's needs and what
 * the task declares; a task's and its connections' addresses).
 */
export function mergePermissions(first: Permissions, second: Permissions): Permissions {
  const merged: Permissions = {};
  for (const kind of PERMISSION_KINDS) {
    const items = [...(first[kind] ?? []), ...(second[kind] ?? [])];
    if (items.length > 0) merged[kind] = [...new Set(items)];
  }
  return merged;
}

/**
 * When a DAG runs on its own.
 * - `cron`: a cron expression (presets are stored expanded, with the preset kept for display);
 * - `interval`: every `everyMs` milliseconds, anchored at the start date;
 * - `once`: exactly one run at the start date;
 * - `none`: only manual runs.
 */
export type Schedule =
  | { kind: "cron"; expression: string; preset?: string }
  | { kind: "interval"; everyMs: number }
  | { kind: "once" }
  | { kind: "none" };

/** How the executor runs a task. */
export type TaskKind = "function" | "bash" | "empty";

/** A positional argument of a TaskFlow task: another task's XCom, or a literal value. */
export type TaskInput =
  | { kind: "xcom"; taskId: string; key: string }
  | { kind: "value"; value: JsonValue };

/** A task as parsed from a DAG file. */
export interface TaskDefinition {
  taskId: string;
  /** The operator's name as users see it: "task", "bash", "empty", "branch", "shortCircuit", … */
  operator: string;
  kind: TaskKind;
  /** Direct upstream task ids, sorted. */
  upstream: string[];
  triggerRule: TriggerRule;
  retries: number;
  retryDelayMs: number;
  retryExponentialBackoff: boolean;
  maxRetryDelayMs: number | null;
  executionTimeoutMs: number | null;
  dependsOnPast: boolean;
  waitForDownstream: boolean;
  pool: string;
  poolSlots: number;
  /** The task's own weight; the effective weight follows `weightRule`. */
  priorityWeight: number;
  weightRule: WeightRule;
  permissions: Permissions;
  /** Which callbacks the DAG file defines for this task (the functions stay in the bundle). */
  callbacks: { onFailure: boolean; onSuccess: boolean; onRetry: boolean };
  /** Branch tasks choose which direct downstream tasks run. */
  branch: boolean;
  /** Short-circuit tasks skip downstream on a falsy result; null when not a short-circuit. */
  shortCircuit: { ignoreDownstreamTriggerRules: boolean } | null;
  /** Templated fields, unrendered (for bash: `command`, `env`). Rendered per try. */
  templateFields: JsonObject;
  /** Fields the operator keeps as given, not templated. */
  fields: JsonObject;
  /** TaskFlow inputs, passed to the task's function after its context. */
  inputs: TaskInput[];
  /** Names of the variables the templated fields read (`var.value.x`, `var.json.x`). */
  variablesUsed: string[];
  /**
   * Connection ids the task uses (its `connections` option and its operator's): each is handed
   * to the try, and its host (or file) is added to the task's permissions when the try starts.
   */
  connections: string[];
  /** Connection ids the templated fields read (`conn.my_db.host`): handed over, nothing granted. */
  connectionsUsed: string[];
  doc: string | null;
}

/** A DAG as parsed from a DAG file. */
export interface DagDefinition {
  dagId: string;
  /** Path of the DAG file relative to the DAG folder, with forward slashes. */
  fileloc: string;
  description: string | null;
  schedule: Schedule;
  /** The schedule as the user wrote it (for display and the REST API), null when none. */
  scheduleText: string | null;
  /** Epoch milliseconds (UTC); null only when the schedule is `none`. */
  startDate: number | null;
  endDate: number | null;
  /** IANA zone in which cron expressions are evaluated; default "UTC". */
  timezone: string;
  catchup: boolean;
  tags: string[];
  owner: string;
  params: JsonObject;
  maxActiveRuns: number | null;
  maxActiveTasks: number | null;
  dagrunTimeoutMs: number | null;
  /** Null means "use the configured default". */
  isPausedUponCreation: boolean | null;
  doc: string | null;
  /** Tasks in definition order. */
  tasks: TaskDefinition[];
}
