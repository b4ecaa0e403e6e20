/**
 * Sending one request and reading its whole response, with a timeout and the task's cancel
 * signal. `fetch` does the work; a CA bundle goes through `Deno.createHttpClient`. Deno's fetch
 * cannot skip certificate checks per request, so `tlsVerify: false` on an https URL goes
 * through `node:https` with `rejectUnauthorized: false` instead.
 *
 * @module
 */

import { HttpResponse } from "./response.ts";

/** One request, ready to send. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
  /** Certificate checks: true (default roots), false (none), or the path of a CA bundle. */
  tlsVerify: boolean | string;
  followRedirects: boolean;
  signal: AbortSignal;
}

/** Send `request` and read its response; throws what fetch (or node:https) threw. */
export async function send(request: Outgoing): Promise<HttpResponse> {
  if (request.tlsVerify === false && request.url.startsWith("https:")) {
    return await sendUnverified(request, 0);
  }
  const client = typeof request.tlsVerify === "string"
    ? Deno.createHttpClient({ caCerts: [await readCaBundle(request.tlsVerify)] })
    : undefined;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: request.followRedirects ? "follow" : "manual",
      signal: request.signal,
      client,
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return new HttpResponse({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url || request.url,
    }, body);
  } finally {
    client?.close();
  }
}

async function readCaBundle(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(
      `cannot read the CA bundle ${path} given as tlsVerify: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function sendUnverified(request: Outgoing, redirects: number): Promise<HttpResponse> {
  const { request: httpsRequest } = await import("node:https");
  const response = await new Promise<HttpResponse>((resolve, reject) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => headers[name] = value);
    const outgoing = httpsRequest(request.url, {
      method: request.method,
      headers,
      rejectUnauthorized: false,
      // Without a CA list node:tls loads the system's, which needs the `sys` permission that
      // sandboxes never get; unchecked, none is needed.
      ca: [],
    }, (incoming) => {
      const chunks: Uint8Array[] = [];
      incoming.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      incoming.on("error", reject);
      incoming.on("end", () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const item of [value ?? []].flat()) responseHeaders.append(name, item);
        }
        resolve(
          new HttpResponse({
            status: incoming.statusCode ?? 0,
            statusText: incoming.statusMessage ?? "",
            headers: responseHeaders,
            url: request.url,
          }, concat(chunks)),
        );
      });
    });
    const abort = () => outgoing.destroy(request.signal.reason);
    if (request.signal.aborted) abort();
    request.signal.addEventListener("abort", abort, { once: true });
    outgoing.on("close", () => request.signal.removeEventListener("abort", abort));
    outgoing.on("error", reject);
    outgoing.end(request.body ?? undefined);
  });
  const location = response.headers.get("location");
  if (!request.followRedirects || !REDIRECTS.has(response.status) || location === null) {
    return response;
  }
  if (redirects >= 20) throw new Error(`too many redirects (last to ${location})`);
  const next = new URL(location, request.url).href;
  const keepsBody = response.status === 307 || response.status === 308;
  const followed = {
    ...request,
    url: next,
    method: keepsBody ? request.method : request.method === "HEAD" ? "HEAD" : "GET",
    body: keepsBody ? request.body : null,
  };
  return next.startsWith("https:")
    ? await sendUnverified(followed, redirects + 1)
    : await send(followed);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
