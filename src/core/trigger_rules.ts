/**
 * Trigger rules (§2): given the states of a task instance's direct upstream task instances,
 * whether it may run, must wait, or is decided now (`skipped` / `upstream_failed`). Implements
 * Airflow 2.10's scheduler semantics, with states written before the run check (fact 29) and
 * failure winning over skip (fact 31).
 *
 * @module
 */

import { DEPRECATED_TRIGGER_RULES } from "./definition.ts";
import type { TaskInstanceState } from "./states.ts";

/** How many direct upstream task instances are in each state (notation of fact 0.3). */
export interface UpstreamCounts {
  /** N: every direct upstream task instance (mapped upstreams count once per index). */
  total: number;
  success: number;
  failed: number;
  upstreamFailed: number;
  skipped: number;
  removed: number;
  /** D: upstream instances in any finished state (success, failed, upstream_failed, skipped, removed). */
  done: number;
}

/** Count upstream states. */
export function countUpstream(states: readonly TaskInstanceState[]): UpstreamCounts {
  const counts: UpstreamCounts = {
    total: states.length,
    success: 0,
    failed: 0,
    upstreamFailed: 0,
    skipped: 0,
    removed: 0,
    done: 0,
  };
  for (const state of states) {
    if (state === "success") counts.success++;
    else if (state === "failed") counts.failed++;
    else if (state === "upstream_failed") counts.upstreamFailed++;
    else if (state === "skipped") counts.skipped++;
    else if (state === "removed") counts.removed++;
    else continue;
    counts.done++;
  }
  return counts;
}

/**
 * What a trigger rule decides: run now, wait (stay in state none), or write a final state.
 * `reason` is for users ("why is this task waiting?"). `removed` is written only for mapped
 * instances (fact 32, see {@link EvaluateOptions.mapIndex}).
 */
export type TriggerRuleDecision =
  | { kind: "run" }
  | { kind: "wait"; reason: string }
  | { kind: "write"; state: "skipped" | "upstream_failed" | "removed"; reason: string };

/** Details some rules need. */
export interface EvaluateOptions {
  /**
   * For `all_done_setup_success`: counts of the setup tasks among the upstream (which are also
   * included in the main counts). Absent means no setup upstream.
   */
  setup?: UpstreamCounts;
  /**
   * The instance's map index; -1 (default) when not mapped. For mapped instances, `removed`
   * upstreams are not required by `all_success`, `all_failed` and `none_failed*` (fact 32).
   */
  mapIndex?: number;
}

/**
 * Decide a trigger rule for one task instance. `rule` is a string so that an unknown rule can be
 * evaluated: it never passes (fact 20), so the instance waits and the run ends deadlocked.
 * Deprecated spellings (`dummy`, `none_failed_or_skipped`) are read as their replacements.
 */
export function evaluateTriggerRule(
  rule: string,
  counts: UpstreamCounts,
  options: EvaluateOptions = {},
): TriggerRuleDecision {
  const name = DEPRECATED_TRIGGER_RULES[rule] ?? rule;
  if (counts.total === 0 || name === "always") return RUN;
  const written = writtenState(name, counts, options);
  if (written !== null) return written;
  const waiting = unmet(name, counts, options);
  return waiting === null ? RUN : { kind: "wait", reason: waiting };
}

const RUN: TriggerRuleDecision = { kind: "run" };

function summary(counts: UpstreamCounts): string {
  const parts: string[] = [];
  const add = (count: number, label: string) => count > 0 && parts.push(`${count} ${label}`);
  add(counts.success, "success");
  add(counts.failed, "failed");
  add(counts.upstreamFailed, "upstream_failed");
  add(counts.skipped, "skipped");
  add(counts.removed, "removed");
  add(counts.total - counts.done, "not done");
  return `upstream: ${parts.join(", ")}`;
}

function write(
  state: "skipped" | "upstream_failed" | "removed",
  rule: string,
  why: string,
  counts: UpstreamCounts,
): TriggerRuleDecision {
  return { kind: "write", state, reason: `trigger rule '${rule}': ${why} (${summary(counts)})` };
}

/** The state a rule writes before checking whether the instance may run (table of §2.3). */
function writtenState(
  rule: string,
  counts: UpstreamCounts,
  options: EvaluateOptions,
): TriggerRuleDecision | null {
  const { success, failed, upstreamFailed, skipped, removed, done, total } = counts;
  const allDone = done >= total;
  const anyFailed = failed + upstreamFailed > 0;
  switch (rule) {
    case "all_success":
      if (anyFailed) return write("upstream_failed", rule, "an upstream task failed", counts);
      if (skipped > 0) return write("skipped", rule, "an upstream task was skipped", counts);
      if (removed > 0 && success > 0 && (options.mapIndex ?? -1) >= success) {
        return write("removed", rule, "its upstream map index was removed", counts);
      }
      return null;
    case "all_failed":
      if (success + skipped > 0) {
        return write("skipped", rule, "an upstream task succeeded or was skipped", counts);
      }
      return null;
    case "one_success":
      if (allDone && done === skipped) {
        return write("skipped", rule, "every upstream task was skipped", counts);
      }
      if (allDone && success === 0) {
        return write("upstream_failed", rule, "no upstream task succeeded", counts);
      }
      return null;
    case "one_failed":
      if (allDone && !anyFailed) return write("skipped", rule, "no upstream task failed", counts);
      return null;
    case "one_done":
      if (allDone && success + failed === 0) {
        return write("skipped", rule, "no upstream task succeeded or failed", counts);
      }
      return null;
    case "none_failed":
      if (anyFailed) return write("upstream_failed", rule, "an upstream task failed", counts);
      return null;
    case "none_failed_min_one_success":
      if (anyFailed) return write("upstream_failed", rule, "an upstream task failed", counts);
      if (skipped === total) {
        return write("skipped", rule, "every upstream task was skipped", counts);
      }
      return null;
    case "none_skipped":
      if (skipped > 0) return write("skipped", rule, "an upstream task was skipped", counts);
      return null;
    case "all_skipped":
      if (success + failed + upstreamFailed > 0) {
        return write("skipped", rule, "an upstream task was not skipped", counts);
      }
      return null;
    case "all_done_setup_success": {
      const setup = options.setup;
      if (!allDone || setup === undefined || setup.total === 0) return null;
      if (setup.skipped >= setup.total) {
        return write("skipped", rule, "every upstream setup task was skipped", counts);
      }
      if (setup.success === 0) {
        return write("upstream_failed", rule, "no upstream setup task succeeded", counts);
      }
      return null;
    }
    default:
      return null;
  }
}

/** Why the rule does not pass yet, or null when it passes. */
function unmet(rule: string, counts: UpstreamCounts, options: EvaluateOptions): string | null {
  const { success, failed, upstreamFailed, skipped, done, total } = counts;
  const mapped = (options.mapIndex ?? -1) > -1;
  const removedOff = mapped ? counts.removed : 0;
  const state = summary(counts);
  const prefix = `trigger rule '${rule}'`;
  switch (rule) {
    case "all_success":
      return total - success - removedOff > 0
        ? `${prefix} needs all ${total} upstream tasks to succeed (${state})`
        : null;
    case "all_failed":
      return total - failed - upstreamFailed - removedOff > 0
        ? `${prefix} needs all ${total} upstream tasks to fail (${state})`
        : null;
    case "all_done":
      return done < total
        ? `${prefix} needs all ${total} upstream tasks to finish (${state})`
        : null;
    case "one_success":
      return success === 0 ? `${prefix} needs one upstream task to succeed (${state})` : null;
    case "one_failed":
      return failed + upstreamFailed === 0
        ? `${prefix} needs one upstream task to fail (${state})`
        : null;
    case "one_done":
      return success + failed === 0
        ? `${prefix} needs one upstream task to succeed or fail (${state})`
        : null;
    case "none_failed":
    case "none_failed_min_one_success":
      return total - success - skipped - removedOff > 0
        ? `${prefix} needs all ${total} upstream tasks to succeed or be skipped (${state})`
        : null;
    case "none_skipped":
      return done < total || skipped > 0
        ? `${prefix} needs all ${total} upstream tasks to finish without being skipped (${state})`
        : null;
    case "all_skipped":
      return total - skipped > 0
        ? `${prefix} needs all ${total} upstream tasks to be skipped (${state})`
        : null;
    case "all_done_setup_success": {
      if (done < total) return `${prefix} needs all ${total} upstream tasks to finish (${state})`;
      const setup = options.setup;
      return setup !== undefined && setup.total > 0 && setup.success < 1
        ? `${prefix} needs one upstream setup task to succeed (${state})`
        : null;
    }
    default:
      return `trigger rule '${rule}' is unknown, so this task can never run (${state})`;
  }
}
