/**
 * How a `spark` connection (Airflow's fields) names a cluster: the master from `host` (and
 * `port`), and the extras `deploy-mode`, `queue`, `namespace`, `spark-binary`, `spark-home`,
 * `principal` and `keytab` (each also written with "_").
 *
 * @module
 */

import type { TaskConnection } from "updraft";

/** The cluster manager a master URL names. */
export type ClusterManager = "yarn" | "standalone" | "kubernetes" | "local" | "mesos";

/** What a `spark` connection says, read once. */
export interface SparkConnectionSettings {
  connId: string;
  /** `yarn`, `local[*]`, `spark://host:7077`, `k8s://https://host:6443`, … */
  master: string;
  manager: ClusterManager;
  deployMode: "client" | "cluster" | null;
  queue: string | null;
  namespace: string | null;
  /** The binary named by the connection (`spark-binary`), if any. */
  sparkBinary: string | null;
  /** Where Spark is installed (`spark-home`): the binary is `<spark-home>/bin/<binary>`. */
  sparkHome: string | null;
  principal: string | null;
  keytab: string | null;
}

/**
 * Read a `spark` connection. The master is `host` (with `:port` when set); a host without a
 * scheme that is neither `yarn` nor `local…` is a standalone master (`spark://host:port`),
 * where Airflow would pass `host:port` on and spark-submit would refuse it.
 */
export function sparkConnectionSettings(connection: TaskConnection): SparkConnectionSettings {
  const where = `connection "${connection.connId}"`;
  const extra = connection.extra;
  const host = connection.host?.trim() || "yarn";
  const master = masterOf(host, connection.port);
  const deployMode = text(extra, "deploy-mode", "deploy_mode");
  if (deployMode !== null && deployMode !== "client" && deployMode !== "cluster") {
    throw new Error(`${where}: deploy-mode must be "client" or "cluster", got "${deployMode}"`);
  }
  return {
    connId: connection.connId,
    master,
    manager: managerOf(master),
    deployMode,
    queue: text(extra, "queue"),
    namespace: text(extra, "namespace"),
    sparkBinary: text(extra, "spark-binary", "spark_binary"),
    sparkHome: text(extra, "spark-home", "spark_home"),
    principal: text(extra, "principal"),
    keytab: text(extra, "keytab"),
  };
}

/** `connection "x" (master yarn, cluster mode)`, how messages name the connection. */
export function describeConnection(settings: SparkConnectionSettings): string {
  const mode = settings.deployMode ? `, ${settings.deployMode} mode` : "";
  return `connection "${settings.connId}" (master ${settings.master}${mode})`;
}

function masterOf(host: string, port: number | null): string {
  const withPort = port && !/:\d+$/.test(host) ? `${host}:${port}` : host;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(withPort)) return withPort;
  if (withPort === "yarn" || withPort.startsWith("local")) return withPort;
  return `spark://${withPort}`;
}

function managerOf(master: string): ClusterManager {
  if (master === "yarn" || master.startsWith("yarn")) return "yarn";
  if (master.startsWith("k8s://")) return "kubernetes";
  if (master.startsWith("local")) return "local";
  if (master.startsWith("mesos://")) return "mesos";
  return "standalone";
}

function text(extra: TaskConnection["extra"], ...keys: string[]): string | null {
  for (const key of keys) {
    const value = extra[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}
