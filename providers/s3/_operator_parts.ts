/**
 * What the S3 operators share: the connection option, the hook for a try, and the network
 * permission for a bucket's virtual-host name.
 *
 * @module
 */

import type { Permissions, TaskContext } from "updraft";
import { S3Hook } from "./hook.ts";

/** A JSON value, as operator fields are. */
export type JsonData = string | number | boolean | null | JsonData[] | { [key: string]: JsonData };

/** The connection options every S3 operator takes. */
export interface S3ConnectionFields {
  /** The `aws` connection (default "aws_default"); a literal id, not a template. */
  awsConnId?: string;
  /** Sign for this region instead of the connection's `region_name`. */
  regionName?: string;
}

/** The default connection id, as Airflow's `aws_conn_id`. */
export const DEFAULT_CONNECTION = "aws_default";

/** The hook for one try: the declared connection, aborted with the try. */
export function hookFor(
  ctx: TaskContext,
  fields: S3ConnectionFields,
  connectionId = fields.awsConnId ?? DEFAULT_CONNECTION,
): S3Hook {
  return new S3Hook(ctx.connection(connectionId), {
    regionName: fields.regionName,
    signal: ctx.signal,
  });
}

const DNS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** What {@link bucketHostPermissions} reads: bucket fields, and key fields (`s3://` URLs). */
export interface BucketFields {
  buckets: (string | undefined | null)[];
  keys?: (string | string[] | undefined | null)[];
  regionName?: string;
}

/**
 * Network access to the AWS virtual-host names of the buckets the fields name literally
 * (`<bucket>.s3.amazonaws.com`, and `<bucket>.s3.<regionName>.amazonaws.com` with a literal
 * `regionName`), for connections with `addressing_style: "virtual"`. Path style (the default)
 * needs only the endpoint, which the connection adds. Templated names cannot be known when the
 * DAG file is parsed; nor can a custom endpoint: declare those hosts in the task's permissions.
 */
export function bucketHostPermissions(fields: BucketFields): Permissions {
  const { regionName } = fields;
  const fromKeys = (fields.keys ?? []).flat().map((key) =>
    typeof key === "string" ? key.match(/^s3[an]?:\/\/([^/]+)/)?.[1] : undefined
  );
  const names = new Set<string>();
  for (const bucket of [...fields.buckets, ...fromKeys]) {
    if (typeof bucket !== "string" || !DNS_BUCKET.test(bucket)) continue;
    names.add(`${bucket}.s3.amazonaws.com`);
    if (regionName && /^[a-z0-9-]+$/.test(regionName)) {
      names.add(`${bucket}.s3.${regionName}.amazonaws.com`);
    }
  }
  return names.size > 0 ? { net: [...names] } : {};
}
