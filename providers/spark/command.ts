/**
 * The `spark-submit` command line, built from the connection and the task exactly as Airflow's
 * SparkSubmitHook builds it (same options, same order), and the command that kills a driver
 * left running on the cluster.
 *
 * @module
 */

import type { SparkConnectionSettings } from "./connection.ts";

/** A list written as Spark takes it: comma-separated text, or a list joined with commas. */
export type SparkList = string | string[];

/** What to submit (Airflow's SparkSubmitOperator arguments, camelCased). */
export interface SparkSubmitOptions {
  /** The application: a jar or a Python file. */
  application: string;
  /** Spark properties, each passed as `--conf key=value`. */
  conf?: Record<string, string | number | boolean>;
  files?: SparkList;
  pyFiles?: SparkList;
  archives?: SparkList;
  driverClassPath?: string;
  jars?: SparkList;
  /** The main class of a Java/Scala application (`--class`). */
  javaClass?: string;
  /** Maven coordinates (`--packages`). */
  packages?: SparkList;
  excludePackages?: SparkList;
  repositories?: SparkList;
  numExecutors?: number;
  totalExecutorCores?: number;
  executorCores?: number;
  /** e.g. "2g". */
  executorMemory?: string;
  driverMemory?: string;
  keytab?: string;
  principal?: string;
  proxyUser?: string;
  /** The application's name (`--name`). */
  name?: string;
  applicationArgs?: (string | number)[];
  /**
   * Environment variables for the application: on YARN also as `spark.yarn.appMasterEnv.*`, on
   * Kubernetes only as `spark.kubernetes.driverEnv.*`; not allowed in standalone cluster mode.
   */
  env?: Record<string, string>;
  verbose?: boolean;
  propertiesFile?: string;
  /** Overrides the connection's `deploy-mode`. */
  deployMode?: "client" | "cluster";
  /** Overrides the connection's `queue` (YARN). */
  queue?: string;
}

/** The built command: the arguments after the binary, and the process's Spark variables. */
export interface SparkSubmitCommand {
  args: string[];
  /** Variables `env` puts in the spark-submit process's environment (by Spark's rules). */
  processEnv: Record<string, string>;
  deployMode: "client" | "cluster" | null;
}

/** Build the arguments of `spark-submit` (after the binary); throws naming what is wrong. */
export function buildSparkSubmit(
  settings: SparkConnectionSettings,
  options: SparkSubmitOptions,
): SparkSubmitCommand {
  if (typeof options.application !== "string" || options.application === "") {
    throw new TypeError("application: the jar or Python file to submit is required");
  }
  const deployMode = options.deployMode ?? settings.deployMode;
  const args = ["--master", settings.master];
  for (const [key, value] of Object.entries(options.conf ?? {})) {
    args.push("--conf", `${key}=${value}`);
  }
  const env = options.env ?? {};
  let processEnv: Record<string, string> = {};
  if (Object.keys(env).length > 0) {
    if (settings.manager === "yarn" || settings.manager === "kubernetes") {
      const prefix = settings.manager === "yarn"
        ? "spark.yarn.appMasterEnv"
        : "spark.kubernetes.driverEnv";
      for (const [key, value] of Object.entries(env)) {
        args.push("--conf", `${prefix}.${key}=${value}`);
      }
      if (settings.manager === "yarn") processEnv = { ...env };
    } else if (deployMode === "cluster") {
      throw new TypeError(
        `env: not supported with a standalone master in cluster mode (${settings.master}); ` +
          "use conf spark.executorEnv.* or the cluster's own settings",
      );
    } else processEnv = { ...env };
  }
  const namespace = options.conf?.["spark.kubernetes.namespace"] === undefined
    ? settings.namespace
    : null;
  if (settings.manager === "kubernetes" && namespace) {
    args.push("--conf", `spark.kubernetes.namespace=${namespace}`);
  }
  const option = (flag: string, value: SparkList | number | undefined | null) => {
    if (value === undefined || value === null || value === "") return;
    const written = Array.isArray(value) ? value.join(",") : String(value);
    if (written !== "") args.push(flag, written);
  };
  option("--properties-file", options.propertiesFile);
  option("--files", options.files);
  option("--py-files", options.pyFiles);
  option("--archives", options.archives);
  option("--driver-class-path", options.driverClassPath);
  option("--jars", options.jars);
  option("--packages", options.packages);
  option("--exclude-packages", options.excludePackages);
  option("--repositories", options.repositories);
  option("--num-executors", options.numExecutors);
  option("--total-executor-cores", options.totalExecutorCores);
  option("--executor-cores", options.executorCores);
  option("--executor-memory", options.executorMemory);
  option("--driver-memory", options.driverMemory);
  option("--keytab", options.keytab ?? settings.keytab);
  option("--principal", options.principal ?? settings.principal);
  option("--proxy-user", options.proxyUser);
  option("--name", options.name);
  option("--class", options.javaClass);
  if (options.verbose) args.push("--verbose");
  option("--queue", options.queue ?? settings.queue);
  option("--deploy-mode", deployMode);
  args.push(options.application, ...(options.applicationArgs ?? []).map(String));
  return { args, processEnv, deployMode };
}

/**
 * The binary to run: the task's `sparkBinary` when it is a path; else the task's or the
 * connection's binary name (default `spark-submit`), under `<spark-home>/bin` when the
 * connection names a Spark home.
 */
export function sparkBinaryPath(settings: SparkConnectionSettings, taskBinary?: string): string {
  if (taskBinary?.includes("/")) return taskBinary;
  const name = taskBinary || settings.sparkBinary || "spark-submit";
  if (name.includes("/")) return name;
  return settings.sparkHome ? `${settings.sparkHome.replace(/\/+$/, "")}/bin/${name}` : name;
}

/** The ids a run printed (null until seen). */
export interface SparkIds {
  /** YARN `application_…`, standalone `app-…`, local `local-…`, Kubernetes `spark-…`. */
  applicationId: string | null;
  /** A standalone cluster-mode driver (`driver-…`). */
  driverId: string | null;
  /** A Kubernetes cluster-mode driver pod. */
  driverPod: string | null;
}

/**
 * The command that stops a driver left on the cluster, as Airflow's `on_kill`: YARN cluster
 * mode `yarn application -kill <id>`; standalone cluster mode `spark-submit --master … --kill
 * <driver>`; Kubernetes cluster mode `spark-submit --master … --kill <namespace>:<pod>`. Null
 * when nothing runs beyond the spark-submit process.
 */
export function killCommand(
  settings: SparkConnectionSettings,
  run: { deployMode: string | null; ids: SparkIds; sparkBinary: string; yarnBinary: string },
): { binary: string; args: string[] } | null {
  if (run.deployMode !== "cluster") return null;
  const { applicationId, driverId, driverPod } = run.ids;
  if (settings.manager === "yarn" && applicationId) {
    return { binary: run.yarnBinary, args: ["application", "-kill", applicationId] };
  }
  if (settings.manager === "standalone" && driverId) {
    return { binary: run.sparkBinary, args: ["--master", settings.master, "--kill", driverId] };
  }
  if (settings.manager === "kubernetes" && driverPod) {
    const pod = settings.namespace ? `${settings.namespace}:${driverPod}` : driverPod;
    return { binary: run.sparkBinary, args: ["--master", settings.master, "--kill", pod] };
  }
  return null;
}

const SECRET_KEY = /secret|password|passwd|token|credential|passphrase|private/i;

/** The arguments for the log, with `--conf` values of secret-looking keys shown as `******`. */
export function maskArguments(args: string[]): string[] {
  return args.map((arg) => {
    const equals = arg.indexOf("=");
    if (equals <= 0 || !SECRET_KEY.test(arg.slice(0, equals))) return arg;
    return `${arg.slice(0, equals + 1)}******`;
  });
}
