import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { type S3TestServer, startS3Server } from "../../tests/servers/s3.ts";
import { S3Hook, type S3HookOptions } from "./hook.ts";
import { S3RequestError } from "./_request.ts";

const MEBIBYTE = 1024 * 1024;

function connection(server: S3TestServer, overrides: Partial<TaskConnection> = {}): TaskConnection {
  return {
    connId: "lake",
    connType: "aws",
    host: null,
    schema: null,
    login: server.accessKeyId,
    password: server.secretAccessKey,
    port: null,
    extra: { endpoint_url: server.endpoint, region_name: "us-east-1" },
    ...overrides,
  };
}

async function withServer(
  body: (server: S3TestServer, hook: (options?: S3HookOptions) => S3Hook) => Promise<void>,
): Promise<void> {
  const server = await startS3Server({ buckets: ["data", "archive"] });
  try {
    await body(server, (options) => new S3Hook(connection(server), options));
  } finally {
    await server.stop();
  }
}

Deno.test("S3Hook puts, reads, heads and copies objects, keys with spaces, '+' and UTF-8 too", async () => {
  await withServer(async (_server, hook) => {
    const s3 = hook();
    const key = "in box/a+b é.txt";
    await s3.put("data", key, "hello", { contentType: "text/plain" });
    assert.equal(await s3.getText("data", key), "hello");
    const info = await s3.head("data", key);
    assert.equal(info?.size, 5);
    assert.equal(info?.etag, "5d41402abc4b2a76b9719d911017c592"); // md5("hello")
    assert.equal(await s3.head("data", "missing.txt"), null);
    assert.equal(await s3.exists("data", key), true);

    // s3rver reads x-amz-copy-source with decodeURI, which leaves "%2B" encoded: no "+" here.
    await s3.put("data", "in box/é.txt", "hello");
    await s3.copy({ bucket: "data", key: "in box/é.txt" }, {
      bucket: "archive",
      key: "copied/a.txt",
    });
    assert.deepEqual(
      await s3.getBytes("archive", "copied/a.txt"),
      new TextEncoder().encode("hello"),
    );

    await assert.rejects(
      s3.put("data", key, "again", { replace: false }),
      /PutObject of s3:\/\/data\/in box\/a\+b é\.txt refused: the key already exists/,
    );
    await s3.put("data", key, "again");
    assert.equal(await s3.getText("data", key), "again");
  });
});

Deno.test("S3Hook lists page by page with continuation tokens, by prefix, delimiter and limit", async () => {
  await withServer(async (server, hook) => {
    const s3 = hook();
    for (const name of ["a/1", "a/2", "a/3", "a/4", "a/5", "a/deep/6", "b/7"]) {
      await s3.put("data", name, name);
    }
    const pages = [];
    for await (const page of s3.listPages("data", { prefix: "a/", pageSize: 2 })) {
      pages.push(page.objects.map((object) => object.key));
    }
    assert.deepEqual(pages, [["a/1", "a/2"], ["a/3", "a/4"], ["a/5", "a/deep/6"]]);
    const tokens = server.requests.filter((line) => line.includes("continuation-token="));
    assert.equal(tokens.length, 2, "the second and third pages follow continuation tokens");

    assert.deepEqual(await s3.listKeys("data", { prefix: "a/", delimiter: "/" }), [
      "a/1",
      "a/2",
      "a/3",
      "a/4",
      "a/5",
    ]);
    assert.deepEqual(await s3.listPrefixes("data", "a/"), ["a/deep/"]);
    assert.deepEqual(await s3.listPrefixes("data"), ["a/", "b/"]);
    assert.deepEqual(await s3.listKeys("data", { maxItems: 3, pageSize: 2 }), [
      "a/1",
      "a/2",
      "a/3",
    ]);
    const [first] = await s3.listObjects("data", { prefix: "b/" });
    assert.equal(first.key, "b/7");
    assert.equal(first.size, 3);
    assert.ok(!Number.isNaN(Date.parse(first.lastModified)));
  });
});

Deno.test("S3Hook uploads large objects in parts and reads them back whole", async () => {
  await withServer(async (server, hook) => {
    const s3 = hook({ multipartThreshold: 5 * MEBIBYTE, partSize: 5 * MEBIBYTE });
    const bytes = new Uint8Array(11 * MEBIBYTE).map((_, index) => index % 251);
    await s3.put("data", "big.bin", bytes);
    const parts = server.requests.filter((line) => /partNumber=\d/.test(line));
    assert.equal(parts.length, 3);
    assert.ok(server.requests.some((line) => line.startsWith("POST /data/big.bin?uploads")));
    assert.deepEqual(await s3.getBytes("data", "big.bin"), bytes);
    assert.equal((await s3.head("data", "big.bin"))?.size, bytes.byteLength);

    await s3.put("data", "small.bin", new Uint8Array(10));
    assert.ok(server.requests.includes("PUT /data/small.bin"), "small objects go in one PUT");
  });
});

Deno.test("S3Hook deletes in batches of 1000 keys", async () => {
  await withServer(async (server, hook) => {
    const s3 = hook();
    const keys = Array.from(
      { length: 1005 },
      (_, index) => `many/${String(index).padStart(4, "0")}`,
    );
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(keys.slice(start, start + 50).map((key) => s3.put("data", key, "x")));
    }
    await s3.put("data", "keep", "x");
    const deleted = await s3.deleteObjects("data", keys);
    assert.equal(deleted.length, 1005);
    // s3rver sometimes answers a batch with InternalError (its parallel deletes race to remove
    // the emptied folder, ENOENT); the client retries it, so a batch may appear twice.
    const batches = [...new Set(server.requests.filter((line) => line.includes("?delete")))];
    assert.deepEqual(batches, ["POST /data?delete= (1000 keys)", "POST /data?delete= (5 keys)"]);
    assert.deepEqual(await s3.listKeys("data"), ["keep"]);
    assert.deepEqual(await s3.deleteObjects("data", []), []);
  });
});

Deno.test("S3Hook errors name the connection, endpoint, action, bucket and key, never the secret", async () => {
  await withServer(async (server, hook) => {
    const secret = "wrong-secret-8d2f";
    const wrong = new S3Hook(connection(server, { password: secret }));
    const where = `connection "lake" (S3 at ${server.endpoint})`;
    const refused = await wrong.getText("data", "x.txt").catch((error) => error);
    assert.ok(refused instanceof S3RequestError);
    assert.equal(refused.status, 403);
    assert.equal(refused.code, "SignatureDoesNotMatch");
    assert.match(
      refused.message,
      new RegExp(`^${escape(where)}: GetObject of s3://data/x\\.txt failed`),
    );
    assert.match(refused.message, /check the connection's secret access key/);
    assert.ok(!refused.message.includes(secret));
    await assert.rejects(
      wrong.head("data", "x.txt"),
      /HeadObject of s3:\/\/data\/x\.txt failed: Forbidden \(HTTP 403\)/,
    );

    const unknownKey = new S3Hook(connection(server, { login: "NOBODY" }));
    await assert.rejects(
      unknownKey.listKeys("data"),
      /ListObjectsV2 of s3:\/\/data failed: InvalidAccessKeyId \(HTTP 403\).*access key id/,
    );

    const s3 = hook();
    await assert.rejects(
      s3.getText("data", "none.txt"),
      new RegExp(
        `${escape(where)}: GetObject of s3://data/none\\.txt failed: NoSuchKey \\(HTTP 404\\)`,
      ),
    );
    await assert.rejects(
      s3.listKeys("nowhere"),
      /ListObjectsV2 of s3:\/\/nowhere failed: NoSuchBucket \(HTTP 404\)/,
    );
    await assert.rejects(
      s3.put("nowhere", "k", "v"),
      /PutObject of s3:\/\/nowhere\/k failed: NoSuchBucket/,
    );
    await assert.rejects(
      s3.copy({ bucket: "data", key: "none.txt" }, { bucket: "data", key: "to.txt" }),
      /CopyObject of s3:\/\/data\/to\.txt failed: NoSuchKey/,
    );
  });
});

Deno.test("S3Hook: an unreachable endpoint names it; an aborted signal stops the request", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close(); // nothing listens there now
  const hook = new S3Hook({
    connId: "gone",
    connType: "aws",
    host: null,
    schema: null,
    login: "key",
    password: "secret-value",
    port: null,
    extra: { endpoint_url: `http://127.0.0.1:${port}` },
  });
  await assert.rejects(
    hook.getText("data", "a.txt"),
    new RegExp(
      `connection "gone" \\(S3 at http://127\\.0\\.0\\.1:${port}\\): GetObject of s3://data/a\\.txt failed: .*(refused|connect)`,
      "i",
    ),
  );

  await withServer(async (server) => {
    const controller = new AbortController();
    controller.abort(new Error("try cancelled"));
    const aborted = new S3Hook(connection(server), { signal: controller.signal });
    await assert.rejects(aborted.getText("data", "a.txt"), /try cancelled/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
