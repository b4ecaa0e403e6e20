/**
 * The S3 provider end to end: DAG files importing "@updraft/s3" are parsed, scheduled and run in
 * sandbox Workers by `testDag`, against s3rver (tests/servers/s3.ts) reached through
 * `UPDRAFT_CONN_*` connections.
 */

import assert from "node:assert/strict";
import { defaultConfig } from "../../src/app/config.ts";
import { testDag } from "../../src/app/mod.ts";
import type { TaskReport } from "../../src/app/in_process.ts";
import { S3Hook } from "../../providers/s3/mod.ts";
import { type S3TestServer, startS3Server } from "../servers/s3.ts";

const LOGICAL_DATE = Date.UTC(2024, 0, 2);
const DAY = "2024-01-02";
const WRONG_SECRET = "not-the-secret-9f31";

const etlDag = (script: string) =>
  `import { chain, dag, task } from "updraft";
import { s3CopyObject, s3CreateObject, s3DeleteObjects, s3FileTransform, s3KeySensor, s3List } from "@updraft/s3";

// Defined at the top of the DAG file: the transform closes over it inside the sandbox.
const SEPARATOR = ";";

export default dag({ id: "s3_etl" }, () => {
  const arrived = s3KeySensor({
    id: "arrived",
    awsConnId: "lake",
    bucketKey: "s3://landing/{{ ds }}/users-*.csv",
    wildcardMatch: true,
    pokeInterval: "50ms",
    timeout: "60s",
    mode: "reschedule",
  });
  const transform = s3FileTransform({
    id: "transform",
    sourceAwsConnId: "lake",
    destAwsConnId: "lake",
    sourceS3Key: "{{ ti.xcom_pull(task_ids='arrived')[0] }}",
    destS3Key: "s3://curated/{{ ds }}/users.csv",
    transform: (source, ctx) => {
      ctx.log("transforming", source.key);
      return source.text().trim().split("\\n").map((line) => line.toUpperCase().replaceAll(",", SEPARATOR)).join("\\n");
    },
  });
  const script = s3FileTransform({
    id: "script",
    sourceAwsConnId: "lake",
    destAwsConnId: "lake",
    sourceS3Key: "s3://curated/{{ ds }}/users.csv",
    destS3Key: "s3://curated/{{ ds }}/users.rev",
    transformScript: "${script}",
    scriptArgs: ["{{ ds_nodash }}"],
  });
  const marker = s3CreateObject({ id: "marker", awsConnId: "lake", s3Key: "s3://curated/{{ ds }}/_SUCCESS", data: { day: "{{ ds }}" } });
  const listed = s3List({ id: "list", awsConnId: "lake", bucket: "curated", prefix: "{{ ds }}/" });
  const copied = s3CopyObject({
    id: "copy",
    awsConnId: "lake",
    sourceBucketKey: "{{ ds }}/users.csv",
    sourceBucketName: "curated",
    destBucketKey: "s3://archive/{{ ds }}/users.csv",
  });
  const cleaned = s3DeleteObjects({ id: "cleanup", awsConnId: "lake", bucket: "landing", prefix: "{{ ds }}/" });
  const report = task({ id: "report" }, (ctx) => {
    ctx.log("LISTED " + JSON.stringify(ctx.xcom.pull("list")));
    ctx.log("DELETED " + JSON.stringify(ctx.xcom.pull("cleanup")));
    ctx.log("FOUND " + JSON.stringify(ctx.xcom.pull("arrived")));
  });
  chain(arrived, transform, script, marker, listed, copied, cleaned, report);
});
`;

const ERRORS_DAG = `import { dag } from "updraft";
import { s3FileTransform, s3KeySensor, s3List } from "@updraft/s3";

export default dag({ id: "s3_errors" }, () => {
  s3List({ id: "wrong_secret", awsConnId: "lake_bad", bucket: "curated" });
  s3List({ id: "missing_bucket", awsConnId: "lake", bucket: "nowhere" });
  s3FileTransform({
    id: "missing_key",
    sourceAwsConnId: "lake",
    destAwsConnId: "lake",
    sourceS3Key: "s3://landing/absent.csv",
    destS3Key: "s3://curated/absent.csv",
    transform: (source) => source.text(),
  });
  s3KeySensor({ id: "never", awsConnId: "lake", bucketKey: "s3://landing/never.csv", pokeInterval: "20ms", timeout: "150ms" });
  s3KeySensor({ id: "soft", awsConnId: "lake", bucketKey: "s3://landing/never.csv", pokeInterval: "20ms", timeout: "150ms", softFail: true });
});
`;

/** Reverses each line and appends the script's argument; logs to stderr. */
const REVERSE_SCRIPT = `#!/usr/bin/env bash
set -euo pipefail
echo "script got $# arguments: $*" >&2
rev < "$1" > "$2"
printf '\\n# %s\\n' "$3" >> "$2"
`;

async function withDags(
  body: (run: (dagId: string) => Promise<TaskReport[]>, server: S3TestServer) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-s3-e2e-" });
  const server = await startS3Server({ buckets: ["landing", "curated", "archive"] });
  const script = `${root}/reverse.sh`;
  await Deno.writeTextFile(script, REVERSE_SCRIPT);
  await Deno.chmod(script, 0o755);
  Deno.env.set("UPDRAFT_CONN_LAKE", server.connectionUri());
  Deno.env.set("UPDRAFT_CONN_LAKE_BAD", server.connectionUri({ secretAccessKey: WRONG_SECRET }));
  try {
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder);
    await Deno.writeTextFile(`${config.dagsFolder}/etl.ts`, etlDag(script));
    await Deno.writeTextFile(`${config.dagsFolder}/errors.ts`, ERRORS_DAG);
    await body(async (dagId) => {
      const reports: TaskReport[] = [];
      await testDag(config, { dagId, logicalDate: LOGICAL_DATE }, {
        onTask: (report) => reports.push(report),
      });
      return reports;
    }, server);
  } finally {
    Deno.env.delete("UPDRAFT_CONN_LAKE");
    Deno.env.delete("UPDRAFT_CONN_LAKE_BAD");
    await server.stop();
    await Deno.remove(root, { recursive: true });
  }
}

function byTask(reports: TaskReport[]): Map<string, TaskReport> {
  return new Map(reports.map((report) => [report.instance.taskId, report]));
}

Deno.test("s3 DAG: key sensor waits for a wildcard key, transforms (function and script), lists, copies, deletes", async () => {
  await withDags(async (run, server) => {
    const hook = new S3Hook({
      connId: "test",
      connType: "aws",
      host: null,
      schema: null,
      login: server.accessKeyId,
      password: server.secretAccessKey,
      port: null,
      extra: { endpoint_url: server.endpoint },
    });
    await hook.put("landing", `${DAY}/notes.txt`, "not a match");
    // The object arrives only once the sensor has poked and found nothing.
    const arrival = (async () => {
      while (!server.requests.some((line) => line.startsWith("GET /landing?list-type=2"))) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await hook.put("landing", `${DAY}/users-1.csv`, "ada,36\ngrace,45\n");
    })();
    const reports = byTask(await run("s3_etl"));
    await arrival;
    for (const [taskId, report] of reports) {
      assert.equal(report.instance.state, "success", `${taskId} failed:\n${report.log}`);
    }
    const listCalls = server.requests.filter((line) => line.startsWith("GET /landing?list-type=2"));
    assert.ok(listCalls.length >= 2, "the sensor poked again after finding nothing");

    assert.equal(await hook.getText("curated", `${DAY}/users.csv`), "ADA;36\nGRACE;45");
    assert.equal(
      await hook.getText("curated", `${DAY}/users.rev`),
      "63;ADA\n54;ECARG\n# 20240102\n",
    );
    assert.equal(await hook.getText("curated", `${DAY}/_SUCCESS`), `{"day":"${DAY}"}`);
    assert.equal(await hook.getText("archive", `${DAY}/users.csv`), "ADA;36\nGRACE;45");
    assert.deepEqual(await hook.listKeys("landing"), []);

    assert.match(reports.get("transform")!.log!, /transforming 2024-01-02\/users-1\.csv/);
    assert.match(
      reports.get("script")!.log!,
      /script got 3 arguments: \/dev\/stdin \/dev\/stdout 20240102/,
    );
    const report = reports.get("report")!.log!;
    assert.match(
      report,
      new RegExp(`LISTED \\["${DAY}/_SUCCESS","${DAY}/users.csv","${DAY}/users.rev"\\]`),
    );
    assert.match(report, new RegExp(`DELETED \\["${DAY}/notes.txt","${DAY}/users-1.csv"\\]`));
    assert.match(report, new RegExp(`FOUND \\["s3://landing/${DAY}/users-1.csv"\\]`));
  });
});

Deno.test("s3 DAG: a wrong secret, a missing bucket or key fail the try naming connection, endpoint and object; a sensor times out", async () => {
  await withDags(async (run, server) => {
    const reports = byTask(await run("s3_errors"));
    const state = (taskId: string) => reports.get(taskId)!.instance.state;
    const log = (taskId: string) => reports.get(taskId)!.log ?? "";
    const where = (connId: string) => `connection "${connId}" (S3 at ${server.endpoint})`;

    assert.equal(state("wrong_secret"), "failed");
    assert.ok(
      log("wrong_secret").includes(
        `${
          where("lake_bad")
        }: ListObjectsV2 of s3://curated failed: SignatureDoesNotMatch (HTTP 403)`,
      ),
      log("wrong_secret"),
    );
    assert.match(log("wrong_secret"), /check the connection's secret access key/);

    assert.equal(state("missing_bucket"), "failed");
    assert.ok(
      log("missing_bucket").includes(
        `${where("lake")}: ListObjectsV2 of s3://nowhere failed: NoSuchBucket (HTTP 404)`,
      ),
      log("missing_bucket"),
    );
    assert.equal(state("missing_key"), "failed");
    assert.ok(
      log("missing_key").includes(
        `${where("lake")}: GetObject of s3://landing/absent.csv failed: NoSuchKey (HTTP 404)`,
      ),
      log("missing_key"),
    );
    for (const taskId of ["wrong_secret", "missing_bucket", "missing_key"]) {
      assert.ok(!log(taskId).includes(WRONG_SECRET), `${taskId}'s log shows the secret`);
      assert.ok(!log(taskId).includes(server.secretAccessKey + "@"), `${taskId}'s log shows a URI`);
    }

    assert.equal(state("never"), "failed");
    assert.match(log("never"), /Sensor has timed out/);
    assert.equal(state("soft"), "skipped");
  });
});
