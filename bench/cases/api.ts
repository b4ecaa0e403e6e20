/**
 * `api` (case 8): REST latency with a realistic amount of state. A freshly started server parses
 * 500 generated DAG files (50 quick); 100 finished runs × 50 task instances (10 quick) are
 * written into its database directly. Then 16 concurrent clients send a fixed number of
 * requests to `GET /api/v1/dags` (default page) and to one run's task instance list, in rounds;
 * each round gives a p50, a p99 and a rate. One client alone gives the latency without queueing.
 *
 * @module
 */

import type { RunKey } from "../../src/core/mod.ts";
import { startServer, type TestServer } from "../../tests/server_process.ts";
import { type BenchCase, type CaseContext, median, type Metric, percentile } from "../_harness.ts";
import {
  apiDagFiles,
  apiDagId,
  type ApiSizes,
  seedFinishedRuns,
  waitForDags,
} from "./_api_seed.ts";
import { closedLoopLoad } from "./_http_load.ts";

const CLIENTS = 16;

function sizes(quick: boolean) {
  const stored: ApiSizes = quick
    ? { dags: 50, runs: 10, tasksPerRun: 50, runsPerDag: 10 }
    : { dags: 500, runs: 100, tasksPerRun: 50, runsPerDag: 10 };
  const load = quick
    ? { warmUp: 20, rounds: 2, perRound: 100, alone: 20 }
    : { warmUp: 100, rounds: 5, perRound: 400, alone: 200 };
  return { stored, load };
}

/** One endpoint under load: how to address request `index` and what its answer must hold. */
interface Endpoint {
  label: string;
  path(index: number): string;
  check(body: unknown): void;
}

/** api: REST latency under 16 concurrent clients with 500 DAGs and 100 runs × 50 tasks. */
export const apiCase: BenchCase = {
  name: "api",
  description: `REST latency under ${CLIENTS} clients: 500 DAGs, 100 runs × 50 task instances`,
  async run(context) {
    const { stored, load } = sizes(context.quick);
    const started = performance.now();
    const server = await startServer({
      dags: apiDagFiles(stored),
      // The product's default rescan interval (the test helper's 500 ms rescans 500 files twice a
      // second, which a real server does not).
      env: { UPDRAFT_RESCAN_INTERVAL_MS: "10000" },
    });
    try {
      await waitForDags(server, stored.dags);
      const parsedAt = performance.now();
      const runs = await seedFinishedRuns(server, stored);
      context.log(
        `  ${stored.dags} DAGs parsed in ${((parsedAt - started) / 1000).toFixed(1)} s; ` +
          `${runs.length} runs × ${stored.tasksPerRun} tasks stored in ` +
          `${((performance.now() - parsedAt) / 1000).toFixed(1)} s`,
      );
      await checkSeeded(server, runs, stored);
      const loadAverage = Deno.loadavg()[0].toFixed(1);
      const metrics: Metric[] = [];
      for (const endpoint of endpoints(runs, stored)) {
        metrics.push(...await measureEndpoint(context, server, endpoint, load));
      }
      const withRuns = Math.ceil(stored.runs / stored.runsPerDag);
      metrics[0].note += `; ${stored.dags} DAGs, ${withRuns} of them with ${stored.runsPerDag} ` +
        `runs and ${stored.tasksPerRun} tasks, the others 5 tasks; default page (100); ` +
        `machine load average ${loadAverage} before the requests (dashboard pages: case dashboard)`;
      return metrics;
    } finally {
      await server.stop();
    }
  },
};

function endpoints(runs: RunKey[], stored: ApiSizes): Endpoint[] {
  const pageSize = Math.min(100, stored.dags);
  return [
    {
      label: "GET /dags",
      path: () => "/dags",
      check(body) {
        const page = body as { dags: { dag_id: string }[]; total_entries: number };
        if (page.total_entries !== stored.dags || page.dags.length !== pageSize) {
          throw new Error(
            `GET /dags listed ${page.dags.length} of ${page.total_entries} DAGs, expected ` +
              `${pageSize} of ${stored.dags}`,
          );
        }
      },
    },
    {
      label: "GET …/taskInstances",
      path: (index) => taskInstancesPath(runs[index % runs.length]),
      check(body) {
        const page = body as { task_instances: { state: string }[]; total_entries: number };
        const succeeded = page.task_instances.filter((ti) => ti.state === "success").length;
        if (page.total_entries !== stored.tasksPerRun || succeeded !== stored.tasksPerRun) {
          throw new Error(
            `a run's task instance list held ${succeeded} successes of ${page.total_entries}, ` +
              `expected ${stored.tasksPerRun}`,
          );
        }
      },
    },
  ];
}

function taskInstancesPath(run: RunKey): string {
  return `/dags/${run.dagId}/dagRuns/${encodeURIComponent(run.runId)}/taskInstances`;
}

async function measureEndpoint(
  context: CaseContext,
  server: TestServer,
  endpoint: Endpoint,
  load: ReturnType<typeof sizes>["load"],
): Promise<Metric[]> {
  const run = (requests: number, clients: number) =>
    closedLoopLoad(server, { path: endpoint.path, check: endpoint.check, requests, clients });
  await run(load.warmUp, CLIENTS);
  const alone = await run(load.alone, 1);
  const p50: number[] = [];
  const p99: number[] = [];
  const rates: number[] = [];
  for (let round = 0; round < load.rounds; round++) {
    const result = await run(load.perRound, CLIENTS);
    p50.push(median(result.latencies));
    p99.push(percentile(result.latencies, 0.99));
    rates.push(result.requestsPerSecond);
    context.log(
      `  ${endpoint.label} round ${round + 1}: p50 ${p50[round].toFixed(1)} ms, ` +
        `p99 ${p99[round].toFixed(1)} ms, ${rates[round].toFixed(0)} requests/s`,
    );
  }
  const perRound = `${load.rounds} rounds × ${load.perRound} requests`;
  return [
    {
      name: `${endpoint.label}: p50, ${CLIENTS} clients`,
      unit: "ms",
      samples: p50,
      budget: { max: 20 },
      // The harness has no requests/s unit; the rate goes in the note.
      note: `served ${rate(median(rates))} requests/s (rounds ${rate(Math.min(...rates))}–` +
        `${rate(Math.max(...rates))})`,
    },
    {
      name: `${endpoint.label}: p99, ${CLIENTS} clients`,
      unit: "ms",
      samples: p99,
      budget: { max: 100 },
      note: `one sample per round (${perRound}), after ${load.warmUp} warm-up requests`,
    },
    {
      name: `${endpoint.label}: latency, 1 client`,
      unit: "ms",
      samples: alone.latencies,
      note: `${load.alone} requests one after another: the service time without queueing`,
    },
  ];
}

function rate(value: number): string {
  return value.toFixed(0);
}

/** Check the seeded runs read back through the API as stored. */
async function checkSeeded(server: TestServer, runs: RunKey[], stored: ApiSizes): Promise<void> {
  const page = await server.get<{ dag_runs: { state: string }[]; total_entries: number }>(
    `/dags/${apiDagId(0)}/dagRuns?limit=100`,
  );
  const expected = Math.min(stored.runsPerDag, runs.length);
  const succeeded = page.dag_runs.filter((run) => run.state === "success").length;
  if (page.total_entries !== expected || succeeded !== expected) {
    throw new Error(`${apiDagId(0)} lists ${succeeded} successful runs, expected ${expected}`);
  }
}
