/**
 * "Why is this task waiting?": the checks the scheduler makes before it schedules and queues a
 * task instance, each said in words with the numbers behind it. The trigger rule verdict is the
 * core's own (`evaluateTriggerRule`); the other checks restate the scheduler's conditions
 * (advance_run.ts, queue_tasks.ts, plan.ts) for one instance.
 *
 * @module
 */

import {
  countUpstream,
  type DagDefinition,
  type DagRecord,
  type DagRun,
  evaluateTriggerRule,
  formatDuration,
  type Pool,
  type PreviousRunStates,
  type TaskDefinition,
  type TaskInstance,
  type TaskInstanceState,
} from "../../core/mod.ts";
import { formatTime } from "../../../ui/components/mod.ts";
import { lookOf } from "../../../ui/mod.ts";
import type { DependencyCheck, WaitingExplanation } from "../../../ui/task_instance/mod.ts";

/** What the checks look at, loaded by the caller. */
export interface WaitingFacts {
  now: number;
  dag: DagRecord | null;
  run: DagRun;
  definition: DagDefinition;
  task: TaskDefinition;
  instance: TaskInstance;
  /** Every instance of the task's direct upstream tasks in this run. */
  upstream: TaskInstance[];
  /** The previous run the task depends on; undefined when the task does not look back. */
  previous?: PreviousRunStates | null;
  pool: Pool | null;
  /** Slots taken in the pool by queued and running instances. */
  poolSlotsUsed: number;
  /** Queued and running instances of the DAG, across its runs. */
  dagExecuting: number;
  maxActiveTasks: number;
  /** Running runs of the DAG, and the limit (for a queued run). */
  runningRuns: number;
  maxActiveRuns: number;
}

const WAITING_STATES: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>([
  null,
  "scheduled",
  "up_for_retry",
  "up_for_reschedule",
]);
const PAST_OK: ReadonlySet<TaskInstanceState> = new Set<TaskInstanceState>(["success", "skipped"]);

/** Explain whether and why the instance waits. */
export function explainWaiting(facts: WaitingFacts): WaitingExplanation {
  const { instance } = facts;
  const settled = notWaiting(instance.state);
  if (settled !== null) return settled;
  const checks: DependencyCheck[] = [pausedCheck(facts), runStateCheck(facts)];
  if (instance.state === "up_for_retry" || instance.state === "up_for_reschedule") {
    checks.push(retryCheck(facts));
  }
  checks.push(triggerRuleCheck(facts));
  checks.push(...pastChecks(facts));
  checks.push(poolCheck(facts), maxActiveTasksCheck(facts));
  const failing = checks.filter((check) => !check.passed);
  return {
    applies: true,
    summary: failing.length === 0
      ? "Every check passes: the scheduler picks this task instance up at its next step."
      : failing[0].detail +
        (failing.length > 1
          ? ` (${failing.length - 1} more check${failing.length > 2 ? "s" : ""} not met below.)`
          : ""),
    checks,
  };
}

/** What to say about an instance that is not waiting (queued, executing, finished); else null. */
export function notWaiting(state: TaskInstanceState): WaitingExplanation | null {
  if (WAITING_STATES.has(state)) return null;
  const word = lookOf(state).label;
  const summary = state === "queued"
    ? "It is queued: every dependency was met and it waits for the executor to start it."
    : state === "running" || state === "deferred" || state === "restarting"
    ? `It is ${word}: it is not waiting on anything.`
    : `It has finished (${word}): clear it to run it again.`;
  return { applies: false, summary, checks: [] };
}

function pausedCheck({ dag, run }: WaitingFacts): DependencyCheck {
  const paused = (dag?.isPaused ?? false) && run.runType !== "backfill";
  return {
    id: "dag_paused",
    title: "DAG not paused",
    passed: !paused,
    detail: paused
      ? "The DAG is paused: the scheduler does not advance its runs until it is unpaused."
      : "The DAG is not paused.",
  };
}

function runStateCheck({ run, runningRuns, maxActiveRuns }: WaitingFacts): DependencyCheck {
  const detail = run.state === "running"
    ? "The run is running."
    : run.state === "queued"
    ? `The run is queued, not running: it starts when fewer than ${maxActiveRuns} runs of this ` +
      `DAG are running (max_active_runs; ${runningRuns} running now).`
    : `The run has finished (${run.state}): the scheduler only schedules tasks of running ` +
      "runs. Clear this task to run it again.";
  return { id: "run_state", title: "Run is running", passed: run.state === "running", detail };
}

function retryCheck({ instance, now }: WaitingFacts): DependencyCheck {
  const due = instance.nextAttemptAt ?? now;
  const passed = due <= now;
  return {
    id: "retry_delay",
    title: "Retry delay passed",
    passed,
    detail: passed
      ? `The retry delay passed at ${formatTime(due)} (UTC).`
      : `The retry delay has not passed: the next try becomes eligible at ${
        formatTime(due)
      } (UTC), in ${formatDuration(due - now)}.`,
  };
}

function triggerRuleCheck({ task, instance, upstream }: WaitingFacts): DependencyCheck {
  const counts = countUpstream(upstream.map((entry) => entry.state));
  const decision = evaluateTriggerRule(task.triggerRule, counts, { mapIndex: instance.mapIndex });
  const base = { id: "trigger_rule", title: "Trigger rule met" };
  if (decision.kind === "run") {
    const detail = counts.total === 0
      ? `It has no upstream tasks, so trigger rule '${task.triggerRule}' is met.`
      : `Trigger rule '${task.triggerRule}' is met (upstream: ${describeStates(upstream)}).`;
    return { ...base, passed: true, detail };
  }
  if (decision.kind === "wait") {
    return { ...base, passed: false, detail: sentence(decision.reason) };
  }
  return {
    ...base,
    passed: false,
    detail: `${sentence(decision.reason)} The scheduler sets it to ${
      lookOf(decision.state).label
    } at its next step.`,
  };
}

function pastChecks(facts: WaitingFacts): DependencyCheck[] {
  const { task, previous, definition } = facts;
  if (!task.dependsOnPast && !task.waitForDownstream) return [];
  const checks: DependencyCheck[] = [];
  const which = definition.catchup ? "previous scheduled run" : "previous run";
  const own = previous?.states[task.taskId];
  const ownPassed = !previous || own === undefined || own.every((state) => PAST_OK.has(state));
  checks.push({
    id: "depends_on_past",
    title: "Previous run's task succeeded (depends_on_past)",
    passed: ownPassed,
    detail: !previous
      ? `There is no ${which}, so depends_on_past is met.`
      : own === undefined
      ? `The ${which} ${previous.runId} has no instance of this task, so it is not waited for.`
      : `In the ${which} ${previous.runId} this task is ${wordsOf(own)}` +
        (ownPassed ? "." : "; it must be success or skipped."),
  });
  if (task.waitForDownstream && previous) {
    const downstream = definition.tasks.filter((entry) => entry.upstream.includes(task.taskId));
    const blocking = downstream.filter((entry) =>
      !(previous.states[entry.taskId] ?? []).every((state) => PAST_OK.has(state))
    );
    checks.push({
      id: "wait_for_downstream",
      title: "Previous run's downstream tasks succeeded (wait_for_downstream)",
      passed: blocking.length === 0,
      detail: blocking.length === 0
        ? `In the ${which} ${previous.runId} every direct downstream task succeeded or was ` +
          "skipped."
        : `In the ${which} ${previous.runId} ${
          blocking.map((entry) =>
            `${entry.taskId} is ${wordsOf(previous.states[entry.taskId] ?? [])}`
          ).join(", ")
        }; each must be success or skipped.`,
    });
  }
  return checks;
}

function poolCheck({ instance, pool, poolSlotsUsed }: WaitingFacts): DependencyCheck {
  const base = { id: "pool", title: `Pool slot free (${instance.pool})` };
  if (pool === null) {
    return {
      ...base,
      passed: false,
      detail:
        `Pool '${instance.pool}' does not exist: the task is never queued until it is created.`,
    };
  }
  const needs = `this task needs ${instance.poolSlots}`;
  if (instance.poolSlots > pool.slots) {
    return {
      ...base,
      passed: false,
      detail:
        `Pool '${pool.name}' has only ${pool.slots} slots in all and ${needs}: it can never be queued.`,
    };
  }
  const open = pool.slots - poolSlotsUsed;
  return {
    ...base,
    passed: instance.poolSlots <= open,
    detail: `Pool '${pool.name}' has ${Math.max(0, open)} of ${pool.slots} slots open ` +
      `(${poolSlotsUsed} taken by queued and running tasks); ${needs}.`,
  };
}

function maxActiveTasksCheck(
  { dagExecuting, maxActiveTasks }: WaitingFacts,
): DependencyCheck {
  return {
    id: "max_active_tasks",
    title: "DAG below max_active_tasks",
    passed: dagExecuting < maxActiveTasks,
    detail: `${dagExecuting} of this DAG's task instances are queued or running, across its ` +
      `runs; its max_active_tasks is ${maxActiveTasks}.`,
  };
}

function describeStates(instances: TaskInstance[]): string {
  const counts = new Map<string, number>();
  for (const { state } of instances) {
    const word = state === null ? "not started" : lookOf(state).label;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, count]) => `${count} ${word}`).join(", ");
}

function wordsOf(states: TaskInstanceState[]): string {
  return states.length === 0 ? "absent" : states.map((state) => lookOf(state).label).join(", ");
}

/** A reason from the core as a sentence: capital first letter, full stop. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
