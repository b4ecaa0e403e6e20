/**
 * The Spark provider end to end: a DAG file importing "@updraft/spark" is parsed, scheduled and
 * run in sandbox Workers by `testDag`. Spark cannot be installed here, so `sparkBinary` points at
 * the stand-in `tests/fixtures/spark-submit`, which records its arguments and environment and
 * prints Spark-like output.
 */

import assert from "node:assert/strict";
import { defaultConfig } from "../../src/app/config.ts";
import { testDag } from "../../src/app/mod.ts";
import type { TaskReport } from "../../src/app/in_process.ts";

const STAND_IN = new URL("../fixtures/spark-submit", import.meta.url).pathname;

const DAG = `import { dag, task } from "updraft";
import { sparkSubmit } from "@updraft/spark";

export default dag({ id: "spark_jobs", maxActiveTasks: 1 }, () => {
  const submit = sparkSubmit({
    id: "submit",
    connId: "spark_yarn",
    sparkBinary: "${STAND_IN}",
    application: "/jobs/etl.py",
    applicationArgs: ["--day", "{{ ds }}"],
    conf: { "spark.sql.shuffle.partitions": 8 },
    executorMemory: "2g",
    env: { RUN_DAY: "{{ ds_nodash }}" },
    inheritEnv: ["SPARK_STANDIN_RECORD"],
  });
  const report = task({ id: "report" }, (ctx) => {
    ctx.log("RESULT " + JSON.stringify(ctx.xcom.pull("submit")));
  });
  submit.before(report);
  sparkSubmit({
    id: "failing",
    connId: "spark_yarn",
    sparkBinary: "${STAND_IN}",
    application: "/jobs/bad.py",
    applicationArgs: ["--standin-exit=3"],
    inheritEnv: ["SPARK_STANDIN_RECORD"],
  });
  sparkSubmit({
    id: "hanging",
    connId: "spark_standalone",
    sparkBinary: "${STAND_IN}",
    application: "/jobs/long.jar",
    applicationArgs: ["--standin-hang"],
    inheritEnv: ["SPARK_STANDIN_RECORD", "SPARK_STANDIN_PIDFILE"],
    executionTimeout: "2s",
  });
  sparkSubmit({ id: "denied", connId: "spark_home", application: "/jobs/etl.py" });
});
`;

interface Invocation {
  args: string[];
  env: Record<string, string>;
}

async function invocations(record: string): Promise<Invocation[]> {
  const text = await Deno.readTextFile(record).catch(() => "");
  return text.split(/^=== invocation \d+\n/m).slice(1).map((block) => {
    const [args, env] = block.split("--- environment\n");
    const pairs = env.trim().split("\n").map((line) => line.split(/=(.*)/s, 2));
    return { args: args.split("\n").slice(0, -1), env: Object.fromEntries(pairs) };
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

Deno.test("spark DAG: success records the application id, a non-zero exit fails clearly, a timed-out run is killed with its driver", async () => {
  const root = await Deno.makeTempDir({ prefix: "updraft-spark-e2e-" });
  const record = `${root}/record.txt`;
  const pidFile = `${root}/hanging.pid`;
  Deno.env.set("SPARK_STANDIN_RECORD", record);
  Deno.env.set("SPARK_STANDIN_PIDFILE", pidFile);
  Deno.env.set(
    "UPDRAFT_CONN_SPARK_YARN",
    JSON.stringify({
      conn_type: "spark",
      host: "yarn",
      extra: { "deploy-mode": "cluster", queue: "etl" },
    }),
  );
  Deno.env.set(
    "UPDRAFT_CONN_SPARK_STANDALONE",
    "spark://master.example.com:7077?deploy-mode=cluster",
  );
  Deno.env.set("UPDRAFT_CONN_SPARK_HOME", "spark://local?spark-home=%2Fopt%2Fspark");
  try {
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder);
    await Deno.writeTextFile(`${config.dagsFolder}/spark.ts`, DAG);
    const reports = new Map<string, TaskReport>();
    await testDag(config, { dagId: "spark_jobs", logicalDate: Date.UTC(2024, 0, 2) }, {
      onTask: (report) => reports.set(report.instance.taskId, report),
    });
    const state = (taskId: string) => reports.get(taskId)?.instance.state;
    const log = (taskId: string) => reports.get(taskId)?.log ?? "";
    const calls = await invocations(record);
    const callOf = (application: string) => calls.find((call) => call.args.includes(application));

    // Success: the command line, a clean environment, the id in the XCom.
    assert.equal(state("submit"), "success", log("submit"));
    assert.deepEqual(callOf("/jobs/etl.py")?.args, [
      "--master",
      "yarn",
      "--conf",
      "spark.sql.shuffle.partitions=8",
      "--conf",
      "spark.yarn.appMasterEnv.RUN_DAY=20240102",
      "--executor-memory",
      "2g",
      "--name",
      "spark_jobs.submit",
      "--queue",
      "etl",
      "--deploy-mode",
      "cluster",
      "/jobs/etl.py",
      "--day",
      "2024-01-02",
    ]);
    const environment = Object.keys(callOf("/jobs/etl.py")!.env)
      .filter((name) => !["PWD", "SHLVL", "_"].includes(name)).sort();
    assert.deepEqual(environment, ["PATH", "RUN_DAY", "SPARK_STANDIN_RECORD"]);
    assert.match(log("submit"), /Client: Submitted application application_1704153600000_0042/);
    assert.equal(state("report"), "success");
    assert.match(
      log("report"),
      /RESULT \{"applicationId":"application_1704153600000_0042","driverId":null,"driverPod":null,"exitCode":0\}/,
    );

    // A non-zero exit fails the try, naming the connection and the code.
    assert.equal(state("failing"), "failed");
    assert.ok(
      log("failing").includes(
        `connection "spark_yarn" (master yarn, cluster mode): ${STAND_IN} exited with code 3`,
      ),
      log("failing"),
    );
    assert.match(log("failing"), /SparkException: Job aborted \(stand-in\)/);

    // The connection names a binary the DAG file did not grant.
    assert.equal(state("denied"), "failed");
    assert.ok(
      log("denied").includes(
        'connection "spark_home" (master local): may not run /opt/spark/bin/spark-submit (from ' +
          'the connection\'s spark-home/spark-binary): set sparkBinary: "/opt/spark/bin/spark-submit"',
      ),
      log("denied"),
    );

    // A timed-out run: spark-submit killed, and the driver killed on the cluster.
    assert.equal(state("hanging"), "failed");
    assert.match(log("hanging"), /Task exceeded its execution timeout of 2s/);
    assert.match(log("hanging"), /Identified Spark driver id: driver-20240102000000-0007/);
    const pid = Number(await Deno.readTextFile(pidFile));
    await waitFor(() => !isRunning(pid), `the stand-in (pid ${pid}) to be killed`);
    await waitFor(
      async () => (await invocations(record)).some((call) => call.args.includes("--kill")),
      "the kill command",
    );
    const kill = (await invocations(record)).find((call) => call.args.includes("--kill"));
    assert.deepEqual(kill?.args, [
      "--master",
      "spark://master.example.com:7077",
      "--kill",
      "driver-20240102000000-0007",
    ]);
  } finally {
    for (
      const name of [
        "SPARK_STANDIN_RECORD",
        "SPARK_STANDIN_PIDFILE",
        "UPDRAFT_CONN_SPARK_YARN",
        "UPDRAFT_CONN_SPARK_STANDALONE",
        "UPDRAFT_CONN_SPARK_HOME",
      ]
    ) {
      Deno.env.delete(name);
    }
    await Deno.remove(root, { recursive: true });
  }
});
