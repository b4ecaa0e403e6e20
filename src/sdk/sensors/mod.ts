/**
 * Sensors: `defineSensor()` to write one, `sensor()` for a TypeScript function, and the core
 * sensors (file, time, time delta, date-time, bash, external task). See `src/sdk/README.md`.
 *
 * @module
 */

export {
  defineSensor,
  sensor,
  type SensorBuilder,
  type SensorDefinition,
  type SensorTaskOptions,
} from "./define.ts";
export type { PokeResult } from "./_loop.ts";
export type { SensorOptions } from "./_settings.ts";
export { fileSensor, type FileSensorOptions } from "./file_sensor.ts";
export {
  dateTimeSensor,
  type DateTimeSensorOptions,
  timeDeltaSensor,
  type TimeDeltaSensorOptions,
  timeSensor,
  type TimeSensorOptions,
} from "./time_sensors.ts";
export { bashSensor, type BashSensorOptions } from "./bash_sensor.ts";
export { externalTaskSensor, type ExternalTaskSensorOptions } from "./external_task_sensor.ts";
