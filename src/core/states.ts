/**
 * The closed sets of states for task instances and DAG runs (Airflow 2.10, reference §1).
 *
 * @module
 */

/** Every state a task instance can be in; `null` means "created, dependencies not yet met". */
export const TASK_INSTANCE_STATES = [
  "removed",
  "scheduled",
  "queued",
  "running",
  "success",
  "restarting",
  "failed",
  "up_for_retry",
  "up_for_reschedule",
  "upstream_failed",
  "skipped",
  "deferred",
] as const;

/** A task instance state other than `null`. */
export type TaskInstanceStateName = (typeof TASK_INSTANCE_STATES)[number];

/** A task instance's state; `null` is Airflow's "none". */
export type TaskInstanceState = TaskInstanceStateName | null;

/** Terminal task instance states (fact 2). */
export const FINISHED_TASK_STATES: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  "success",
  "failed",
  "skipped",
  "upstream_failed",
  "removed",
]);

/** States the scheduler may pick up for scheduling (fact 5). */
export const SCHEDULABLE_TASK_STATES: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  null,
  "up_for_retry",
  "up_for_reschedule",
]);

/** States counted against parallelism, pools and concurrency limits (fact 5). */
export const EXECUTING_TASK_STATES: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  "queued",
  "running",
]);

/** Whether a task instance state is terminal. */
export function isFinishedTaskState(state: TaskInstanceState): boolean {
  return FINISHED_TASK_STATES.has(state);
}

/** Every state a DAG run can be in (fact 8). */
export const DAG_RUN_STATES = ["queued", "running", "success", "failed"] as const;

/** A DAG run's state. */
export type DagRunState = (typeof DAG_RUN_STATES)[number];

/** Whether a DAG run state is terminal. */
export function isFinishedRunState(state: DagRunState): boolean {
  return state === "success" || state === "failed";
}

/** How a DAG run came to exist (fact 10). */
export const RUN_TYPES = ["scheduled", "manual", "backfill", "dataset_triggered"] as const;

/** A DAG run's type. */
export type RunType = (typeof RUN_TYPES)[number];
