/**
 * `s3FileTransform` (Airflow's S3FileTransformOperator): download an object, transform it inside
 * the task's sandbox, upload the result.
 *
 * The transform is either a TypeScript function written in the DAG file (`transform`) — the
 * sandbox evaluates the DAG file again before the task runs, so the function and whatever it
 * closes over exist there — or an executable (`transformScript`), run as Airflow runs it:
 * `script <source> <destination> [scriptArgs…]`. The sandbox grants no temporary folder, so the
 * source and destination are `/dev/stdin` and `/dev/stdout`: the script reads the object from
 * its standard input and writes the result to its standard output; its standard error goes to
 * the task's log.
 *
 * @module
 */

import {
  defineOperator,
  DefinitionError,
  type TaskContext,
  type TaskHandle,
  type TaskOptions,
} from "updraft";
import { bucketAndKey } from "./keys.ts";
import {
  bucketHostPermissions,
  DEFAULT_CONNECTION,
  hookFor,
  type JsonData,
} from "./_operator_parts.ts";
import { runTransformScript } from "./_transform_script.ts";

/** The object a `transform` function receives. */
export interface S3TransformSource {
  bucket: string;
  key: string;
  bytes: Uint8Array;
  /** The content as UTF-8 text. */
  text(): string;
  /** The content parsed as JSON. */
  json(): unknown;
}

/** A transform: returns the new content (text, bytes, or a JSON value written as JSON). */
export type S3Transform = (
  source: S3TransformSource,
  ctx: TaskContext,
) => Uint8Array | JsonData | Promise<Uint8Array | JsonData>;

/** The JSON fields of {@link s3FileTransform} (`sourceS3Key`, `destS3Key`, `scriptArgs` templated). */
export interface S3FileTransformFields {
  /** The object to read: a key (with `sourceBucketName`) or an `s3://bucket/key` URL. */
  sourceS3Key: string;
  /** Where to write the result: a key (with `destBucketName`) or an `s3://bucket/key` URL. */
  destS3Key: string;
  sourceBucketName?: string;
  destBucketName?: string;
  /** The connection to read with (default "aws_default"); a literal id. */
  sourceAwsConnId?: string;
  /** The connection to write with (default "aws_default"); a literal id. */
  destAwsConnId?: string;
  /** Sign for this region instead of the connections' `region_name`. */
  regionName?: string;
  /** Overwrite an existing destination object (default false, as Airflow). */
  replace?: boolean;
  /** An executable (absolute path) run as `script /dev/stdin /dev/stdout [scriptArgs…]`. */
  transformScript?: string;
  /** Extra arguments of the script. */
  scriptArgs?: string[];
}

/** Options of {@link s3FileTransform}: task options, fields, and `transform`. */
export interface S3FileTransformOptions extends TaskOptions, S3FileTransformFields {
  /** The transform as a function; give either this or `transformScript`. */
  transform?: S3Transform;
}

/**
 * Download `sourceS3Key`, transform it, upload the result to `destS3Key`; returns the
 * destination's `s3://` URL. The object is held in memory (the sandbox's memory limit applies).
 *
 * @example
 * ```ts
 * s3FileTransform({
 *   id: "uppercase",
 *   sourceS3Key: "s3://landing/{{ ds }}/users.csv",
 *   destS3Key: "s3://curated/{{ ds }}/users.csv",
 *   transform: (source) => source.text().toUpperCase(),
 * });
 * ```
 */
export function s3FileTransform(options: S3FileTransformOptions): TaskHandle<string> {
  const { transform, ...rest } = options ?? {} as S3FileTransformOptions;
  checkTransform(rest.id, transform, rest.transformScript);
  const builder = defineOperator<S3FileTransformFields, string>({
    name: "S3FileTransformOperator",
    templateFields: ["sourceS3Key", "destS3Key", "scriptArgs"],
    connections: (fields) => [
      ...new Set([
        fields.sourceAwsConnId ?? DEFAULT_CONNECTION,
        fields.destAwsConnId ?? DEFAULT_CONNECTION,
      ]),
    ],
    permissions: (fields) => ({
      ...bucketHostPermissions({
        regionName: fields.regionName,
        buckets: [fields.sourceBucketName, fields.destBucketName],
        keys: [fields.sourceS3Key, fields.destS3Key],
      }),
      ...(fields.transformScript ? { run: [fields.transformScript] } : {}),
    }),
    async execute(ctx, fields): Promise<string> {
      const source = bucketAndKey(fields.sourceBucketName, fields.sourceS3Key, {
        bucket: "sourceBucketName",
        key: "sourceS3Key",
      });
      const destination = bucketAndKey(fields.destBucketName, fields.destS3Key, {
        bucket: "destBucketName",
        key: "destS3Key",
      });
      const reader = hookFor(ctx, fields, fields.sourceAwsConnId ?? DEFAULT_CONNECTION);
      const bytes = await reader.getBytes(source.bucket, source.key);
      ctx.log(`Downloaded s3://${source.bucket}/${source.key} (${bytes.byteLength} bytes)`);
      const output = transform
        ? await applyTransform(transform, { ...source, bytes }, ctx)
        : await runTransformScript(ctx, fields.transformScript!, fields.scriptArgs ?? [], bytes);
      const writer = hookFor(ctx, fields, fields.destAwsConnId ?? DEFAULT_CONNECTION);
      await writer.put(destination.bucket, destination.key, output, {
        replace: fields.replace ?? false,
      });
      ctx.log(
        `Uploaded s3://${destination.bucket}/${destination.key} (${output.byteLength} bytes)`,
      );
      return `s3://${destination.bucket}/${destination.key}`;
    },
  });
  return builder(rest);
}

async function applyTransform(
  transform: S3Transform,
  object: { bucket: string; key: string; bytes: Uint8Array },
  ctx: TaskContext,
): Promise<Uint8Array> {
  const text = () => new TextDecoder().decode(object.bytes);
  const result = await transform({ ...object, text, json: () => JSON.parse(text()) }, ctx);
  if (result instanceof Uint8Array) return result;
  if (result === undefined) {
    throw new TypeError(
      `task "${ctx.taskId}": transform returned nothing; return the new content ` +
        "(text, a Uint8Array or a JSON value)",
    );
  }
  return new TextEncoder().encode(typeof result === "string" ? result : JSON.stringify(result));
}

function checkTransform(taskId: unknown, transform: unknown, script: unknown): void {
  const where = { taskId: typeof taskId === "string" ? taskId : undefined };
  const fail = (field: string, problem: string) => {
    throw new DefinitionError(`task ${JSON.stringify(taskId)}, ${field}: ${problem}`, {
      ...where,
      field,
    });
  };
  if (transform !== undefined && typeof transform !== "function") {
    fail("transform", `must be a function (source, ctx) => content, got ${typeof transform}`);
  }
  if (script !== undefined && (typeof script !== "string" || script === "")) {
    fail("transformScript", "must be the path of an executable");
  }
  if ((transform === undefined) === (script === undefined)) {
    fail("transform", "give either transform (a function) or transformScript (an executable)");
  }
}
