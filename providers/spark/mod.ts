/**
 * The Spark provider (`@updraft/spark`): `sparkSubmit` runs `spark-submit` for a `spark`
 * connection in the task's sandbox (Airflow's SparkSubmitOperator), and `SparkSubmitHook` does
 * the same from a TypeScript task. See `README.md` beside this file.
 *
 * @example
 * ```ts
 * import { dag } from "updraft";
 * import { sparkSubmit } from "@updraft/spark";
 *
 * export default dag({ id: "nightly_spark", schedule: "@daily", startDate: "2024-01-01" }, () => {
 *   sparkSubmit({ id: "pi", application: "/opt/spark/examples/src/main/python/pi.py" });
 * });
 * ```
 *
 * @module
 */

export {
  buildSparkSubmit,
  killCommand,
  maskArguments,
  sparkBinaryPath,
  type SparkIds,
  type SparkList,
  type SparkSubmitCommand,
  type SparkSubmitOptions,
} from "./command.ts";
export {
  type ClusterManager,
  describeConnection,
  type SparkConnectionSettings,
  sparkConnectionSettings,
} from "./connection.ts";
export { type SparkRunOptions, SparkSubmitHook, type SparkSubmitResult } from "./hook.ts";
export { sparkSubmit, type SparkSubmitFields } from "./operator.ts";

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/spark";
