/**
 * parse500 (case 6): 500 generated DAG files in the DAG folder at start; the time from the
 * process's start until the API lists all of them, then the time from changing one file (its
 * description) until the API shows the new version. A fresh home and DAG folder each round.
 *
 * @module
 */

import type { BenchCase, CaseContext, Metric } from "../_harness.ts";
import { pollProcess, type ServeProcess, spawnServe } from "./_serve_process.ts";

/** How often the API is asked whether the DAGs are there yet. */
const POLL_MS = 5;
/** Changes per round; each waits for the previous one to be live. */
const CHANGES = 5;

/** The id of generated DAG number `index`. */
function dagIdOf(index: number): string {
  return `generated_${String(index).padStart(4, "0")}`;
}

/** A small DAG (three tasks in a chain: bash, TypeScript, bash) with a distinct id. */
export function generatedDag(index: number, version: number): string {
  return `import { bash, chain, dag, task } from "updraft";
export default dag({
  id: ${JSON.stringify(dagIdOf(index))},
  description: "generated DAG ${index}, version ${version}",
  schedule: null,
  tags: ["generated"],
}, () => {
  chain(
    bash({ id: "extract", command: "echo ${index}" }),
    task({ id: "transform" }, () => ${index} * 2),
    bash({ id: "load", command: "true" }),
  );
});
`;
}

/** The generated DAG files, by file name. */
function generatedFiles(count: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`${dagIdOf(index)}.ts`, generatedDag(index, 1)]),
  );
}

/** Start a server on `count` files; ms until the API lists them all. */
async function timeFullLoad(server: ServeProcess, count: number): Promise<number> {
  const milliseconds = await pollProcess(server, `all ${count} DAGs to be listed`, async () => {
    const page = await server.get<{ total_entries: number }>("/dags?limit=1");
    if (page.total_entries > count) {
      throw new Error(`the API lists ${page.total_entries} DAGs, more than the ${count} files`);
    }
    return page.total_entries === count ? performance.now() - server.spawnedAt : undefined;
  }, { intervalMs: POLL_MS });
  const errors = await server.get<{ total_entries: number }>("/importErrors?limit=1");
  if (errors.total_entries > 0) throw new Error(`${errors.total_entries} generated files failed`);
  return milliseconds;
}

/** Rewrite one file with a new description (atomically, by rename); ms until the API shows it. */
async function timeChange(server: ServeProcess, index: number, version: number): Promise<number> {
  const name = `${dagIdOf(index)}.ts`;
  const temporary = `${server.dagsFolder}/.${name}.writing`;
  const description = `generated DAG ${index}, version ${version}`;
  const started = performance.now();
  await Deno.writeTextFile(temporary, generatedDag(index, version));
  await Deno.rename(temporary, `${server.dagsFolder}/${name}`);
  return await pollProcess(server, `${dagIdOf(index)} version ${version} to be live`, async () => {
    const found = await server.get<{ description: string | null }>(`/dags/${dagIdOf(index)}`);
    return found.description === description ? performance.now() - started : undefined;
  }, { intervalMs: POLL_MS, timeoutMs: 60_000 });
}

/** One round: a fresh server on `count` files, its load time and `CHANGES` change times. */
async function measureRound(
  context: CaseContext,
  count: number,
): Promise<{ loadMs: number; changeMs: number[] }> {
  const server = await spawnServe({ dags: generatedFiles(count) });
  try {
    const loadMs = await timeFullLoad(server, count);
    const changeMs: number[] = [];
    for (let change = 1; change <= CHANGES; change++) {
      // Let the previous change's scan and the rescan it may queue finish first.
      await new Promise((resolve) => setTimeout(resolve, 500));
      changeMs.push(await timeChange(server, (change * 97) % count, change + 1));
    }
    context.log(
      `  ${count} files listed after ${loadMs.toFixed(0)} ms; changes live after ${
        changeMs.map((ms) => ms.toFixed(0)).join(", ")
      } ms`,
    );
    return { loadMs, changeMs };
  } finally {
    await server.stop();
  }
}

/** parse500: loading 500 DAG files at start, and one changed file. */
export const parse500: BenchCase = {
  name: "parse500",
  description: "500 generated DAG files: start to all listed; one file changed to new version live",
  async run(context) {
    const count = context.quick ? 50 : 500;
    const loads: number[] = [];
    const changes: number[] = [];
    for (let round = 0; round < (context.quick ? 1 : 3); round++) {
      const { loadMs, changeMs } = await measureRound(context, count);
      loads.push(loadMs / 1000);
      changes.push(...changeMs);
    }
    const cores = navigator.hardwareConcurrency;
    const workerMs = context.floors.workerMs;
    return [
      {
        name: `start → ${count} DAGs listed`,
        unit: "s",
        samples: loads,
        budget: context.quick ? undefined : { max: 10 },
        floor: {
          value: (count * workerMs) / cores / 1000,
          of: `${count} × Worker ${workerMs.toFixed(2)} ms / ${cores} cores (one parse sandbox ` +
            "per file, spread over all cores)",
        },
        note: "fresh home each round; /api/v1/dags?limit=1 total_entries polled every 5 ms; " +
          "no import errors",
      },
      {
        name: "per file, start → listed",
        unit: "ms",
        samples: loads.map((seconds) => (seconds * 1000) / count),
      },
      {
        name: "one file changed → new version live",
        unit: "ms",
        samples: changes,
        budget: { max: 200 },
        note: `${CHANGES} changes per round (new description, written then renamed into place); ` +
          "/api/v1/dags/{id} polled every 5 ms; the watcher debounces file events by 100 ms",
      },
    ] satisfies Metric[];
  },
};
