import assert from "node:assert/strict";
import type { TaskInstanceState } from "./states.ts";
import { countPoolSlots, poolUsage } from "./pool_usage.ts";

const holder = (pool: string, state: TaskInstanceState, poolSlots = 1) => ({
  pool,
  state,
  poolSlots,
});

Deno.test("countPoolSlots sums slots per pool and counted state, across pages", () => {
  const counts = countPoolSlots([
    holder("etl", "running", 2),
    holder("etl", "queued"),
    holder("etl", "success", 5),
    holder("etl", null, 5),
    holder("etl", "deferred", 3),
  ]);
  countPoolSlots([holder("etl", "scheduled", 4), holder("io", "running")], counts);
  assert.deepEqual(Object.fromEntries(counts), {
    etl: { running: 2, queued: 1, scheduled: 4, deferred: 3 },
    io: { running: 1, queued: 0, scheduled: 0, deferred: 0 },
  });
});

Deno.test("poolUsage: running and queued occupy slots, deferred ones when the pool says so", () => {
  const counts = { running: 2, queued: 1, scheduled: 4, deferred: 3 };
  assert.deepEqual(poolUsage({ slots: 10, includeDeferred: false }, counts), {
    ...counts,
    occupied: 3,
    open: 7,
  });
  assert.deepEqual(poolUsage({ slots: 5, includeDeferred: true }, counts), {
    ...counts,
    occupied: 6,
    open: -1,
  });
  assert.deepEqual(poolUsage({ slots: 128, includeDeferred: true }, undefined), {
    running: 0,
    queued: 0,
    scheduled: 0,
    deferred: 0,
    occupied: 0,
    open: 128,
  });
});
