/**
 * A closed-loop HTTP load: a fixed number of clients, each sending its next request as soon as
 * the previous answer was read, until a fixed number of requests was sent. Every answer must be
 * 200; every `checkEvery`-th body is also checked by the caller (a wrong answer is an error).
 *
 * @module
 */

import type { TestServer } from "../../tests/server_process.ts";

/** What to send and how to check it. */
export interface LoadOptions {
  /** The API path of request number `index` (below `/api/v1`). */
  path(index: number): string;
  requests: number;
  clients: number;
  /** Throws when the parsed body of request `index` is wrong. */
  check(body: unknown, index: number): void;
  /** Check every n-th body (parsing every one would take CPU from the server); default 10. */
  checkEvery?: number;
}

/** Latencies of every request and the rate they were served at. */
export interface LoadResult {
  /** Milliseconds from sending to the last byte of the body, in completion order. */
  latencies: number[];
  requestsPerSecond: number;
}

/** Send `options.requests` GET requests from `options.clients` concurrent clients. */
export async function closedLoopLoad(
  server: TestServer,
  options: LoadOptions,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const checkEvery = options.checkEvery ?? 10;
  let next = 0;
  let failed = false;
  const client = async () => {
    for (let index = next++; index < options.requests && !failed; index = next++) {
      const path = options.path(index);
      const started = performance.now();
      const response = await server.request("GET", path);
      const body = await response.text();
      latencies.push(performance.now() - started);
      if (response.status !== 200) {
        throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
      }
      if (index % checkEvery === 0) options.check(JSON.parse(body), index);
    }
  };
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: options.clients }, () =>
      client().catch((error) => {
        failed = true; // the other clients stop after their request in flight
        throw error;
      })),
  );
  const rejected = outcomes.find((outcome) => outcome.status === "rejected");
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  const seconds = (performance.now() - started) / 1000;
  return { latencies, requestsPerSecond: options.requests / seconds };
}
