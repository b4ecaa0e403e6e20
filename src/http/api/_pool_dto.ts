/**
 * Pools as the API shows them (fact 157): the stored pool with its slots in use, counted from
 * the task instances in it now.
 *
 * @module
 */

import { z } from "zod";
import type { Pool, TaskInstanceStateName } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { named } from "./_schemas.ts";

/** A pool with its slot counts. */
export const PoolSchema = named(
  "Pool",
  z.object({
    name: z.string(),
    slots: z.number().int(),
    occupied_slots: z.number().int(),
    running_slots: z.number().int(),
    queued_slots: z.number().int(),
    scheduled_slots: z.number().int(),
    deferred_slots: z.number().int(),
    open_slots: z.number().int(),
    description: z.string().nullable(),
    include_deferred: z.boolean(),
  }),
  "A pool of task slots. Occupied slots are those of running and queued task instances, " +
    "and of deferred ones when include_deferred is set; open slots are the rest.",
);

/** A page of pools. */
export const PoolCollectionSchema = named(
  "PoolCollection",
  z.object({ pools: z.array(PoolSchema), total_entries: z.number().int() }),
);

/** Slots taken in one pool by task instances in each counted state. */
export type SlotUsage = Record<(typeof COUNTED_STATES)[number], number>;

const COUNTED_STATES = [
  "running",
  "queued",
  "scheduled",
  "deferred",
] as const satisfies readonly TaskInstanceStateName[];

/** How many task instances to read per store call while counting. */
const BATCH = 5_000;

/**
 * The slots taken in each of `pools`: the sum of `poolSlots` of their task instances in each
 * counted state (fact 107).
 */
export async function slotUsage(store: Store, pools: string[]): Promise<Map<string, SlotUsage>> {
  const usage = new Map<string, SlotUsage>(
    pools.map((name) => [name, { running: 0, queued: 0, scheduled: 0, deferred: 0 }]),
  );
  if (pools.length === 0) return usage;
  for (let offset = 0;; offset += BATCH) {
    const page = await store.listTaskInstances({
      pools,
      states: [...COUNTED_STATES],
      limit: BATCH,
      offset,
    });
    for (const instance of page.items) {
      const counts = usage.get(instance.pool);
      const state = instance.state as keyof SlotUsage;
      if (counts !== undefined && state in counts) counts[state] += instance.poolSlots;
    }
    if (page.items.length < BATCH || offset + BATCH >= page.total) return usage;
  }
}

/** Map a stored pool with its usage. */
export function toPoolDto(pool: Pool, usage: SlotUsage | undefined): z.infer<typeof PoolSchema> {
  const used = usage ?? { running: 0, queued: 0, scheduled: 0, deferred: 0 };
  const occupied = used.running + used.queued + (pool.includeDeferred ? used.deferred : 0);
  return {
    name: pool.name,
    slots: pool.slots,
    occupied_slots: occupied,
    running_slots: used.running,
    queued_slots: used.queued,
    scheduled_slots: used.scheduled,
    deferred_slots: used.deferred,
    open_slots: pool.slots - occupied,
    description: pool.description,
    include_deferred: pool.includeDeferred,
  };
}
