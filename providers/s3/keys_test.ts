import assert from "node:assert/strict";
import { bucketAndKey, matchesWildcard, parseS3Url, wildcardPrefix } from "./keys.ts";

const FIELDS = { bucket: "bucketName", key: "bucketKey" };

Deno.test("parseS3Url and bucketAndKey follow Airflow's get_s3_bucket_key", () => {
  assert.deepEqual(parseS3Url("s3://data/a/b.csv"), { bucket: "data", key: "a/b.csv" });
  assert.deepEqual(parseS3Url("s3a://data"), { bucket: "data", key: "" });
  assert.deepEqual(bucketAndKey(undefined, "s3://data/x", FIELDS), { bucket: "data", key: "x" });
  assert.deepEqual(bucketAndKey("data", "x/y", FIELDS), { bucket: "data", key: "x/y" });
  assert.throws(
    () => bucketAndKey(undefined, "x/y", FIELDS),
    /bucketKey: "x\/y" is a plain key: give bucketName too/,
  );
  assert.throws(
    () => bucketAndKey("data", "s3://data/x", FIELDS),
    /with bucketName given, the key must be a path/,
  );
  assert.throws(
    () => parseS3Url("https://x/y", "sourceS3Key"),
    /sourceS3Key: "https:\/\/x\/y" is not an s3:\/\/bucket\/key URL/,
  );
});

Deno.test("wildcards match as Python's fnmatch: * crosses '/', ?, [seq], [!seq], literal specials", () => {
  assert.ok(matchesWildcard("in/2024/part-1.csv", "in/*.csv"));
  assert.ok(matchesWildcard("in/part-7.csv", "in/part-?.csv"));
  assert.ok(!matchesWildcard("in/part-10.csv", "in/part-?.csv"));
  assert.ok(matchesWildcard("in/a.csv", "in/[abc].csv"));
  assert.ok(!matchesWildcard("in/d.csv", "in/[abc].csv"));
  assert.ok(matchesWildcard("in/d.csv", "in/[!abc].csv"));
  assert.ok(matchesWildcard("a+b(1).csv", "a+b(?).csv"));
  assert.ok(!matchesWildcard("axcsv", "a.csv"));
  assert.ok(matchesWildcard("[x", "[x"), "an unclosed [ is literal");
  assert.equal(wildcardPrefix("in/2024-*/part-?.csv"), "in/2024-");
  assert.equal(wildcardPrefix("no/wildcard"), "no/wildcard");
});
