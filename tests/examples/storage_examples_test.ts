/**
 * The S3 and Spark example DAGs of `dags/`, run as they are: s3_etl against s3rver (behind a
 * front that checks SigV4 signatures), spark_job with the stand-in `spark-submit` on the PATH
 * (Spark cannot be installed here; see providers/spark/README.md). Wrong secrets and failing
 * submissions are covered by the providers' own tests (tests/providers/).
 */

import assert from "node:assert/strict";
import { S3Hook } from "@updraft/s3";
import { connectionFromUri } from "../../src/core/mod.ts";
import { startS3Server } from "../servers/s3.ts";
import { runExample } from "./_services.ts";

const DAY = "2024-01-03";

Deno.test("s3_etl: the key sensor waits for the export, which is cleaned, listed and archived", async () => {
  const server = await startS3Server({ buckets: ["landing", "curated", "archive"] });
  const core = connectionFromUri("lake", server.connectionUri());
  const hook = new S3Hook({ ...core, extra: JSON.parse(core.extra ?? "{}") });
  try {
    await hook.put(
      "landing",
      `orders/${DAY}/orders-1.csv`,
      "id,status,amount\n1,paid,10\n2,cancelled,5\n\n3,paid,7.5\n",
    );
    const run = await runExample("s3_etl", {
      logicalDate: `${DAY}T00:00:00Z`,
      connections: { lake: server.connectionUri() },
    });
    assert.equal(run.runState, "success", [...run.logs.values()].join("\n"));
    assert.equal(
      await hook.getText("curated", `orders/${DAY}/orders.csv`),
      "id,status,amount\n1,paid,10.00\n3,paid,7.50\n",
    );
    assert.equal(
      await hook.getText("archive", `orders/${DAY}/export.csv`),
      "id,status,amount\n1,paid,10\n2,cancelled,5\n\n3,paid,7.5\n",
    );
    assert.match(
      run.logs.get("report") ?? "",
      /curated for 2024-01-03: orders\/2024-01-03\/orders\.csv/,
    );
  } finally {
    await server.stop();
  }
});

Deno.test("spark_job: spark-submit runs with the connection's master; the application id reaches report", async () => {
  const bin = await Deno.makeTempDir({ prefix: "updraft-spark-bin-" });
  const path = Deno.env.get("PATH") ?? "";
  await Deno.symlink(
    new URL("../fixtures/spark-submit", import.meta.url).pathname,
    `${bin}/spark-submit`,
  );
  Deno.env.set("PATH", `${bin}:${path}`);
  try {
    const run = await runExample("spark_job", {
      logicalDate: `${DAY}T00:00:00Z`,
      connections: { spark_default: "spark://yarn?deploy-mode=cluster&queue=etl" },
    });
    const log = run.logs.get("aggregate_orders") ?? "";
    assert.equal(run.runState, "success", log);
    for (const option of [/--master yarn /, /--deploy-mode cluster/, /--queue etl/]) {
      assert.match(log, option);
    }
    assert.match(log, /--name aggregate-orders-2024-01-03/);
    assert.match(
      run.logs.get("report") ?? "",
      /Spark application for 2024-01-03: application_\d+_\d+/,
    );
  } finally {
    Deno.env.set("PATH", path);
    await Deno.remove(bin, { recursive: true });
  }
});
