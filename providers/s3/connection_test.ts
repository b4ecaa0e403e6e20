import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { describeEndpoint, encodeKey, objectUrl, s3Settings } from "./connection.ts";
import { bucketHostPermissions } from "./_operator_parts.ts";

function aws(extra: TaskConnection["extra"], overrides: Partial<TaskConnection> = {}) {
  return {
    connId: "lake",
    connType: "aws",
    host: null,
    schema: null,
    login: "AKID",
    password: "s3cr3t-value",
    port: null,
    extra,
    ...overrides,
  };
}

Deno.test("s3Settings: AWS by default, path style, region from extra or the operator", () => {
  const settings = s3Settings(aws({ region_name: "eu-west-1" }));
  assert.equal(settings.endpoint, null);
  assert.equal(settings.addressingStyle, "path");
  assert.equal(describeEndpoint(settings), "AWS S3 in eu-west-1");
  assert.equal(
    objectUrl(settings, "logs", "a b/c.txt").href,
    "https://s3.eu-west-1.amazonaws.com/logs/a%20b/c.txt",
  );
  assert.equal(objectUrl(settings, "logs").href, "https://s3.eu-west-1.amazonaws.com/logs");
  assert.equal(s3Settings(aws({}), { regionName: "ap-south-1" }).region, "ap-south-1");
  assert.equal(s3Settings(aws({})).region, "us-east-1");
});

Deno.test("s3Settings: custom endpoints (MinIO, R2), the connection's port, virtual hosts", () => {
  const minio = s3Settings(aws({ endpoint_url: "http://minio.internal:9000" }));
  assert.equal(describeEndpoint(minio), "S3 at http://minio.internal:9000");
  assert.equal(
    objectUrl(minio, "raw", "x(1)!.csv").href,
    "http://minio.internal:9000/raw/x%281%29%21.csv",
  );

  const hostOnly = s3Settings(aws({}, { host: "ceph.local", port: 7480 }));
  assert.equal(hostOnly.endpoint?.href, "https://ceph.local:7480/");

  const r2 = s3Settings(aws({
    endpoint_url: "https://account.r2.cloudflarestorage.com",
    region_name: "auto",
    config_kwargs: { s3: { addressing_style: "virtual" } },
  }));
  assert.equal(
    objectUrl(r2, "media", "a.png").href,
    "https://media.account.r2.cloudflarestorage.com/a.png",
  );

  const awsVirtual = s3Settings(aws({ addressing_style: "virtual" }));
  assert.equal(
    objectUrl(awsVirtual, "media", "a.png").href,
    "https://media.s3.amazonaws.com/a.png",
  );
  const awsVirtualRegion = s3Settings(
    aws({ s3: { addressing_style: "virtual" }, region_name: "eu-west-1" }),
  );
  assert.equal(
    objectUrl(awsVirtualRegion, "media").href,
    "https://media.s3.eu-west-1.amazonaws.com/",
  );
  assert.equal(
    s3Settings(aws({ addressing_style: "virtual", force_path_style: true })).addressingStyle,
    "path",
  );
});

Deno.test("s3Settings: credentials from login/password or extra; errors name the connection, not the secret", () => {
  const fromExtra = s3Settings(aws({
    aws_access_key_id: "AK2",
    aws_secret_access_key: "SK2",
    aws_session_token: "TOKEN",
  }, { login: null, password: null }));
  assert.deepEqual([fromExtra.accessKeyId, fromExtra.secretAccessKey, fromExtra.sessionToken], [
    "AK2",
    "SK2",
    "TOKEN",
  ]);
  assert.throws(
    () => s3Settings(aws({}, { password: null })),
    /connection "lake": no credentials: set its login/,
  );
  assert.throws(
    () => s3Settings(aws({ endpoint_url: "ftp://x" })),
    /connection "lake": its endpoint_url must be an http\(s\) URL/,
  );
  assert.throws(
    () => s3Settings(aws({ addressing_style: "sideways" })),
    /addressing_style must be "path", "virtual" or "auto"/,
  );
});

Deno.test("encodeKey encodes each part as S3 signs it", () => {
  assert.equal(encodeKey("a/b c/d+e/é/*'"), "a/b%20c/d%2Be/%C3%A9/%2A%27");
});

Deno.test("bucketHostPermissions: the literal buckets' AWS virtual hosts; templates and plain keys add nothing", () => {
  assert.deepEqual(
    bucketHostPermissions({
      buckets: ["reports", "{{ params.bucket }}"],
      keys: ["s3://landing/x.csv", "plain/key"],
      regionName: "eu-west-1",
    }),
    {
      net: [
        "reports.s3.amazonaws.com",
        "reports.s3.eu-west-1.amazonaws.com",
        "landing.s3.amazonaws.com",
        "landing.s3.eu-west-1.amazonaws.com",
      ],
    },
  );
  assert.deepEqual(bucketHostPermissions({ buckets: [undefined, "Bad_Name"] }), {});
});
