/**
 * The S3 provider (`@updraft/s3`): `S3Hook` over SigV4-signed fetch, for AWS S3 and S3-compatible
 * stores (MinIO, Ceph, R2, …) from an `aws` connection; the operators `s3CreateObject`,
 * `s3DeleteObjects`, `s3CopyObject`, `s3List`, `s3FileTransform`; and `s3KeySensor`. See
 * `README.md` beside this file.
 *
 * @example
 * ```ts
 * import { dag } from "updraft";
 * import { s3KeySensor, s3List } from "@updraft/s3";
 *
 * export default dag({ id: "landing" }, () => {
 *   const arrived = s3KeySensor({
 *     id: "arrived",
 *     bucketKey: "s3://landing/{{ ds }}/*.csv",
 *     wildcardMatch: true,
 *   });
 *   const listed = s3List({ id: "list", bucket: "landing", prefix: "{{ ds }}/" });
 *   arrived.before(listed);
 * });
 * ```
 *
 * @module
 */

export { S3Hook } from "./hook.ts";
export type {
  S3HookOptions,
  S3ListOptions,
  S3ListPage,
  S3ObjectInfo,
  S3PutOptions,
} from "./hook.ts";
export { S3RequestError } from "./_request.ts";
export {
  type AddressingStyle,
  describeEndpoint,
  objectUrl,
  type S3Settings,
  s3Settings,
} from "./connection.ts";
export { type BucketKey, matchesWildcard, parseS3Url } from "./keys.ts";
export {
  s3CopyObject,
  type S3CopyObjectFields,
  s3CreateObject,
  type S3CreateObjectFields,
  s3DeleteObjects,
  type S3DeleteObjectsFields,
  s3List,
  type S3ListFields,
} from "./operators.ts";
export {
  s3FileTransform,
  type S3FileTransformFields,
  type S3FileTransformOptions,
  type S3Transform,
  type S3TransformSource,
} from "./file_transform.ts";
export {
  type S3KeyCheck,
  s3KeySensor,
  type S3KeySensorFields,
  type S3KeySensorOptions,
} from "./key_sensor.ts";

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/s3";
