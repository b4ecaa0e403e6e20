/**
 * The scheduler: the pure scheduling decision `plan(snapshot, now)`, the loop that applies it,
 * and the user actions (trigger, clear, mark, backfill) that change scheduling state.
 *
 * @module
 */

export { plan, type PlanOptions, type SchedulingLimits, type SchedulingPlan } from "./plan.ts";
export { SchedulerLoop, type SchedulerLoopOptions } from "./loop.ts";
export { DefinitionIndexCache, indexDefinition } from "./definition_index.ts";
export { contextData, JobBuilder } from "./job_builder.ts";
export { ActionError, type ActionErrorKind } from "./action_error.ts";
export { triggerDagRun, type TriggerRequest } from "./trigger_run.ts";
export { type ClearRequest, clearTaskInstances } from "./clear_task_instances.ts";
export {
  type MarkableState,
  markDagRun,
  markTaskInstances,
  type MarkTasksRequest,
} from "./mark_state.ts";
export { type BackfillPlan, type BackfillRequest, createBackfillRuns } from "./backfill.ts";
export { type RunSelection } from "./_selected_runs.ts";
