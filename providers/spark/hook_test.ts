import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { SparkSubmitHook } from "./hook.ts";

const STAND_IN = new URL("../../tests/fixtures/spark-submit", import.meta.url).pathname;

function connection(host: string, extra: TaskConnection["extra"] = {}): TaskConnection {
  return {
    connId: "spark_default",
    connType: "spark",
    host,
    schema: null,
    login: null,
    password: null,
    port: null,
    extra,
  };
}

/** One recorded call of the stand-in: its arguments and environment. */
interface Invocation {
  args: string[];
  env: Record<string, string>;
}

async function invocations(record: string): Promise<Invocation[]> {
  const text = await Deno.readTextFile(record).catch(() => "");
  return text.split(/^=== invocation \d+\n/m).slice(1).map((block) => {
    const [args, env] = block.split("--- environment\n");
    return {
      args: args.split("\n").slice(0, -1),
      env: Object.fromEntries(
        env.trim().split("\n").map((
          line,
        ) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      ),
    };
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!await check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isRunning(pid: number): boolean {
  return new Deno.Command("kill", { args: ["-0", String(pid)], stderr: "null" }).outputSync()
    .success;
}

async function withRecord(body: (record: string, folder: string) => Promise<void>): Promise<void> {
  const folder = await Deno.makeTempDir({ prefix: "updraft-spark-test-" });
  Deno.env.set("SPARK_STANDIN_RECORD", `${folder}/record.txt`);
  try {
    await body(`${folder}/record.txt`, folder);
  } finally {
    Deno.env.delete("SPARK_STANDIN_RECORD");
    await Deno.remove(folder, { recursive: true });
  }
}

Deno.test("SparkSubmitHook runs spark-submit with a clean environment, streams its log, records the YARN application id", async () => {
  await withRecord(async (record) => {
    Deno.env.set("UPDRAFT_CONN_SECRET_PROBE", "must-not-leak");
    try {
      const lines: string[] = [];
      const hook = new SparkSubmitHook(
        connection("yarn", { "deploy-mode": "cluster", queue: "etl" }),
      );
      const result = await hook.submit({
        application: "etl.py",
        env: { STAGE: "prod" },
        conf: { "spark.hadoop.fs.s3a.secret.key": "conf-secret" },
        applicationArgs: ["--day", "2024-01-02"],
      }, {
        log: (line) => lines.push(line),
        sparkBinary: STAND_IN,
        inheritEnv: ["SPARK_STANDIN_RECORD"],
      });
      assert.deepEqual(result, {
        applicationId: "application_1704153600000_0042",
        driverId: null,
        driverPod: null,
        exitCode: 0,
      });
      assert.ok(lines.includes("Spark stand-in: submitting application to yarn"), lines.join("\n"));
      assert.ok(
        lines.some((line) =>
          line.endsWith("Client: Submitted application application_1704153600000_0042")
        ),
      );
      assert.ok(lines.includes("Identified Spark application id: application_1704153600000_0042"));
      assert.ok(
        lines[0].startsWith(
          `Spark-Submit cmd: ${STAND_IN} --master yarn --conf spark.hadoop.fs.s3a.secret.key=******`,
        ),
      );
      assert.ok(!lines.join("\n").includes("conf-secret"));

      const [call] = await invocations(record);
      assert.deepEqual(call.args, [
        "--master",
        "yarn",
        "--conf",
        "spark.hadoop.fs.s3a.secret.key=conf-secret",
        "--conf",
        "spark.yarn.appMasterEnv.STAGE=prod",
        "--queue",
        "etl",
        "--deploy-mode",
        "cluster",
        "etl.py",
        "--day",
        "2024-01-02",
      ]);
      const bashOwn = new Set(["PWD", "SHLVL", "_"]);
      assert.deepEqual(
        Object.keys(call.env).filter((name) => !bashOwn.has(name)).sort(),
        ["PATH", "SPARK_STANDIN_RECORD", "STAGE"],
      );
      assert.equal(call.env.PATH, Deno.env.get("PATH"));
    } finally {
      Deno.env.delete("UPDRAFT_CONN_SECRET_PROBE");
    }
  });
});

Deno.test("SparkSubmitHook fails on a non-zero exit, or a Kubernetes driver's, naming the connection and the code", async () => {
  const run = { log: () => {}, sparkBinary: STAND_IN };
  const yarn = new SparkSubmitHook(connection("yarn"));
  await assert.rejects(
    yarn.submit({ application: "a.py", applicationArgs: ["--standin-exit=3"] }, run),
    new Error(
      `connection "spark_default" (master yarn): ${STAND_IN} exited with code 3; its output is in the log above`,
    ),
  );
  const k8s = new SparkSubmitHook(
    connection("k8s://https://api:6443", { "deploy-mode": "cluster", namespace: "jobs" }),
  );
  await assert.rejects(
    k8s.submit({ application: "local:///a.py", applicationArgs: ["--standin-driver-exit=2"] }, run),
    /connection "spark_default" \(master k8s:\/\/https:\/\/api:6443, cluster mode\): the Spark driver exited with code 2/,
  );
  const ok = await k8s.submit({ application: "local:///a.py" }, run);
  assert.deepEqual([ok.applicationId, ok.driverPod], [
    "spark-3f6e2b",
    "spark-pi-5b0b3c8a2b-driver",
  ]);
  await assert.rejects(
    yarn.submit({ application: "a.py" }, { ...run, sparkBinary: "/nonexistent/spark-submit" }),
    /connection "spark_default" \(master yarn\): cannot start \/nonexistent\/spark-submit: .*(No such file|not found)/i,
  );
});

Deno.test("SparkSubmitHook: cancelling kills spark-submit and, in standalone cluster mode, the driver on the cluster", async () => {
  await withRecord(async (record, folder) => {
    const pidFile = `${folder}/pid`;
    Deno.env.set("SPARK_STANDIN_PIDFILE", pidFile);
    try {
      const controller = new AbortController();
      const lines: string[] = [];
      const hook = new SparkSubmitHook(
        connection("spark://master.example.com", { "deploy-mode": "cluster" }),
      );
      const submitted = hook.submit({ application: "a.jar", applicationArgs: ["--standin-hang"] }, {
        log: (line) => lines.push(line),
        signal: controller.signal,
        sparkBinary: STAND_IN,
        inheritEnv: ["SPARK_STANDIN_RECORD", "SPARK_STANDIN_PIDFILE"],
      });
      let pid = 0;
      await waitFor(
        async () => (pid = Number(await Deno.readTextFile(pidFile).catch(() => "0"))) > 0,
        "the pid file",
      );
      assert.ok(isRunning(pid));
      controller.abort(new Error("Task exceeded its execution timeout of 2s"));
      await assert.rejects(submitted, /Task exceeded its execution timeout of 2s/);
      await waitFor(() => !isRunning(pid), "the stand-in to be killed");
      await waitFor(async () => (await invocations(record)).length === 2, "the kill command");
      const [, kill] = await invocations(record);
      assert.deepEqual(kill.args, [
        "--master",
        "spark://master.example.com",
        "--kill",
        "driver-20240102000000-0007",
      ]);
      assert.ok(lines.includes(
        `Killing the application on the cluster: ${STAND_IN} --master spark://master.example.com --kill driver-20240102000000-0007`,
      ));
    } finally {
      Deno.env.delete("SPARK_STANDIN_PIDFILE");
    }
  });
});

Deno.test("SparkSubmitHook follows a standalone cluster-mode driver until it ends; a failed driver fails the run", async () => {
  await withRecord(async (record) => {
    const lines: string[] = [];
    const hook = new SparkSubmitHook(
      connection("spark://master:7077", { "deploy-mode": "cluster" }),
    );
    const run = {
      log: (line: string) => lines.push(line),
      sparkBinary: STAND_IN,
      inheritEnv: [
        "SPARK_STANDIN_RECORD",
        "SPARK_STANDIN_DRIVER_STATE",
        "SPARK_STANDIN_RUNNING_POLLS",
      ],
      statusPollInterval: 0.01,
    };
    Deno.env.set("SPARK_STANDIN_RUNNING_POLLS", "2");
    try {
      const result = await hook.submit({ application: "a.jar" }, run);
      assert.equal(result.driverId, "driver-20240102000000-0007");
      const statusCalls = (await invocations(record)).filter((call) =>
        call.args.includes("--status")
      );
      assert.equal(statusCalls.length, 3);
      assert.deepEqual(statusCalls[0].args, [
        "--master",
        "spark://master:7077",
        "--status",
        "driver-20240102000000-0007",
      ]);
      assert.deepEqual(lines.filter((line) => line.startsWith("Driver ")), [
        "Driver driver-20240102000000-0007 is RUNNING",
        "Driver driver-20240102000000-0007 is RUNNING",
        "Driver driver-20240102000000-0007 is FINISHED",
      ]);

      await Deno.remove(`${record}.status`);
      Deno.env.set("SPARK_STANDIN_DRIVER_STATE", "FAILED");
      await assert.rejects(
        hook.submit({ application: "a.jar" }, run),
        new Error(
          'connection "spark_default" (master spark://master:7077, cluster mode): driver driver-20240102000000-0007 ended FAILED',
        ),
      );
      const untracked = await hook.submit({ application: "a.jar" }, {
        ...run,
        statusPollInterval: 0,
      });
      assert.equal(untracked.exitCode, 0, "with statusPollInterval 0 the task ends once submitted");
    } finally {
      Deno.env.delete("SPARK_STANDIN_DRIVER_STATE");
      Deno.env.delete("SPARK_STANDIN_RUNNING_POLLS");
    }
  });
});

Deno.test("SparkSubmitHook: cancelling while following the driver kills the driver", async () => {
  await withRecord(async (record) => {
    Deno.env.set("SPARK_STANDIN_RUNNING_POLLS", "1000000");
    try {
      const controller = new AbortController();
      const hook = new SparkSubmitHook(
        connection("spark://master:7077", { "deploy-mode": "cluster" }),
      );
      const submitted = hook.submit({ application: "a.jar" }, {
        log: () => {},
        signal: controller.signal,
        sparkBinary: STAND_IN,
        inheritEnv: ["SPARK_STANDIN_RECORD", "SPARK_STANDIN_RUNNING_POLLS"],
        statusPollInterval: 0.01,
      });
      await waitFor(
        async () => (await invocations(record)).some((call) => call.args.includes("--status")),
        "a status request",
      );
      controller.abort(new Error("cancelled by the user"));
      await assert.rejects(submitted, /cancelled by the user/);
      await waitFor(
        async () => (await invocations(record)).some((call) => call.args.includes("--kill")),
        "the kill command",
      );
      const kill = (await invocations(record)).find((call) => call.args.includes("--kill"));
      assert.deepEqual(kill?.args, [
        "--master",
        "spark://master:7077",
        "--kill",
        "driver-20240102000000-0007",
      ]);
    } finally {
      Deno.env.delete("SPARK_STANDIN_RUNNING_POLLS");
    }
  });
});
