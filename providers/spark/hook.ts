/**
 * `SparkSubmitHook`: runs `spark-submit` for a `spark` connection as a subprocess of the task's
 * sandbox, streams its log, tracks the ids Spark prints, and stops the run — and a cluster-mode
 * driver — when the signal aborts.
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import {
  buildSparkSubmit,
  killCommand,
  maskArguments,
  sparkBinaryPath,
  type SparkIds,
  type SparkSubmitOptions,
} from "./command.ts";
import {
  describeConnection,
  type SparkConnectionSettings,
  sparkConnectionSettings,
} from "./connection.ts";
import { runProcess, startDetached } from "./_process.ts";
import { trackDriverStatus } from "./_driver_status.ts";

/** How to run a submission. */
export interface SparkRunOptions {
  /** Receives every line spark-submit prints. */
  log(line: string): void;
  /** Stops the run (pass `ctx.signal`). */
  signal?: AbortSignal;
  /** The binary (a name on PATH or a path); see {@link sparkBinaryPath}. */
  sparkBinary?: string;
  /** The YARN client that kills a cluster-mode application (default "yarn"). */
  yarnBinary?: string;
  /** Host environment variables passed to spark-submit (e.g. JAVA_HOME, HADOOP_CONF_DIR). */
  inheritEnv?: string[];
  /**
   * Standalone cluster mode: seconds between driver status requests after the submission
   * (default 1); 0 does not follow the driver (the task ends once it is submitted).
   */
  statusPollInterval?: number;
}

/** What a finished submission printed and returned. */
export interface SparkSubmitResult extends SparkIds {
  exitCode: number;
}

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Submits applications through one `spark` connection. */
export class SparkSubmitHook {
  /** The connection's settings. */
  readonly settings: SparkConnectionSettings;

  /** @param connection From `ctx.connection(id)`. */
  constructor(connection: TaskConnection) {
    this.settings = sparkConnectionSettings(connection);
  }

  /** `connection "x" (master yarn, cluster mode)`, how the hook's messages start. */
  get description(): string {
    return describeConnection(this.settings);
  }

  /** The binary and arguments `submit` would run. */
  command(options: SparkSubmitOptions, sparkBinary?: string): { binary: string; args: string[] } {
    const binary = sparkBinaryPath(this.settings, sparkBinary);
    return { binary, args: this.#build(options).args };
  }

  /**
   * Run spark-submit and wait for it. Throws when it exits with another code than 0 (or a
   * Kubernetes driver reports one), naming the connection and the code; when the signal
   * aborts, kills it (and a cluster-mode driver) and throws the signal's reason.
   */
  async submit(options: SparkSubmitOptions, run: SparkRunOptions): Promise<SparkSubmitResult> {
    const settings = this.#effectiveSettings(options);
    const built = this.#build(options);
    const binary = sparkBinaryPath(settings, run.sparkBinary);
    this.#checkMayRun(binary, run.sparkBinary);
    const env = { ...this.#baseEnvironment(run.inheritEnv ?? []), ...built.processEnv };
    const ids: SparkIds = { applicationId: null, driverId: null, driverPod: null };
    let driverExitCode: number | null = null;
    run.log(`Spark-Submit cmd: ${[binary, ...maskArguments(built.args)].join(" ")}`);
    let end;
    try {
      end = await runProcess({
        binary,
        args: built.args,
        env,
        signal: run.signal,
        onLine: (line) => {
          run.log(line);
          noteIds(line, ids, run.log);
          const exit = settings.manager === "kubernetes" && /\s*[eE]xit code: (\d+)/.exec(line);
          if (exit) driverExitCode = Number(exit[1]);
        },
        onAbort: () => this.#killDriver(settings, built.deployMode, ids, { binary, env, run }),
      });
    } catch (error) {
      throw new Error(`${this.description}: cannot start ${binary}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (run.signal?.aborted) throw run.signal.reason;
    const code = end.code !== 0 ? end.code : driverExitCode ?? 0;
    if (code !== 0 || end.signal) {
      const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${code}`;
      const source = end.code === 0 ? "the Spark driver" : binary;
      throw new Error(`${this.description}: ${source} ${how}; its output is in the log above`);
    }
    if (settings.manager === "standalone" && built.deployMode === "cluster" && ids.driverId) {
      await this.#followDriver(settings, ids, { binary, env, run });
    }
    return { ...ids, exitCode: code };
  }

  /** Wait for a standalone cluster-mode driver to end; fail unless it FINISHED. */
  async #followDriver(
    settings: SparkConnectionSettings,
    ids: SparkIds,
    context: { binary: string; env: Record<string, string>; run: SparkRunOptions },
  ): Promise<void> {
    const interval = context.run.statusPollInterval ?? 1;
    if (interval <= 0) return;
    const { signal } = context.run;
    const abort = () => this.#killDriver(settings, "cluster", ids, context);
    signal?.addEventListener("abort", abort, { once: true });
    try {
      const state = await trackDriverStatus({
        binary: context.binary,
        master: settings.master,
        driverId: ids.driverId!,
        env: context.env,
        pollIntervalMs: interval * 1000,
        signal,
        log: context.run.log,
      });
      if (state !== "FINISHED") {
        throw new Error(`${this.description}: driver ${ids.driverId} ended ${state}`);
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof Error && error.message.startsWith(this.description)) throw error;
      throw new Error(`${this.description}: ${messageOf(error)}`, { cause: error });
    } finally {
      signal?.removeEventListener("abort", abort);
    }
  }

  #build(options: SparkSubmitOptions) {
    try {
      return buildSparkSubmit(this.#effectiveSettings(options), options);
    } catch (error) {
      throw new TypeError(`${this.description}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** A `spark.kubernetes.namespace` conf overrides the connection's namespace (Airflow). */
  #effectiveSettings(options: SparkSubmitOptions): SparkConnectionSettings {
    const namespace = options.conf?.["spark.kubernetes.namespace"];
    return namespace === undefined
      ? this.settings
      : { ...this.settings, namespace: String(namespace) };
  }

  #checkMayRun(binary: string, taskBinary: string | undefined): void {
    const state = Deno.permissions.querySync({ name: "run", command: binary }).state;
    if (state === "granted") return;
    const origin = taskBinary
      ? "the task's sparkBinary"
      : "the connection's spark-home/spark-binary";
    throw new Error(
      `${this.description}: may not run ${binary} (from ${origin}): set sparkBinary: ` +
        `${JSON.stringify(binary)} on the task, which grants its run permission`,
    );
  }

  /** PATH (the host's, else a default), SPARK_HOME from the connection, the inherited names. */
  #baseEnvironment(inherit: string[]): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of ["PATH", ...inherit]) {
      const value = readHostVariable(name);
      if (value !== undefined) env[name] = value;
    }
    env.PATH ??= DEFAULT_PATH;
    const home = this.settings.sparkHome;
    if (home) {
      env.SPARK_HOME ??= home;
      env.PATH = `${home.replace(/\/+$/, "")}/bin:${env.PATH}`;
    }
    return env;
  }

  #killDriver(
    settings: SparkConnectionSettings,
    deployMode: string | null,
    ids: SparkIds,
    context: { binary: string; env: Record<string, string>; run: SparkRunOptions },
  ): void {
    const command = killCommand(settings, {
      deployMode,
      ids,
      sparkBinary: context.binary,
      yarnBinary: context.run.yarnBinary ?? "yarn",
    });
    if (!command) return;
    context.run.log(
      `Killing the application on the cluster: ${command.binary} ${command.args.join(" ")}`,
    );
    try {
      startDetached(command.binary, command.args, context.env);
    } catch (error) {
      context.run.log(`${this.description}: could not run ${command.binary}: ${messageOf(error)}`);
    }
  }
}

const APPLICATION_ID =
  /\b(application_\d+_\d+|app-\d{14}-\d{4,}|local-\d{10,})\b|spark-app-selector -> (spark-[a-z0-9]+)/;
const DRIVER_ID = /\bdriver-\d{14}-\d{4,}\b/;
const DRIVER_POD = /\s*pod name: ((.+?)-([a-z0-9]+)-driver)\s*$/;

/** Record the first application id, driver id and driver pod a line names. */
function noteIds(line: string, ids: SparkIds, log: (line: string) => void): void {
  if (ids.applicationId === null) {
    const match = APPLICATION_ID.exec(line);
    if (match) {
      ids.applicationId = match[1] ?? match[2];
      log(`Identified Spark application id: ${ids.applicationId}`);
    }
  }
  if (ids.driverId === null) {
    const match = DRIVER_ID.exec(line);
    if (match) {
      ids.driverId = match[0];
      log(`Identified Spark driver id: ${ids.driverId}`);
    }
  }
  if (ids.driverPod === null) {
    const match = DRIVER_POD.exec(line);
    if (match) {
      ids.driverPod = match[1];
      log(`Identified Spark driver pod: ${ids.driverPod}`);
    }
  }
}

function readHostVariable(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // not granted: the operator grants PATH and the inherited names
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
