/**
 * Sequential chains (cases 1–3): the public Windmill/Airflow/Prefect/Temporal comparison of 40
 * tiny tasks in a row, 10 long ones, and 40 bash tasks. Each runs against its own freshly started
 * server; one run warms up, the next ones are measured.
 *
 * @module
 */

import { startServer } from "../../tests/server_process.ts";
import type { BenchCase, CaseContext, Metric } from "../_harness.ts";
import { assertAllSucceededOnce, chainDag, meanGapMs, timedRun } from "../_runs.ts";

async function measureChain(
  context: CaseContext,
  length: number,
  task: "fib10" | "fib33" | "bash",
): Promise<{ totals: number[]; gaps: number[] }> {
  const server = await startServer({ dags: { "chain.ts": chainDag("chain", length, task) } });
  try {
    const repetitions = context.quick ? 1 : 5;
    const totals: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i <= repetitions; i++) {
      const run = await timedRun(server, "chain");
      assertAllSucceededOnce(run, length);
      if (i === 0) continue; // warm-up: the first run compiles the code paths
      totals.push(run.totalMs);
      gaps.push(meanGapMs(run.instances));
      context.log(
        `  run ${i}: ${run.totalMs} ms, mean gap ${meanGapMs(run.instances).toFixed(1)} ms`,
      );
    }
    return { totals, gaps };
  } finally {
    await server.stop();
  }
}

/** chain40: 40 sequential TypeScript tasks computing fib(10). */
export const chain40: BenchCase = {
  name: "chain40",
  description: "40 sequential TypeScript tasks, each fib(10): trigger to success",
  async run(context) {
    const length = context.quick ? 10 : 40;
    const { totals, gaps } = await measureChain(context, length, "fib10");
    const { workerMs, fib10Ms } = context.floors;
    const floor = length * (workerMs + fib10Ms);
    const overhead = totals.map((total) => (total - floor) / length);
    return [
      {
        name: "trigger → success",
        unit: "ms",
        samples: totals,
        budget: context.quick ? undefined : { max: 100 },
        floor: { value: floor, of: `${length} × (Worker ${workerMs.toFixed(2)} ms + fib(10))` },
        note: "budget 100 ms is the target with pre-booted sandboxes; 700 ms the first goal",
      },
      { name: "mean gap between tasks", unit: "ms", samples: gaps },
      {
        name: "overhead per task beyond the floor",
        unit: "ms",
        samples: overhead,
        budget: { max: 1 },
      },
    ] satisfies Metric[];
  },
};

/** chain10long: 10 sequential TypeScript tasks computing fib(33). */
export const chain10long: BenchCase = {
  name: "chain10long",
  description: "10 sequential TypeScript tasks, each fib(33): total and share not computing",
  async run(context) {
    const length = context.quick ? 2 : 10;
    const { totals } = await measureChain(context, length, "fib33");
    const compute = length * context.floors.fib33Ms;
    return [
      {
        name: "trigger → success",
        unit: "ms",
        samples: totals,
        budget: context.quick ? undefined : { max: 420 },
        floor: {
          value: compute,
          of: `${length} × fib(33) (${context.floors.fib33Ms.toFixed(1)} ms)`,
        },
      },
      {
        name: "share not computing",
        unit: "%",
        samples: totals.map((total) => (100 * (total - compute)) / total),
      },
    ];
  },
};

/** bashchain40: 40 sequential bash tasks running `true`. */
export const bashchain40: BenchCase = {
  name: "bashchain40",
  description: "40 sequential bash tasks running `true`",
  async run(context) {
    const length = context.quick ? 10 : 40;
    const { totals, gaps } = await measureChain(context, length, "bash");
    const floor = length * context.floors.spawnMs;
    return [
      {
        name: "trigger → success",
        unit: "ms",
        samples: totals,
        floor: {
          value: floor,
          of: `${length} × spawn true (${context.floors.spawnMs.toFixed(2)} ms)`,
        },
      },
      { name: "mean gap between tasks", unit: "ms", samples: gaps },
    ];
  },
};
