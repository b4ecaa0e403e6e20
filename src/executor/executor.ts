/**
 * The executor's contract with the scheduler. The scheduler dispatches self-contained jobs (one
 * try each) and learns what happened only through events; it never waits on a task. Tasks never
 * touch the store: everything a try needs travels in its job, everything it produces comes back
 * in its events.
 *
 * @module
 */

import type {
  Connection,
  JsonObject,
  JsonValue,
  TaskContextData,
  TaskDefinition,
  TaskInstanceKey,
  XComValue,
} from "../core/mod.ts";

/** One try of one task instance, ready to run. */
export interface TaskJob {
  key: TaskInstanceKey;
  tryNumber: number;
  task: TaskDefinition;
  /** The DAG file's bundled code (the version the run pinned), by its hash. */
  bundle: { hash: string; code: string };
  context: TaskContextData;
  /** XComs of the task's upstream tasks (transitively) in this run. */
  xcoms: XComValue[];
  /** Variables the task's templates read, by key. */
  variables: Record<string, string>;
  /**
   * The connections the task declared or its templates read, resolved (environment first, then
   * the store) and decrypted; their secrets are masked in everything the try writes.
   */
  connections: Connection[];
  /** Milliseconds this try may run before it is killed and failed; null: no limit. */
  executionTimeoutMs: number | null;
}

/** Which callback to run after a try's state changed. */
export type CallbackKind = "onSuccess" | "onFailure" | "onRetry";

/** A callback to run in a fresh sandbox with the task's permissions. */
export interface CallbackJob {
  kind: CallbackKind;
  job: TaskJob;
  /** The error that ended the try, for failure and retry callbacks. */
  error: string | null;
}

/** How a try ended. */
export type TryOutcome =
  | { status: "success" }
  /** `noRetry`: the task asked to fail without retrying (fact 74). */
  | { status: "failed"; error: string; noRetry: boolean }
  | { status: "skipped"; reason: string }
  /**
   * A sensor in reschedule mode poked and was not done: the attempt ends `up_for_reschedule`
   * without using up the try, to poke again at `at` (fact 95).
   */
  | { status: "reschedule"; at: number };

/** What the executor reports. */
export type ExecutorEvent =
  | {
    type: "started";
    key: TaskInstanceKey;
    tryNumber: number;
    at: number;
    hostname: string;
    pid: number;
    renderedFields: JsonObject | null;
  }
  | {
    type: "finished";
    key: TaskInstanceKey;
    tryNumber: number;
    at: number;
    outcome: TryOutcome;
    /** XComs pushed during the try, including `return_value` (fact 111). */
    xcoms: { key: string; value: JsonValue }[];
    /** For branch tasks: the task ids the branch chose to follow (fact 81). */
    followed?: string[];
    /** For short-circuit tasks: whether the result was truthy (fact 89). */
    proceed?: boolean;
    renderedFields: JsonObject | null;
  };

/** Runs tries in sandboxes and reports what happened. */
export interface Executor {
  /** Identifies this executor in task instances, so a lost one's tries can be found. */
  readonly id: string;
  /** Start a try. Returns at once; progress arrives as events. */
  dispatch(job: TaskJob): void;
  /** Stop a running try (run timeout, clear, mark); it then reports a failed outcome. */
  cancel(key: TaskInstanceKey, tryNumber: number, reason: string): void;
  /** Run a task's callback in a fresh sandbox; output goes to the try's log. */
  runCallback(callback: CallbackJob): void;
  /** Register the listener that receives every event. */
  onEvent(listener: (event: ExecutorEvent) => void): void;
  /** Append a line written by the scheduler (e.g. "sandbox lost") to a try's log. */
  appendLog(key: TaskInstanceKey, tryNumber: number, line: string): Promise<void>;
  /** Stop accepting work, stop running tries, release the sandboxes. */
  close(): Promise<void>;
}

/** Where a try's log lives under the home folder, in Airflow's layout. */
export function taskLogPath(logsFolder: string, key: TaskInstanceKey, tryNumber: number): string {
  const mapped = key.mapIndex >= 0 ? `/map_index=${key.mapIndex}` : "";
  return `${logsFolder}/dag_id=${safe(key.dagId)}/run_id=${safe(key.runId)}/task_id=${
    safe(key.taskId)
  }${mapped}/attempt=${tryNumber}.log`;
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.~+-]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}
