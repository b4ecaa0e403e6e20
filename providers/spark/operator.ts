/**
 * `sparkSubmit` (Airflow's SparkSubmitOperator): submit an application with `spark-submit`
 * from a `spark` connection, inside the task's sandbox.
 *
 * @module
 */

import { defineOperator, type OperatorBuilder } from "updraft";
import type { SparkSubmitOptions } from "./command.ts";
import { SparkSubmitHook, type SparkSubmitResult } from "./hook.ts";

/** The fields of {@link sparkSubmit}: what to submit, and how to run spark-submit. */
export interface SparkSubmitFields extends SparkSubmitOptions {
  /** The `spark` connection (default "spark_default"); a literal id, not a template. */
  connId?: string;
  /**
   * The spark-submit binary the task may run (default "spark-submit", found on the PATH): the
   * operator grants its `run` permission when the DAG file is parsed, before any connection is
   * read. A connection whose `spark-home`/`spark-binary` names another binary needs it here.
   */
  sparkBinary?: string;
  /** The YARN client used to kill a YARN cluster-mode application (default "yarn"). */
  yarnBinary?: string;
  /** Host environment variables spark-submit also gets (e.g. JAVA_HOME, HADOOP_CONF_DIR). */
  inheritEnv?: string[];
  /**
   * Standalone cluster mode: seconds between driver status requests once submitted (default
   * 1); the task ends with the driver, failing unless it FINISHED. 0: end once submitted.
   */
  statusPollInterval?: number;
}

/**
 * Submit a Spark application and wait for spark-submit to end; its output goes to the task's
 * log. The XCom `return_value` holds the ids Spark printed (`applicationId`, `driverId`,
 * `driverPod`) and the exit code. A non-zero exit fails the try; a timeout or cancel kills
 * spark-submit and, in cluster mode, the driver on the cluster.
 *
 * @example
 * ```ts
 * sparkSubmit({
 *   id: "aggregate",
 *   connId: "spark_cluster",
 *   application: "/jobs/aggregate.py",
 *   applicationArgs: ["--day", "{{ ds }}"],
 *   conf: { "spark.sql.shuffle.partitions": 64 },
 *   executorMemory: "4g",
 *   inheritEnv: ["JAVA_HOME", "HADOOP_CONF_DIR"],
 *   executionTimeout: "2h",
 * });
 * ```
 */
export const sparkSubmit: OperatorBuilder<SparkSubmitFields, SparkSubmitResult> = defineOperator<
  SparkSubmitFields,
  SparkSubmitResult
>({
  name: "SparkSubmitOperator",
  templateFields: [
    "application",
    "conf",
    "files",
    "pyFiles",
    "jars",
    "driverClassPath",
    "packages",
    "excludePackages",
    "keytab",
    "principal",
    "proxyUser",
    "name",
    "applicationArgs",
    "env",
    "propertiesFile",
  ],
  connections: (fields) => [fields.connId ?? "spark_default"],
  permissions: (fields) => ({
    run: [fields.sparkBinary ?? "spark-submit", fields.yarnBinary ?? "yarn"],
    env: ["PATH", ...(fields.inheritEnv ?? [])],
  }),
  async execute(ctx, fields): Promise<SparkSubmitResult> {
    const hook = new SparkSubmitHook(ctx.connection(fields.connId ?? "spark_default"));
    const { connId: _connId, sparkBinary, yarnBinary, inheritEnv, statusPollInterval, ...options } =
      fields;
    return await hook.submit({ ...options, name: options.name ?? `${ctx.dagId}.${ctx.taskId}` }, {
      log: (line) => ctx.log(line),
      signal: ctx.signal,
      sparkBinary,
      yarnBinary,
      inheritEnv,
      statusPollInterval,
    });
  },
});
