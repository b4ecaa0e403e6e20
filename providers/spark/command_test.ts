import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { buildSparkSubmit, killCommand, maskArguments, sparkBinaryPath } from "./command.ts";
import { sparkConnectionSettings } from "./connection.ts";

function spark(
  host: string | null,
  extra: TaskConnection["extra"] = {},
  port: number | null = null,
) {
  return sparkConnectionSettings({
    connId: "spark_default",
    connType: "spark",
    host,
    schema: null,
    login: null,
    password: null,
    port,
    extra,
  });
}

Deno.test("buildSparkSubmit passes every option in Airflow's order", () => {
  const settings = spark("yarn", { "deploy-mode": "cluster", queue: "etl" });
  const { args, processEnv, deployMode } = buildSparkSubmit(settings, {
    application: "hdfs:///jobs/etl.py",
    conf: { "spark.sql.shuffle.partitions": 64, "spark.dynamicAllocation.enabled": false },
    env: { STAGE: "prod" },
    propertiesFile: "/etc/spark/job.conf",
    files: ["a.json", "b.json"],
    pyFiles: "deps.zip",
    archives: "env.tar.gz#env",
    driverClassPath: "/opt/jdbc.jar",
    jars: ["x.jar", "y.jar"],
    packages: "org.apache.spark:spark-avro_2.12:3.5.1",
    excludePackages: "org.slf4j:slf4j-api",
    repositories: "https://repo.example.com/maven",
    numExecutors: 4,
    totalExecutorCores: 16,
    executorCores: 4,
    executorMemory: "4g",
    driverMemory: "2g",
    keytab: "/etc/etl.keytab",
    principal: "etl@EXAMPLE.COM",
    proxyUser: "analyst",
    name: "nightly etl",
    javaClass: "com.example.Main",
    verbose: true,
    applicationArgs: ["--day", "2024-01-02", 3],
  });
  assert.deepEqual(args, [
    "--master",
    "yarn",
    "--conf",
    "spark.sql.shuffle.partitions=64",
    "--conf",
    "spark.dynamicAllocation.enabled=false",
    "--conf",
    "spark.yarn.appMasterEnv.STAGE=prod",
    "--properties-file",
    "/etc/spark/job.conf",
    "--files",
    "a.json,b.json",
    "--py-files",
    "deps.zip",
    "--archives",
    "env.tar.gz#env",
    "--driver-class-path",
    "/opt/jdbc.jar",
    "--jars",
    "x.jar,y.jar",
    "--packages",
    "org.apache.spark:spark-avro_2.12:3.5.1",
    "--exclude-packages",
    "org.slf4j:slf4j-api",
    "--repositories",
    "https://repo.example.com/maven",
    "--num-executors",
    "4",
    "--total-executor-cores",
    "16",
    "--executor-cores",
    "4",
    "--executor-memory",
    "4g",
    "--driver-memory",
    "2g",
    "--keytab",
    "/etc/etl.keytab",
    "--principal",
    "etl@EXAMPLE.COM",
    "--proxy-user",
    "analyst",
    "--name",
    "nightly etl",
    "--class",
    "com.example.Main",
    "--verbose",
    "--queue",
    "etl",
    "--deploy-mode",
    "cluster",
    "hdfs:///jobs/etl.py",
    "--day",
    "2024-01-02",
    "3",
  ]);
  assert.deepEqual(processEnv, { STAGE: "prod" }, "on YARN env also reaches the process");
  assert.equal(deployMode, "cluster");
});

Deno.test("buildSparkSubmit: the task overrides deploy mode and queue; env follows Spark's rules per master", () => {
  const minimal = buildSparkSubmit(spark("local[*]"), { application: "pi.py" });
  assert.deepEqual(minimal.args, ["--master", "local[*]", "pi.py"]);
  assert.equal(minimal.deployMode, null);

  const yarn = buildSparkSubmit(spark("yarn", { "deploy-mode": "cluster", queue: "etl" }), {
    application: "a.py",
    deployMode: "client",
    queue: "adhoc",
  });
  assert.deepEqual(yarn.args.slice(-5), ["--queue", "adhoc", "--deploy-mode", "client", "a.py"]);

  const k8s = buildSparkSubmit(spark("k8s://https://k8s.example.com:6443", { namespace: "jobs" }), {
    application: "local:///app.py",
    env: { MODE: "x" },
  });
  assert.deepEqual(k8s.args.slice(0, 6), [
    "--master",
    "k8s://https://k8s.example.com:6443",
    "--conf",
    "spark.kubernetes.driverEnv.MODE=x",
    "--conf",
    "spark.kubernetes.namespace=jobs",
  ]);
  assert.deepEqual(k8s.processEnv, {}, "on Kubernetes env goes to the driver only");
  const namespaced = buildSparkSubmit(spark("k8s://https://k8s:6443", { namespace: "jobs" }), {
    application: "a.py",
    conf: { "spark.kubernetes.namespace": "other" },
  });
  assert.equal(
    namespaced.args.filter((arg) => arg.startsWith("spark.kubernetes.namespace")).length,
    1,
  );

  const standaloneClient = buildSparkSubmit(spark("spark://master:7077"), {
    application: "a.py",
    env: { A: "1" },
  });
  assert.deepEqual(standaloneClient.processEnv, { A: "1" });
  assert.throws(
    () =>
      buildSparkSubmit(spark("spark://master:7077", { "deploy-mode": "cluster" }), {
        application: "a.py",
        env: { A: "1" },
      }),
    /env: not supported with a standalone master in cluster mode/,
  );
  assert.throws(
    () => buildSparkSubmit(spark("yarn"), { application: "" }),
    /application: the jar or Python file/,
  );
});

Deno.test("sparkConnectionSettings reads the master, extras in both spellings and rejects a bad deploy mode", () => {
  assert.equal(spark("spark://master", {}, 7077).master, "spark://master:7077");
  assert.equal(spark("master.example.com", {}, 7077).master, "spark://master.example.com:7077");
  assert.equal(spark("spark://master:7077", {}, 7077).master, "spark://master:7077");
  assert.equal(spark(null).master, "yarn");
  assert.equal(spark("local[4]").manager, "local");
  assert.equal(spark("k8s://https://api:6443").manager, "kubernetes");
  assert.equal(spark("mesos://m:5050").manager, "mesos");
  const settings = spark("yarn", {
    deploy_mode: "cluster",
    spark_binary: "spark3-submit",
    spark_home: "/opt/spark",
  });
  assert.equal(settings.deployMode, "cluster");
  assert.equal(sparkBinaryPath(settings), "/opt/spark/bin/spark3-submit");
  assert.equal(sparkBinaryPath(settings, "spark-submit"), "/opt/spark/bin/spark-submit");
  assert.equal(
    sparkBinaryPath(settings, "/usr/local/bin/spark-submit"),
    "/usr/local/bin/spark-submit",
  );
  assert.equal(sparkBinaryPath(spark("yarn")), "spark-submit");
  assert.throws(
    () => spark("yarn", { "deploy-mode": "both" }),
    /connection "spark_default": deploy-mode must be "client" or "cluster"/,
  );
});

Deno.test("killCommand: YARN, standalone and Kubernetes cluster-mode drivers; nothing in client mode", () => {
  const ids = {
    applicationId: "application_1_2",
    driverId: "driver-20240102000000-0001",
    driverPod: "pi-1a-driver",
  };
  const run = { deployMode: "cluster", ids, sparkBinary: "/s/spark-submit", yarnBinary: "yarn" };
  assert.deepEqual(killCommand(spark("yarn"), run), {
    binary: "yarn",
    args: ["application", "-kill", "application_1_2"],
  });
  assert.deepEqual(killCommand(spark("spark://m:7077"), run), {
    binary: "/s/spark-submit",
    args: ["--master", "spark://m:7077", "--kill", "driver-20240102000000-0001"],
  });
  assert.deepEqual(killCommand(spark("k8s://https://api:6443", { namespace: "jobs" }), run)?.args, [
    "--master",
    "k8s://https://api:6443",
    "--kill",
    "jobs:pi-1a-driver",
  ]);
  assert.equal(killCommand(spark("yarn"), { ...run, deployMode: "client" }), null);
  assert.equal(
    killCommand(spark("spark://m:7077"), { ...run, ids: { ...ids, driverId: null } }),
    null,
  );
});

Deno.test("maskArguments hides secret-looking conf values", () => {
  assert.deepEqual(
    maskArguments([
      "--conf",
      "spark.hadoop.fs.s3a.secret.key=abc",
      "--conf",
      "spark.x=1",
      "--name",
      "a=b",
    ]),
    ["--conf", "spark.hadoop.fs.s3a.secret.key=******", "--conf", "spark.x=1", "--name", "a=b"],
  );
});
