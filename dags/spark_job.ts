/**
 * A Spark job: submit the day's aggregation to the cluster with `spark-submit`, then report the
 * application id Spark gave it. The submission's output streams into the task's log; a timeout or
 * a cancel kills the submission and the driver.
 *
 * Needs a `spark` connection and `spark-submit` on the PATH of the server (then unpause the DAG):
 *
 *     updraft connections add spark_default --conn-type spark --conn-host yarn \
 *       --conn-extra '{"deploy-mode": "cluster", "queue": "etl"}'
 *
 * `spark-submit` runs as a subprocess: like bash tasks, it is not held by the sandbox's file and
 * network rules; it gets a clean environment with the variables named here only.
 */
import { dag, task } from "updraft";
import { sparkSubmit } from "@updraft/spark";

export default dag({
  id: "spark_job",
  description: "Daily Spark aggregation with spark-submit (connection: spark_default)",
  schedule: "@daily",
  startDate: "2024-01-01",
  tags: ["example", "spark"],
  isPausedUponCreation: true,
}, () => {
  const aggregate = sparkSubmit({
    id: "aggregate_orders",
    connId: "spark_default",
    application: "/opt/jobs/aggregate_orders.py",
    name: "aggregate-orders-{{ ds }}",
    applicationArgs: ["--day", "{{ ds }}"],
    conf: { "spark.sql.shuffle.partitions": 64 },
    executorMemory: "2g",
    numExecutors: 4,
    env: { RUN_DAY: "{{ ds_nodash }}" },
    executionTimeout: "2h",
  });
  const report = task({ id: "report" }, (ctx, submitted: { applicationId: string | null }) => {
    ctx.log(`Spark application for ${ctx.ds}: ${submitted.applicationId}`);
    return submitted.applicationId;
  });
  report(aggregate);
});
