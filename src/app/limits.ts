/**
 * The scheduling limits a configuration sets.
 *
 * @module
 */

import type { SchedulingLimits } from "../scheduler/mod.ts";
import type { UpdraftConfig } from "./config.ts";

/** The planner's limits from the configuration. */
export function schedulingLimits(config: UpdraftConfig): SchedulingLimits {
  return {
    parallelism: config.parallelism,
    maxActiveRunsPerDag: config.maxActiveRunsPerDag,
    maxActiveTasksPerDag: config.maxActiveTasksPerDag,
  };
}
