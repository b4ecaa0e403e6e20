/**
 * A real S3-compatible server for tests: `s3rver` (npm) on a free port with a temporary folder,
 * behind a small front that checks SigV4 signatures.
 *
 * Why the front: s3rver 3.7.1 (the latest release) checks the access key id of a SigV4 request
 * but not its signature (its `authentication.js`: "Signature version 4 calculation is
 * unimplemented"), so a wrong secret key would pass unnoticed. The front recomputes each
 * request's signature with the server's secret (aws4fetch's `AwsV4Signer`, the algorithm AWS
 * documents) and answers `403 SignatureDoesNotMatch` as AWS does; everything else is proxied to
 * s3rver untouched.
 *
 * A second gap: s3rver makes ListObjectsV2 continuation tokens with the DES cipher, which Deno's
 * `node:crypto` does not implement ("Unknown cipher"), so every truncated listing failed with
 * InternalError. {@link supplyDesCipher} gives s3rver a stand-in for its opaque tokens.
 *
 * @module
 */

import { AwsV4Signer } from "aws4fetch";
import { Buffer } from "node:buffer";
import crypto from "node:crypto";

/** A running test S3 server. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: the endpoint clients use (the verifying front). */
  endpoint: string;
  host: string;
  port: number;
  /** s3rver's built-in account. */
  accessKeyId: string;
  secretAccessKey: string;
  /** Where s3rver keeps the objects. */
  directory: string;
  /**
   * Every request the server received, as `METHOD /path?query`, in order; DeleteObjects requests
   * end with ` (N keys)`.
   */
  requests: string[];
  /** An `aws` connection URI for `UPDRAFT_CONN_<ID>`, with a different secret when given. */
  connectionUri(options?: { secretAccessKey?: string; accessKeyId?: string }): string;
  /** Stop both servers and remove the folder. */
  stop(): Promise<void>;
}

/** Options of {@link startS3Server}. */
export interface S3TestServerOptions {
  /** Buckets created at start. */
  buckets?: string[];
}

const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";

/** Start s3rver and its verifying front, each on a free port of 127.0.0.1. */
export async function startS3Server(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  supplyDesCipher();
  const { default: S3rver } = await import("s3rver");
  const directory = await Deno.makeTempDir({ prefix: "updraft-s3rver-" });
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: Deno.env.get("S3RVER_LOG") !== "1",
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  const { port: upstreamPort } = await s3rver.run();
  // Its own client, closed before s3rver: s3rver's close() waits until every kept-alive
  // connection to it ends, which took minutes with connections left in fetch's shared pool.
  const upstream = { url: `http://127.0.0.1:${upstreamPort}`, client: Deno.createHttpClient({}) };
  const requests: string[] = [];
  const front = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const hasBody = request.method !== "GET" && request.method !== "HEAD";
      const body = hasBody ? new Uint8Array(await request.arrayBuffer()) : undefined;
      let line = `${request.method} ${url.pathname}${url.search}`;
      if (url.searchParams.has("delete") && body) {
        line += ` (${new TextDecoder().decode(body).match(/<Object>/g)?.length ?? 0} keys)`;
      }
      requests.push(line);
      return handle(request, body, upstream);
    },
  );
  const { port } = front.addr;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    host: "127.0.0.1",
    port,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    directory,
    requests,
    connectionUri(credentials = {}) {
      const login = encodeURIComponent(credentials.accessKeyId ?? ACCESS_KEY_ID);
      const password = encodeURIComponent(credentials.secretAccessKey ?? SECRET_ACCESS_KEY);
      const query = new URLSearchParams({ endpoint_url: endpoint, region_name: "us-east-1" });
      return `aws://${login}:${password}@/?${query}`;
    },
    async stop() {
      await front.shutdown();
      upstream.client.close();
      await s3rver.close();
      await Deno.remove(directory, { recursive: true }).catch(() => {});
    },
  };
}

async function handle(
  request: Request,
  body: Uint8Array<ArrayBuffer> | undefined,
  upstream: { url: string; client: Deno.HttpClient },
): Promise<Response> {
  const refusal = await checkSignature(request);
  if (refusal) return refusal;
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.delete("host");
  const answer = await fetch(`${upstream.url}${url.pathname}${url.search}`, {
    client: upstream.client,
    method: request.method,
    headers,
    body,
    redirect: "manual",
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/;

/** A 403 answer when the request's SigV4 signature is not the one the secret gives. */
async function checkSignature(request: Request): Promise<Response | null> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return null; // anonymous: s3rver decides
  const match = AUTHORIZATION.exec(authorization);
  if (!match) {
    return s3Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.");
  }
  const [, accessKeyId, , region, service, signedHeaders, signature] = match;
  if (accessKeyId !== ACCESS_KEY_ID) return null; // s3rver answers InvalidAccessKeyId itself
  const headers = new Headers();
  for (const name of signedHeaders.split(";")) {
    if (name !== "host") headers.set(name, request.headers.get(name) ?? "");
  }
  const signer = new AwsV4Signer({
    method: request.method,
    url: request.url,
    headers,
    accessKeyId,
    secretAccessKey: SECRET_ACCESS_KEY,
    service,
    region,
    datetime: request.headers.get("x-amz-date") ?? "",
    allHeaders: true,
  });
  if (await signer.signature() === signature) return null;
  return s3Error(
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. " +
      "Check your key and signing method.",
  );
}

function s3Error(status: number, code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(body, { status, headers: { "content-type": "application/xml" } });
}

let desSupplied = false;

/**
 * s3rver encrypts its continuation tokens with `createCipheriv("des", key8, iv8)` and decrypts
 * them the same way; the tokens are opaque to clients. Deno has no DES, so "des" is served by
 * AES-128-CTR with the key and IV doubled to 16 bytes: reversible, same length, still opaque.
 */
function supplyDesCipher(): void {
  if (desSupplied) return;
  desSupplied = true;
  const widen = (bytes: Uint8Array) => Buffer.concat([bytes, bytes]).subarray(0, 16);
  const { createCipheriv, createDecipheriv } = crypto;
  type Key = Parameters<typeof createCipheriv>[1];
  type Iv = Parameters<typeof createCipheriv>[2];
  Object.assign(crypto, {
    createCipheriv: (algorithm: string, key: Key, iv: Iv, ...rest: unknown[]) =>
      algorithm === "des"
        ? createCipheriv("aes-128-ctr", widen(key as Uint8Array), widen(iv as Uint8Array))
        : (createCipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, ...rest),
    createDecipheriv: (algorithm: string, key: Key, iv: Iv, ...rest: unknown[]) =>
      algorithm === "des"
        ? createDecipheriv("aes-128-ctr", widen(key as Uint8Array), widen(iv as Uint8Array))
        : (createDecipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, ...rest),
  });
}
