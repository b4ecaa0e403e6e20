/**
 * Pools as the API shows them (fact 157): the stored pool with its slots in use, counted from
 * the task instances in it now.
 *
 * @module
 */

import { z } from "zod";
import {
  countPoolSlots,
  type Pool,
  POOL_COUNTED_STATES,
  type PoolSlotCounts,
  poolUsage,
} from "../../core/mod.ts";
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

/** How many task instances to read per store call while counting. */
const BATCH = 5_000;

/** The slots taken in each of `pools` per counted state (fact 107); pools without any are absent. */
export async function slotUsage(
  store: Store,
  pools: string[],
): Promise<Map<string, PoolSlotCounts>> {
  const counts = new Map<string, PoolSlotCounts>();
  if (pools.length === 0) return counts;
  for (let offset = 0;; offset += BATCH) {
    const page = await store.listTaskInstances({
      pools,
      states: [...POOL_COUNTED_STATES],
      limit: BATCH,
      offset,
    });
    countPoolSlots(page.items, counts);
    if (page.items.length < BATCH || offset + BATCH >= page.total) return counts;
  }
}

/** Map a stored pool with its slot counts (none when undefined). */
export function toPoolDto(
  pool: Pool,
  counts: PoolSlotCounts | undefined,
): z.infer<typeof PoolSchema> {
  const usage = poolUsage(pool, counts);
  return {
    name: pool.name,
    slots: pool.slots,
    occupied_slots: usage.occupied,
    running_slots: usage.running,
    queued_slots: usage.queued,
    scheduled_slots: usage.scheduled,
    deferred_slots: usage.deferred,
    open_slots: usage.open,
    description: pool.description,
    include_deferred: pool.includeDeferred,
  };
}
