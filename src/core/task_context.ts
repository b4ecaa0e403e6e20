/**
 * The data a try's context is built from: what the scheduler sends with a job and what the SDK
 * turns into `ctx` inside the sandbox (facts 63–70).
 *
 * @module
 */

import type { JsonObject, JsonValue } from "./definition.ts";
import type { SensorContextData } from "./sensors.ts";
import type { RunType } from "./states.ts";

/** Everything a task's context and its templates are built from. */
export interface TaskContextData {
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
  tryNumber: number;
  maxTries: number;
  runType: RunType;
  externalTrigger: boolean;
  logicalDate: number;
  dataIntervalStart: number;
  dataIntervalEnd: number;
  /** The previous and next schedule ticks, from the timetable (facts 66, 67); null when none. */
  prevLogicalDate: number | null;
  nextLogicalDate: number | null;
  runStartDate: number | null;
  /** The DAG's params with the run's conf laid over them. */
  params: JsonObject;
  conf: JsonObject;
  /** The DAG's attributes templates may read as `dag.*`. */
  dag: { dagId: string; owner: string; tags: string[]; fileloc: string; timezone: string };
  /** Sensors only: when their timeout counts from, and what the scheduler looked up for them. */
  sensor?: SensorContextData;
}

/** An XCom value a try may pull: from an upstream task of the same run. */
export interface XComValue {
  taskId: string;
  mapIndex: number;
  key: string;
  value: JsonValue;
}
