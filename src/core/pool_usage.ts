/**
 * How a pool's slots are used (fact 107): the `poolSlots` of its task instances summed per
 * state, and from them the occupied and open slots. Running and queued task instances occupy
 * slots, deferred ones too when the pool includes them; scheduled ones are counted but occupy
 * none yet.
 *
 * @module
 */

import type { Pool, TaskInstance } from "./records.ts";
import type { TaskInstanceStateName } from "./states.ts";

/** The states whose task instances a pool's usage counts. */
export const POOL_COUNTED_STATES = [
  "running",
  "queued",
  "scheduled",
  "deferred",
] as const satisfies readonly TaskInstanceStateName[];

/** Slots taken in one pool by task instances in each counted state. */
export type PoolSlotCounts = Record<(typeof POOL_COUNTED_STATES)[number], number>;

/** A pool's slot counts with the slots occupied and those still open. */
export interface PoolUsage extends PoolSlotCounts {
  occupied: number;
  /** The pool's slots minus the occupied ones; below zero when the pool was shrunk. */
  open: number;
}

/** What counting needs of a task instance. */
export type PoolSlotHolder = Pick<TaskInstance, "pool" | "state" | "poolSlots">;

/**
 * Adds the slots of `instances` to `counts`, per pool and state, and returns `counts`. Task
 * instances in states that are not counted are skipped, so pages of any listing may be fed in.
 */
export function countPoolSlots(
  instances: Iterable<PoolSlotHolder>,
  counts: Map<string, PoolSlotCounts> = new Map(),
): Map<string, PoolSlotCounts> {
  for (const instance of instances) {
    const state = instance.state as keyof PoolSlotCounts;
    if (!POOL_COUNTED_STATES.includes(state)) continue;
    let pool = counts.get(instance.pool);
    if (pool === undefined) {
      pool = { running: 0, queued: 0, scheduled: 0, deferred: 0 };
      counts.set(instance.pool, pool);
    }
    pool[state] += instance.poolSlots;
  }
  return counts;
}

/** The usage of `pool` from its slot counts (none counted when `counts` is undefined). */
export function poolUsage(
  pool: Pick<Pool, "slots" | "includeDeferred">,
  counts: PoolSlotCounts | undefined,
): PoolUsage {
  const used = counts ?? { running: 0, queued: 0, scheduled: 0, deferred: 0 };
  const occupied = used.running + used.queued + (pool.includeDeferred ? used.deferred : 0);
  return { ...used, occupied, open: pool.slots - occupied };
}
