/**
 * The state the `api` case reads: generated DAG files the server parses itself, and finished
 * runs written straight into the server's SQLite file through a second `SqliteStore` connection
 * (WAL lets two connections share it), so no task has to run.
 *
 * @module
 */

import type { RunKey } from "../../src/core/mod.ts";
import { SqliteStore } from "../../src/store/mod.ts";
import { type TestServer, waitFor } from "../../tests/server_process.ts";
import {
  type BuiltRun,
  freshInstance,
  insertStep,
  newRun,
  reachTaskState,
  startRun,
  weightsOf,
} from "./_run_states.ts";

/** How much state the case stores. */
export interface ApiSizes {
  dags: number;
  runs: number;
  tasksPerRun: number;
  /** Runs per DAG that has runs (those DAGs have `tasksPerRun` tasks; the others 5). */
  runsPerDag: number;
}

/** The id of DAG number `index`. */
export function apiDagId(index: number): string {
  return `api_dag_${String(index).padStart(4, "0")}`;
}

/** DAG files by name: the first DAGs (those that get runs) are wide, the others small. */
export function apiDagFiles(sizes: ApiSizes): Record<string, string> {
  const withRuns = Math.ceil(sizes.runs / sizes.runsPerDag);
  const files: Record<string, string> = {};
  for (let index = 0; index < sizes.dags; index++) {
    const tasks = index < withRuns ? sizes.tasksPerRun : 5;
    files[`${apiDagId(index)}.ts`] = dagSource(apiDagId(index), tasks, index);
  }
  return files;
}

function dagSource(dagId: string, tasks: number, index: number): string {
  return `import { chain, dag, task } from "updraft";
export default dag({
  id: ${JSON.stringify(dagId)},
  description: "generated for the api benchmark",
  tags: ["bench", "group_${index % 10}"],
}, () => {
  chain(...Array.from({ length: ${tasks} }, (_, i) => task({ id: \`step_\${i}\` }, () => i)));
});
`;
}

/** Wait until the server lists `count` DAGs; fails at once when a file does not import. */
export async function waitForDags(server: TestServer, count: number): Promise<void> {
  const outcome = await waitFor(`${count} DAGs to be parsed`, async () => {
    const errors = await server.get<{ total_entries: number }>("/importErrors?limit=1");
    if (errors.total_entries > 0) return { importErrors: errors.total_entries };
    const page = await server.get<{ total_entries: number }>("/dags?limit=1");
    return page.total_entries === count ? { importErrors: 0 } : undefined;
  }, 300_000);
  if (outcome.importErrors > 0) {
    throw new Error(`${outcome.importErrors} generated DAG files failed to import`);
  }
}

/**
 * Write `sizes.runs` finished manual runs (every task instance succeeded on its first try) into
 * the server's database; returns their keys.
 */
export async function seedFinishedRuns(server: TestServer, sizes: ApiSizes): Promise<RunKey[]> {
  const store = SqliteStore.open(`${server.home}/updraft.db`);
  const keys: RunKey[] = [];
  try {
    const start = Date.UTC(2024, 0, 1);
    for (let dagIndex = 0; keys.length < sizes.runs; dagIndex++) {
      const found = await store.getDag(apiDagId(dagIndex));
      if (!found) throw new Error(`seeding runs: DAG ${apiDagId(dagIndex)} is not stored`);
      const weights = weightsOf(found.definition);
      const runs: BuiltRun[] = [];
      for (let r = 0; r < sizes.runsPerDag && keys.length < sizes.runs; r++) {
        const logicalDate = start + r * 86_400_000;
        const seed = {
          definition: found.definition,
          versionHash: found.dag.versionHash,
          runId: `manual__${new Date(logicalDate).toISOString()}`,
          logicalDate,
          createdAt: logicalDate + 1000,
          runType: "manual" as const,
        };
        const run = newRun(seed);
        const instances = found.definition.tasks.map((task, position) =>
          reachTaskState(freshInstance(run, task, weights.get(task.taskId) ?? 1), "success", {
            at: seed.createdAt + 100 * (position + 1),
            executorId: "bench-seed",
            durationMs: 40 + (position % 7) * 10,
          })
        );
        const finishedAt = Math.max(...instances.map(({ instance }) => instance.endDate ?? 0));
        const moved = startRun(run, { at: seed.createdAt + 50, finishedAt: finishedAt + 10 });
        runs.push({ run: moved.run, runChanges: moved.changes, instances });
        keys.push({ dagId: run.dagId, runId: run.runId });
      }
      await store.applySchedulingStep(insertStep(runs));
    }
  } finally {
    await store.close();
  }
  return keys;
}
