/**
 * `dashboard` (issue 4): the web dashboard with a realistic amount of state. A freshly started
 * server parses 500 generated DAG files (50 quick); the first DAG gets 100 finished runs × 50
 * task instances (10 × 50 quick), written into its database directly. Logged in through the
 * login form, one client then loads the DAG list page and that DAG's grid page, one request
 * after another: each latency is the server's render plus a localhost round trip.
 *
 * Then the live log: a bash task prints a line with its own clock every 50 ms while the
 * dashboard's log stream (the SSE a browser's log panel opens) is read; each line's latency is
 * the time it arrived minus the time it was written.
 *
 * @module
 */

import { ADMIN_PASSWORD, startServer, type TestServer } from "../../tests/server_process.ts";
import type { BenchCase, Metric } from "../_harness.ts";
import {
  apiDagFiles,
  apiDagId,
  type ApiSizes,
  seedFinishedRuns,
  waitForDags,
} from "./_api_seed.ts";
import { measureLogLatency, TICKER_DAG } from "./_log_latency.ts";

function sizes(quick: boolean) {
  const stored: ApiSizes = quick
    ? { dags: 50, runs: 10, tasksPerRun: 50, runsPerDag: 10 }
    : { dags: 500, runs: 100, tasksPerRun: 50, runsPerDag: 100 };
  return { stored, requests: quick ? 10 : 60, warmUp: quick ? 3 : 10, lines: quick ? 10 : 40 };
}

/** dashboard: DAG list and grid render times, and a log line's way to an open page. */
export const dashboardCase: BenchCase = {
  name: "dashboard",
  description: "dashboard pages with 500 DAGs and 100 runs × 50 tasks; live log latency",
  async run(context) {
    const { stored, requests, warmUp, lines } = sizes(context.quick);
    const server = await startServer({
      dags: { ...apiDagFiles(stored), "ticker.ts": TICKER_DAG },
      env: { UPDRAFT_RESCAN_INTERVAL_MS: "10000" },
    });
    try {
      await waitForDags(server, stored.dags + 1);
      await seedFinishedRuns(server, stored);
      const cookie = await logIn(server);
      const metrics: Metric[] = [];
      const pages = [
        { label: "DAG list page (/dags)", path: "/dags", mustContain: apiDagId(0) },
        {
          label: `grid page (${stored.runsPerDag} runs × ${stored.tasksPerRun} tasks)`,
          // The grid shows 25, 50 or 100 runs.
          path: `/dags/${apiDagId(0)}?tab=grid&runs=${stored.runsPerDag > 50 ? 100 : 25}`,
          mustContain: "step_49",
        },
      ];
      for (const page of pages) {
        const samples = await timePage(server, cookie, page, { requests, warmUp });
        metrics.push({
          name: page.label,
          unit: "ms",
          samples,
          budget: { max: 100 },
          note: `${requests} requests one after another after ${warmUp} warm-up; ` +
            `server render + localhost round trip; ${stored.dags} DAGs stored`,
        });
        context.log(`  ${page.label}: median ${median(samples).toFixed(1)} ms`);
      }
      const latencies = await measureLogLatency(server, cookie, lines);
      metrics.push({
        name: "log line → open page (SSE)",
        unit: "ms",
        samples: latencies,
        budget: { max: 200 },
        note: `${latencies.length} lines of a running bash task, written every 50 ms, read from ` +
          "the dashboard's log stream; each sample = arrival − the line's own timestamp",
      });
      return metrics;
    } finally {
      await server.stop();
    }
  },
};

/** Log in through the login form; the session cookie. */
export async function logIn(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "admin", password: ADMIN_PASSWORD, next: "/dags" }),
  });
  await response.body?.cancel();
  const cookie = /updraft_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  if (response.status !== 303 || !cookie) {
    throw new Error(`logging in to the dashboard answered ${response.status} without a session`);
  }
  return cookie;
}

async function timePage(
  server: TestServer,
  cookie: string,
  page: { label: string; path: string; mustContain: string },
  counts: { requests: number; warmUp: number },
): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < counts.warmUp + counts.requests; index++) {
    const started = performance.now();
    const response = await fetch(`${server.url}${page.path}`, { headers: { cookie } });
    const html = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !html.includes(page.mustContain)) {
      throw new Error(
        `${page.label}: GET ${page.path} answered ${response.status} without ` +
          `'${page.mustContain}' (${html.length} bytes)`,
      );
    }
    if (index >= counts.warmUp) samples.push(elapsed);
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
