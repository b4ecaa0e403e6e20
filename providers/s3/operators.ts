/**
 * The S3 operators for objects: `s3CreateObject`, `s3DeleteObjects`, `s3CopyObject`, `s3List`
 * (Airflow's S3CreateObjectOperator, S3DeleteObjectsOperator, S3CopyObjectOperator,
 * S3ListOperator). Each uses an `aws` connection (`awsConnId`, default "aws_default").
 *
 * @module
 */

import { defineOperator, type OperatorBuilder } from "updraft";
import { bucketAndKey, hasWildcard, matchesWildcard, wildcardPrefix } from "./keys.ts";
import {
  bucketHostPermissions,
  DEFAULT_CONNECTION,
  hookFor,
  type JsonData,
  type S3ConnectionFields,
} from "./_operator_parts.ts";

const connections = (fields: S3ConnectionFields) => [fields.awsConnId ?? DEFAULT_CONNECTION];

/** Fields of {@link s3CreateObject} (`s3Bucket`, `s3Key` and `data` templated). */
export interface S3CreateObjectFields extends S3ConnectionFields {
  /** The bucket; leave out when `s3Key` is an `s3://bucket/key` URL. */
  s3Bucket?: string;
  /** The key, or a full `s3://bucket/key` URL. */
  s3Key: string;
  /** The content: text as is, any other JSON value as JSON text. */
  data: JsonData;
  /** Overwrite an existing object (default false: fail when the key exists, as Airflow). */
  replace?: boolean;
  /** The object's Content-Type (default text/plain, or application/json for JSON data). */
  contentType?: string;
}

/**
 * Write an object from text (or JSON); returns its `s3://` URL.
 *
 * @example
 * ```ts
 * s3CreateObject({ id: "marker", s3Key: "s3://reports/{{ ds }}/_READY", data: "{{ ts }}" });
 * ```
 */
export const s3CreateObject: OperatorBuilder<S3CreateObjectFields, string> = defineOperator<
  S3CreateObjectFields,
  string
>({
  name: "S3CreateObjectOperator",
  templateFields: ["s3Bucket", "s3Key", "data"],
  connections,
  permissions: (fields: S3CreateObjectFields) =>
    bucketHostPermissions({
      regionName: fields.regionName,
      buckets: [fields.s3Bucket],
      keys: [fields.s3Key],
    }),
  async execute(ctx, fields): Promise<string> {
    const { bucket, key } = bucketAndKey(fields.s3Bucket, fields.s3Key, {
      bucket: "s3Bucket",
      key: "s3Key",
    });
    const isText = typeof fields.data === "string";
    const body = isText ? fields.data as string : JSON.stringify(fields.data);
    await hookFor(ctx, fields).put(bucket, key, body, {
      replace: fields.replace ?? false,
      contentType: fields.contentType ?? (isText ? "text/plain" : "application/json"),
    });
    ctx.log(`Wrote ${new TextEncoder().encode(body).byteLength} bytes to s3://${bucket}/${key}`);
    return `s3://${bucket}/${key}`;
  },
});

/** Fields of {@link s3DeleteObjects} (`bucket`, `keys` and `prefix` templated). */
export interface S3DeleteObjectsFields extends S3ConnectionFields {
  bucket: string;
  /** The keys to delete (one or a list); give either `keys` or `prefix`. */
  keys?: string | string[];
  /** Delete every key under this prefix. */
  prefix?: string;
}

/**
 * Delete objects by key, or every object under a prefix (DeleteObjects, 1000 keys per
 * request); returns the keys deleted.
 */
export const s3DeleteObjects: OperatorBuilder<S3DeleteObjectsFields, string[]> = defineOperator<
  S3DeleteObjectsFields,
  string[]
>({
  name: "S3DeleteObjectsOperator",
  templateFields: ["bucket", "keys", "prefix"],
  connections,
  permissions: (fields: S3DeleteObjectsFields) =>
    bucketHostPermissions({ regionName: fields.regionName, buckets: [fields.bucket] }),
  async execute(ctx, fields): Promise<string[]> {
    const hasKeys = fields.keys !== undefined && fields.keys !== null;
    const hasPrefix = typeof fields.prefix === "string";
    if (hasKeys === hasPrefix) {
      throw new TypeError(
        `task "${ctx.taskId}": give either keys or prefix to delete, ${
          hasKeys ? "not both" : "got neither"
        }`,
      );
    }
    const hook = hookFor(ctx, fields);
    const keys = hasKeys
      ? [fields.keys!].flat()
      : await hook.listKeys(fields.bucket, { prefix: fields.prefix });
    const deleted = await hook.deleteObjects(fields.bucket, keys);
    ctx.log(`Deleted ${deleted.length} objects from s3://${fields.bucket}`);
    return deleted;
  },
});

/** Fields of {@link s3CopyObject} (all four keys and buckets templated). */
export interface S3CopyObjectFields extends S3ConnectionFields {
  /** The source key, or a full `s3://bucket/key` URL. */
  sourceBucketKey: string;
  /** The destination key, or a full `s3://bucket/key` URL. */
  destBucketKey: string;
  sourceBucketName?: string;
  destBucketName?: string;
}

/** Copy an object within the connection's store (up to 5 GiB); returns the copy's URL. */
export const s3CopyObject: OperatorBuilder<S3CopyObjectFields, string> = defineOperator<
  S3CopyObjectFields,
  string
>({
  name: "S3CopyObjectOperator",
  templateFields: ["sourceBucketKey", "destBucketKey", "sourceBucketName", "destBucketName"],
  connections,
  permissions: (fields: S3CopyObjectFields) =>
    bucketHostPermissions({
      regionName: fields.regionName,
      buckets: [fields.sourceBucketName, fields.destBucketName],
      keys: [fields.sourceBucketKey, fields.destBucketKey],
    }),
  async execute(ctx, fields): Promise<string> {
    const source = bucketAndKey(fields.sourceBucketName, fields.sourceBucketKey, {
      bucket: "sourceBucketName",
      key: "sourceBucketKey",
    });
    const destination = bucketAndKey(fields.destBucketName, fields.destBucketKey, {
      bucket: "destBucketName",
      key: "destBucketKey",
    });
    await hookFor(ctx, fields).copy(source, destination);
    ctx.log(
      `Copied s3://${source.bucket}/${source.key} to s3://${destination.bucket}/${destination.key}`,
    );
    return `s3://${destination.bucket}/${destination.key}`;
  },
});

/** Fields of {@link s3List} (`bucket`, `prefix` and `delimiter` templated). */
export interface S3ListFields extends S3ConnectionFields {
  bucket: string;
  prefix?: string;
  /** With "/", keys in deeper "folders" are left out. */
  delimiter?: string;
  /** Read `*`, `?` and `[…]` in `prefix` as wildcards over whole keys (default false). */
  applyWildcard?: boolean;
  /** Stop after this many keys. */
  maxItems?: number;
}

/** List the keys under a prefix; returns them (the XCom `return_value`). */
export const s3List: OperatorBuilder<S3ListFields, string[]> = defineOperator<
  S3ListFields,
  string[]
>({
  name: "S3ListOperator",
  templateFields: ["bucket", "prefix", "delimiter"],
  connections,
  permissions: (fields: S3ListFields) =>
    bucketHostPermissions({ regionName: fields.regionName, buckets: [fields.bucket] }),
  async execute(ctx, fields): Promise<string[]> {
    const pattern = fields.prefix ?? "";
    const wildcard = fields.applyWildcard === true && hasWildcard(pattern);
    const keys = await hookFor(ctx, fields).listKeys(fields.bucket, {
      prefix: wildcard ? wildcardPrefix(pattern) : pattern,
      delimiter: fields.delimiter,
      maxItems: wildcard ? undefined : fields.maxItems,
    });
    const found = wildcard ? keys.filter((key) => matchesWildcard(key, pattern)) : keys;
    const listed = found.slice(0, fields.maxItems ?? found.length);
    ctx.log(`Found ${listed.length} keys in s3://${fields.bucket}/${pattern}`);
    return listed;
  },
});
