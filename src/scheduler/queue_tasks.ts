/**
 * Moving `scheduled` task instances to `queued` within the limits (facts 104–108): global
 * parallelism, each DAG's `maxActiveTasks`, pool slots; highest priority weight first, then the
 * oldest logical date.
 *
 * @module
 */

import type { TaskInstance, TaskInstanceKey } from "../core/mod.ts";
import type { SchedulingLimits } from "./plan.ts";
import { instanceKey, type RunEntry, type WorkingState } from "./working_state.ts";

/** How to queue. */
export interface QueueOptions {
  limits: SchedulingLimits;
  executorId: string;
  /** Runs whose scheduled instances may be queued now. */
  eligible: (entry: RunEntry) => boolean;
}

/** Queue what fits; returns the keys to dispatch. */
export function queueScheduledTasks(
  state: WorkingState,
  now: number,
  options: QueueOptions,
): TaskInstanceKey[] {
  const perDag = new Map<string, number>();
  const perPool = new Map<string, number>();
  let executing = 0;
  const candidates: { entry: RunEntry; instance: TaskInstance }[] = [];
  for (const entry of state.runs.values()) {
    const eligible = options.eligible(entry);
    for (const instance of entry.instances.values()) {
      if (instance.state === "queued" || instance.state === "running") {
        executing++;
        perDag.set(instance.dagId, (perDag.get(instance.dagId) ?? 0) + 1);
        perPool.set(instance.pool, (perPool.get(instance.pool) ?? 0) + instance.poolSlots);
      } else if (instance.state === "scheduled" && eligible) {
        candidates.push({ entry, instance });
      }
    }
  }
  if (candidates.length === 0) return [];
  candidates.sort((a, b) =>
    b.instance.priorityWeight - a.instance.priorityWeight ||
    a.entry.run.logicalDate - b.entry.run.logicalDate ||
    a.instance.mapIndex - b.instance.mapIndex
  );
  const pools = new Map(state.pools.map((pool) => [pool.name, pool.slots]));
  const dispatch: TaskInstanceKey[] = [];
  for (const { entry, instance } of candidates) {
    if (executing >= options.limits.parallelism) break;
    const dagLimit = entry.index.definition.maxActiveTasks ?? options.limits.maxActiveTasksPerDag;
    if ((perDag.get(instance.dagId) ?? 0) >= dagLimit) continue;
    const poolSlots = pools.get(instance.pool);
    if (poolSlots === undefined) continue; // an unknown pool never runs (fact 107)
    const used = perPool.get(instance.pool) ?? 0;
    if (used + instance.poolSlots > poolSlots) continue;
    state.moveTask(entry, instance, "queued", {
      at: now,
      reason: `queued: a slot was free in pool '${instance.pool}'`,
      executorId: options.executorId,
    });
    state.clearXcoms.push(instanceKey(instance));
    executing++;
    perDag.set(instance.dagId, (perDag.get(instance.dagId) ?? 0) + 1);
    perPool.set(instance.pool, used + instance.poolSlots);
    dispatch.push(instanceKey(instance));
  }
  return dispatch;
}
