/**
 * An S3 ETL: wait for the day's raw orders export in the landing bucket, clean it in the task's
 * sandbox (drop blank and cancelled lines, normalise amounts), write it to the curated bucket,
 * list what is there, and archive the raw file.
 *
 * Needs one `aws` connection (AWS itself, or MinIO, Ceph, R2: put the endpoint in extra), then
 * unpause the DAG:
 *
 *     updraft connections add lake --conn-type aws --conn-login ACCESS_KEY --conn-password SECRET \
 *       --conn-extra '{"endpoint_url": "http://minio.internal:9000", "region_name": "us-east-1"}'
 *
 * and the buckets `landing`, `curated` and `archive`. The export is expected at
 * `s3://landing/orders/{{ ds }}/orders-*.csv` with the columns `id,status,amount`.
 */
import { chain, dag, task } from "updraft";
import { s3CopyObject, s3FileTransform, s3KeySensor, s3List } from "@updraft/s3";

/** Keeps the orders that were not cancelled, amounts with two decimals. */
function cleanOrders(csv: string): string {
  const [header, ...lines] = csv.split("\n").map((line) => line.trim()).filter((line) => line);
  const kept = lines
    .map((line) => line.split(","))
    .filter(([, status]) => status !== "cancelled")
    .map(([id, status, amount]) => `${id},${status},${Number(amount).toFixed(2)}`);
  return [header, ...kept].join("\n") + "\n";
}

export default dag({
  id: "s3_etl",
  description: "Clean the day's orders export from S3 into a curated bucket (connection: lake)",
  schedule: "@daily",
  startDate: "2024-01-01",
  tags: ["example", "s3", "sensors"],
  isPausedUponCreation: true,
  defaultArgs: { retries: 1, retryDelay: "2m" },
}, () => {
  const arrived = s3KeySensor({
    id: "orders_export_arrived",
    awsConnId: "lake",
    bucketKey: "s3://landing/orders/{{ ds }}/orders-*.csv",
    wildcardMatch: true,
    pokeInterval: "1m",
    timeout: "6h",
    mode: "reschedule",
  });
  const clean = s3FileTransform({
    id: "clean_orders",
    sourceAwsConnId: "lake",
    destAwsConnId: "lake",
    sourceS3Key: "{{ ti.xcom_pull(task_ids='orders_export_arrived')[0] }}",
    destS3Key: "s3://curated/orders/{{ ds }}/orders.csv",
    transform: (source) => cleanOrders(source.text()),
  });
  const listed = s3List({
    id: "list_curated",
    awsConnId: "lake",
    bucket: "curated",
    prefix: "orders/{{ ds }}/",
  });
  const archive = s3CopyObject({
    id: "archive_export",
    awsConnId: "lake",
    sourceBucketKey: "{{ ti.xcom_pull(task_ids='orders_export_arrived')[0] }}",
    destBucketKey: "s3://archive/orders/{{ ds }}/export.csv",
  });
  const report = task({ id: "report" }, (ctx, keys: string[]) => {
    ctx.log(`curated for ${ctx.ds}: ${keys.join(", ")}`);
    return keys.length;
  });
  report(listed);
  chain(arrived, clean, listed);
  chain(arrived, archive);
});
