/**
 * Test support for the sensor end-to-end tests: a temporary DAG folder (and data folder) with an
 * in-process configuration, and runs taken from DAG file → parse → scheduler → sandbox.
 *
 * @module
 */

import {
  defaultConfig,
  type InProcessConfig,
  runToCompletion,
  scratchStore,
  type TaskReport,
  testDag,
} from "../../src/app/mod.ts";
import type { DagRun, StateChange, TaskInstance } from "../../src/core/mod.ts";
import { triggerDagRun } from "../../src/scheduler/mod.ts";

/** A temporary DAG folder, a data folder the DAGs may use, and the configuration. */
export interface SensorWorld {
  config: InProcessConfig;
  /** A scratch folder for files the DAGs read and write. */
  data: string;
}

/** Run `body` with DAG files written by `files(data)` into a fresh DAG folder. */
export async function withDags(
  files: (data: string) => Record<string, string>,
  body: (world: SensorWorld) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-sensors-test-" });
  try {
    const data = `${root}/data`;
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder, { recursive: true });
    await Deno.mkdir(data, { recursive: true });
    for (const [name, source] of Object.entries(files(data))) {
      await Deno.writeTextFile(`${config.dagsFolder}/${name}`, source);
    }
    await body({ config, data });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** How one DAG run ended, with every report and the last log of each task. */
export interface RunResult {
  run: DagRun;
  instances: Record<string, TaskInstance>;
  /** `taskId:state` in the order the scheduler reported them. */
  reported: string[];
  logs: Record<string, string>;
}

/** Test one DAG run in process (`updraft dags test`); fails on import errors. */
export async function runDag(
  world: SensorWorld,
  dagId: string,
  options: { logicalDate?: number } = {},
): Promise<RunResult> {
  const reported: string[] = [];
  const logs: Record<string, string> = {};
  const problems: string[] = [];
  const result = await testDag(world.config, { dagId, logicalDate: options.logicalDate }, {
    onTask: (report: TaskReport) => {
      reported.push(`${report.instance.taskId}:${report.instance.state}`);
      if (report.log !== null) logs[report.instance.taskId] = report.log;
    },
    log: (line) => problems.push(line),
  }).catch((error) => {
    throw new Error(`${error}\n${problems.join("\n")}`);
  });
  return {
    run: result.run,
    instances: Object.fromEntries(result.instances.map((ti) => [ti.taskId, ti])),
    reported,
    logs,
  };
}

/** Several DAGs' runs at one logical date, run together in one scratch store. */
export async function runDagsTogether(
  world: SensorWorld,
  dagIds: string[],
  logicalDate: number,
): Promise<{ runs: DagRun[]; instances: TaskInstance[]; changes: StateChange[] }> {
  const store = await scratchStore(world.config);
  const logsFolder = await Deno.makeTempDir({ prefix: "updraft-sensors-logs-" });
  try {
    const now = Date.now();
    const runs = [];
    for (const dagId of dagIds) {
      runs.push(await triggerDagRun(store, { dagId, logicalDate }, now));
    }
    const ended = await runToCompletion(store, runs, { config: world.config, logsFolder });
    const instances = (await store.listTaskInstances({ dagIds, limit: 10_000 })).items;
    const changes = (await Promise.all(
      runs.map((run) => store.listStateChanges({ dagId: run.dagId, runId: run.runId })),
    )).flat();
    return { runs: ended, instances, changes };
  } finally {
    await store.close();
    await Deno.remove(logsFolder, { recursive: true }).catch(() => {});
  }
}
