/**
 * `s3KeySensor` (Airflow's S3KeySensor): wait until one or more keys exist, with Unix
 * shell-style wildcards (`wildcardMatch`) and an optional check of what was found (`checkFn`).
 *
 * @module
 */

import {
  defineSensor,
  DefinitionError,
  type SensorOptions,
  type TaskContext,
  type TaskHandle,
  type TaskOptions,
} from "updraft";
import { bucketAndKey, matchesWildcard, wildcardPrefix } from "./keys.ts";
import type { S3Hook, S3ObjectInfo } from "./hook.ts";
import {
  bucketHostPermissions,
  DEFAULT_CONNECTION,
  hookFor,
  type S3ConnectionFields,
} from "./_operator_parts.ts";

/** The JSON fields of {@link s3KeySensor} (`bucketKey` and `bucketName` templated). */
export interface S3KeySensorFields extends S3ConnectionFields {
  /** The key(s) to wait for: keys (with `bucketName`) or `s3://bucket/key` URLs; all must exist. */
  bucketKey: string | string[];
  bucketName?: string;
  /** Read `*`, `?` and `[…]` in the keys as wildcards (Python's fnmatch; `*` crosses "/"). */
  wildcardMatch?: boolean;
}

/** Called with the objects found for one key (several with wildcards); true means done. */
export type S3KeyCheck = (
  objects: S3ObjectInfo[],
  ctx: TaskContext,
) => boolean | Promise<boolean>;

/** Options of {@link s3KeySensor}: task and sensor options, fields, and `checkFn`. */
export interface S3KeySensorOptions extends TaskOptions, SensorOptions, S3KeySensorFields {
  /** Decides, per key, whether what was found is enough (Airflow's `check_fn`). */
  checkFn?: S3KeyCheck;
}

/**
 * Poke every `pokeInterval` until every key exists (and `checkFn` agrees); the XCom
 * `return_value` is the list of `s3://` URLs found. Takes every sensor option: fails without
 * retry after `timeout` (default 7 days), is skipped with `softFail`, and with
 * `mode: "reschedule"` frees its slot between pokes.
 *
 * @example
 * ```ts
 * s3KeySensor({
 *   id: "wait_for_export",
 *   bucketKey: "s3://landing/{{ ds }}/part-*.csv",
 *   wildcardMatch: true,
 *   pokeInterval: "1m",
 *   timeout: "6h",
 *   mode: "reschedule",
 * });
 * ```
 */
export function s3KeySensor(options: S3KeySensorOptions): TaskHandle<string[]> {
  const { checkFn, ...rest } = options ?? {} as S3KeySensorOptions;
  if (checkFn !== undefined && typeof checkFn !== "function") {
    throw new DefinitionError(
      `task ${JSON.stringify(rest.id)}, checkFn: must be a function (objects, ctx) => boolean, ` +
        `got ${typeof checkFn}`,
      { taskId: typeof rest.id === "string" ? rest.id : undefined, field: "checkFn" },
    );
  }
  const builder = defineSensor<S3KeySensorFields, string[]>({
    name: "S3KeySensor",
    templateFields: ["bucketKey", "bucketName"],
    connections: (fields) => [fields.awsConnId ?? DEFAULT_CONNECTION],
    permissions: (fields) =>
      bucketHostPermissions({
        regionName: fields.regionName,
        buckets: [fields.bucketName],
        keys: [fields.bucketKey],
      }),
    async poke(ctx, fields) {
      const hook = hookFor(ctx, fields);
      const urls: string[] = [];
      for (const pattern of [fields.bucketKey].flat()) {
        const where = bucketAndKey(fields.bucketName, pattern, {
          bucket: "bucketName",
          key: "bucketKey",
        });
        const objects = await findObjects(hook, where, fields.wildcardMatch === true);
        ctx.log(`Poking for s3://${where.bucket}/${where.key}: ${objects.length} found`);
        if (objects.length === 0) return false;
        if (checkFn && !await checkFn(objects, ctx)) return false;
        urls.push(...objects.map((object) => `s3://${where.bucket}/${object.key}`));
      }
      return { done: true, xcomValue: urls };
    },
  });
  return builder(rest) as TaskHandle<string[]>;
}

async function findObjects(
  hook: S3Hook,
  where: { bucket: string; key: string },
  wildcard: boolean,
): Promise<S3ObjectInfo[]> {
  if (!wildcard) {
    const object = await hook.head(where.bucket, where.key);
    return object ? [object] : [];
  }
  const objects = await hook.listObjects(where.bucket, { prefix: wildcardPrefix(where.key) });
  return objects.filter((object) => matchesWildcard(object.key, where.key));
}
