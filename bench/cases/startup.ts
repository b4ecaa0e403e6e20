/**
 * startup (case 7): process start to `/api/v1/health` answering 200, with an empty DAG folder and
 * with the example DAGs, a fresh home each time; then resident memory at idle with the example
 * DAGs once their runs finished, and after a fan-out run. The floor is the least Deno HTTP
 * server, started, timed and measured the same way.
 *
 * @module
 */

import { median } from "../_harness.ts";
import type { BenchCase, CaseContext, Metric } from "../_harness.ts";
import { processMemory } from "./_memory.ts";
import {
  freePort,
  millisecondsUntilHealthy,
  spawnDeno,
  type SpawnedProcess,
  spawnServe,
} from "./_serve_process.ts";
import {
  describeSample,
  exampleDags,
  measureMemory,
  type MemoryMeasure,
  type MemorySample,
  residentMb,
} from "./_startup_memory.ts";

const HELLO = new URL("./_hello_server.ts", import.meta.url).pathname;

/** Start times of the server and of the floor, ms; the floor's memory, MB. */
interface StartTimes {
  empty: number[];
  examples: number[];
  floor: number[];
  floorResidentMb: number[];
}

async function timeUntilHealthy(
  process: SpawnedProcess,
  afterHealthy?: (process: SpawnedProcess) => Promise<void>,
): Promise<number> {
  try {
    const milliseconds = await millisecondsUntilHealthy(process);
    await afterHealthy?.(process);
    return milliseconds;
  } finally {
    await process.stop();
  }
}

/** Start each kind of process `rounds` times (after one warm-up each), interleaved. */
async function measureStartTimes(context: CaseContext, rounds: number): Promise<StartTimes> {
  const dags = await exampleDags();
  const times: StartTimes = { empty: [], examples: [], floor: [], floorResidentMb: [] };
  for (let i = 0; i <= rounds; i++) {
    const port = freePort();
    let floorMb = 0;
    const floor = await timeUntilHealthy(spawnDeno([HELLO], { port }), async (process) => {
      floorMb = (await processMemory(process.pid))?.residentMb ?? NaN;
    });
    const empty = await timeUntilHealthy(await spawnServe());
    const examples = await timeUntilHealthy(await spawnServe({ dags }));
    context.log(
      `  start ${i}${i === 0 ? " (warm-up)" : ""}: empty ${empty.toFixed(0)} ms, ` +
        `examples ${examples.toFixed(0)} ms, floor ${floor.toFixed(0)} ms (${
          floorMb.toFixed(0)
        } MB)`,
    );
    if (i === 0) continue;
    times.empty.push(empty);
    times.examples.push(examples);
    times.floor.push(floor);
    times.floorResidentMb.push(floorMb);
  }
  return times;
}

function memoryMetrics(
  measures: MemoryMeasure[],
  floorMb: number,
  options: { fanoutTasks: number; hostIdleNote: string },
): Metric[] {
  const last = measures[measures.length - 1];
  const floor = (sample: MemorySample) => ({
    value: floorMb * (1 + sample.children.length),
    of: `${1 + sample.children.length} process(es) × the least Deno HTTP server's RSS`,
  });
  const total = (pick: (measure: MemoryMeasure) => MemorySample) =>
    measures.map((measure) => residentMb(pick(measure), true));
  return [
    {
      name: "idle RSS, server process",
      unit: "MB",
      samples: measures.map((measure) => residentMb(measure.idle, false)),
      floor: { value: floorMb, of: "the least Deno HTTP server's RSS" },
      note: `after ${last.exampleRuns} example runs, 2 s idle: ${describeSample(last.idle)}`,
    },
    {
      name: "idle RSS, server + children",
      unit: "MB",
      samples: total((measure) => measure.idle),
      budget: { max: 100 },
      floor: floor(last.idle),
    },
    {
      name: "idle RSS once hosts exited, server + children",
      unit: "MB",
      samples: total((measure) => measure.idleWithoutHosts),
      budget: { max: 100 },
      floor: floor(last.idleWithoutHosts),
      note: `${options.hostIdleNote}; the last host exited ${
        (last.hostsExitedAfterMs / 1000).toFixed(0)
      } s after the first idle reading: ${describeSample(last.idleWithoutHosts)}`,
    },
    {
      name: `RSS after ${options.fanoutTasks} TS tasks, server + children`,
      unit: "MB",
      samples: total((measure) => measure.afterFanout),
      note: `2 s after the run ended: ${describeSample(last.afterFanout)}`,
    },
    {
      name: `peak RSS during ${options.fanoutTasks} TS tasks, sum`,
      unit: "MB",
      samples: measures.map((measure) =>
        [measure.afterFanout.server, ...measure.afterFanout.children]
          .reduce((sum, process) => sum + process.peakMb, 0)
      ),
      note: "the sum of each process's own high-water mark (VmHWM), not one simultaneous moment",
    },
  ];
}

/** startup: time to healthy, and memory idle and after a fan-out. */
export const startup: BenchCase = {
  name: "startup",
  description: "process start to /api/v1/health 200; RSS idle with the example DAGs and after " +
    "a fan-out run",
  async run(context) {
    const times = await measureStartTimes(context, context.quick ? 2 : 10);
    const fanoutTasks = context.quick ? 100 : 1000;
    const measures: MemoryMeasure[] = [];
    // The default keeps an idle host 60 s; a quick run does not wait that long.
    const env: Record<string, string> = context.quick
      ? { UPDRAFT_SANDBOX_HOST_IDLE_MS: "3000" }
      : {};
    const hostIdleNote = context.quick
      ? "quick run: hosts set to exit after 3 s idle (UPDRAFT_SANDBOX_HOST_IDLE_MS)"
      : "hosts exit after the default 60 s idle";
    for (let i = 0; i < (context.quick ? 1 : 3); i++) {
      const measure = await measureMemory(fanoutTasks, env);
      context.log(
        `  memory ${i + 1}: idle ${residentMb(measure.idle, true).toFixed(0)} MB ` +
          `(${describeSample(measure.idle)}); hosts gone ${
            residentMb(measure.idleWithoutHosts, true).toFixed(0)
          } MB; after ${fanoutTasks} tasks ${residentMb(measure.afterFanout, true).toFixed(0)} MB`,
      );
      measures.push(measure);
    }
    const floorMs = median(times.floor);
    const floorOf = `the least Deno HTTP server (${HELLO.split("/").pop()}) started and polled ` +
      "the same way";
    return [
      {
        name: "start → healthy, empty DAG folder",
        unit: "ms",
        samples: times.empty,
        budget: { max: 500 },
        floor: { value: floorMs, of: floorOf },
        note:
          "fresh home each start (database created, admin user added); health polled every 2 ms",
      },
      {
        name: "start → healthy, example DAGs",
        unit: "ms",
        samples: times.examples,
        budget: { max: 500 },
        floor: { value: floorMs, of: floorOf },
        note: "the server listens at once; the DAG folder is read while it already answers",
      },
      ...memoryMetrics(measures, median(times.floorResidentMb), { fanoutTasks, hostIdleNote }),
    ];
  },
};
