/**
 * The SDK DAG files import as `"updraft"`: `dag()`, the task builders, dependencies, custom
 * operators, and the exceptions a task throws. See `README.md` beside this file.
 *
 * @example
 * ```ts
 * import { bash, chain, dag, task } from "updraft";
 *
 * export default dag({ id: "example", schedule: "@daily", startDate: "2024-01-01" }, () => {
 *   const extract = bash({ id: "extract", command: "echo {{ ds }}" });
 *   const load = task({ id: "load" }, (ctx) => ctx.log("loading", ctx.ds));
 *   chain(extract, load);
 * });
 * ```
 *
 * @module
 */

export { Dag, dag, isDag } from "./dag.ts";
export {
  bash,
  type BashOptions,
  branch,
  type BranchChoice,
  empty,
  shortCircuit,
  type ShortCircuitOptions,
  task,
} from "./builders.ts";
export { chain, crossDownstream } from "./chain.ts";
export { defineOperator, type OperatorBuilder, type OperatorDefinition } from "./operator.ts";
export {
  bashSensor,
  type BashSensorOptions,
  dateTimeSensor,
  type DateTimeSensorOptions,
  defineSensor,
  externalTaskSensor,
  type ExternalTaskSensorOptions,
  fileSensor,
  type FileSensorOptions,
  type PokeResult,
  sensor,
  type SensorBuilder,
  type SensorDefinition,
  type SensorOptions,
  type SensorTaskOptions,
  timeDeltaSensor,
  type TimeDeltaSensorOptions,
  timeSensor,
  type TimeSensorOptions,
} from "./sensors/mod.ts";
export { FailTask, SensorTimeout, SkipTask } from "./errors.ts";
export type { TaskCallbacks, TaskFunction, TaskSettings } from "./task_node.ts";
export type {
  Dependency,
  TaskFlowHandle,
  TaskHandle,
  TaskInputs,
  TaskOutput,
} from "./task_handle.ts";
export type {
  DagOptions,
  DefaultArgs,
  Duration,
  ScheduleOption,
  TaskCallback,
  TaskConnection,
  TaskContext,
  TaskOptions,
  XComAccess,
} from "./types.ts";
export { DefinitionError, formatDuration, parseDuration } from "../core/mod.ts";
export type { Permissions } from "../core/mod.ts";
