/**
 * fanout1000 (case 4): one run of 1000 independent trivial tasks at the server's default
 * parallelism, once as TypeScript tasks (a fresh sandbox Worker each) and once as `bash true`
 * tasks, each against its own freshly started server. One run warms up, the next are measured.
 *
 * @module
 */

import { startServer } from "../../tests/server_process.ts";
import type { BenchCase, CaseContext, Metric } from "../_harness.ts";
import { assertAllSucceededOnce, type TaskInstanceDto, timedRun } from "../_runs.ts";

/** What the tasks of a fan-out run. */
export type FanoutKind = "typescript" | "bash";

/** The cores the work spreads over (the floors divide by them). */
const CORES = navigator.hardwareConcurrency;

/**
 * The source of a DAG of `count` independent tasks. Its own `maxActiveTasks` is lifted to
 * `count`, so the server's `parallelism` (default 32) is the limit, not the per-DAG default (16).
 */
export function fanoutDag(dagId: string, count: number, kind: FanoutKind): string {
  const body = kind === "bash"
    ? `bash({ id: \`t\${i}\`, command: "true" })`
    : `task({ id: \`t\${i}\` }, () => {})`;
  return `import { bash, dag, task } from "updraft";
export default dag({ id: ${JSON.stringify(dagId)}, maxActiveTasks: ${count} }, () => {
  for (let i = 0; i < ${count}; i++) ${body};
});
`;
}

/** The most tasks that ran at the same time, from their recorded start and end. */
export function peakConcurrency(instances: readonly TaskInstanceDto[]): number {
  const events: [number, number][] = [];
  for (const instance of instances) {
    if (!instance.start_date || !instance.end_date) continue;
    events.push([Date.parse(instance.start_date), 1], [Date.parse(instance.end_date), -1]);
  }
  // Ends before starts at the same millisecond: a task that ended does not overlap the next.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let peak = 0;
  for (const [, change] of events) {
    running += change;
    peak = Math.max(peak, running);
  }
  return peak;
}

/** Measured runs of one fan-out: seconds from trigger to success, and peak concurrency. */
async function measureFanout(
  context: CaseContext,
  count: number,
  kind: FanoutKind,
): Promise<{ seconds: number[]; peaks: number[] }> {
  const server = await startServer({ dags: { "fanout.ts": fanoutDag("fanout", count, kind) } });
  try {
    const repetitions = context.quick ? 1 : 3;
    const seconds: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i <= repetitions; i++) {
      const run = await timedRun(server, "fanout");
      assertAllSucceededOnce(run, count);
      const peak = peakConcurrency(run.instances);
      context.log(
        `  ${kind} run ${i}${i === 0 ? " (warm-up)" : ""}: ${run.totalMs} ms, ` +
          `${(count / (run.totalMs / 1000)).toFixed(0)} tasks/s, at most ${peak} at once`,
      );
      if (i === 0) continue;
      seconds.push(run.totalMs / 1000);
      peaks.push(peak);
    }
    return { seconds, peaks };
  } finally {
    await server.stop();
  }
}

/** The metrics of one kind of fan-out. */
function fanoutMetrics(
  context: CaseContext,
  count: number,
  kind: FanoutKind,
  measured: { seconds: number[]; peaks: number[] },
): Metric[] {
  const label = kind === "bash" ? "bash true" : "TypeScript";
  const perTaskMs = kind === "bash" ? context.floors.spawnMs : context.floors.workerMs;
  const floorSeconds = (count * perTaskMs) / CORES / 1000;
  const budgetSeconds = kind === "bash" ? 1.5 : 9;
  const full = !context.quick;
  return [
    {
      name: `${label}: trigger → success`,
      unit: "s",
      samples: measured.seconds,
      budget: full ? { max: budgetSeconds } : undefined,
      floor: {
        value: floorSeconds,
        of: `${count} × ${kind === "bash" ? "spawn true" : "Worker"} ${
          perTaskMs.toFixed(2)
        } ms / ${CORES} cores (every task's sandbox, spread over all cores)`,
      },
    },
    {
      name: `${label}: tasks per second`,
      unit: "tasks/s",
      samples: measured.seconds.map((seconds) => count / seconds),
      budget: full ? { min: Math.round(count / budgetSeconds) } : undefined,
      note: `all ${count} tasks success with try_number 1 in every run; at most ${
        Math.max(...measured.peaks)
      } ran at once (parallelism 32)`,
    },
  ];
}

/** fanout1000: 1000 independent trivial tasks, TypeScript then bash. */
export const fanout1000: BenchCase = {
  name: "fanout1000",
  description: "one run of 1000 independent trivial tasks (TypeScript, then bash true)",
  async run(context) {
    const count = context.quick ? 100 : 1000;
    const typescript = await measureFanout(context, count, "typescript");
    const bash = await measureFanout(context, count, "bash");
    return [
      ...fanoutMetrics(context, count, "typescript", typescript),
      ...fanoutMetrics(context, count, "bash", bash),
    ];
  },
};
