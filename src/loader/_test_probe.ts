/**
 * A child process for the bundler's tests: parses one DAG file as the server would, then reports
 * (one JSON line on stdout) what the process looked like — its child processes, its Worker
 * threads — while the bundler Worker was loaded and after its idle time, and a second parse.
 *
 * Usage: `deno run --allow-all _test_probe.ts <folder> <file> <bundlerIdleMs>`
 *
 * @module
 */

import { parseDagFile } from "./mod.ts";

/** What the probe prints. */
export interface ProbeReport {
  first: { ok: boolean; dagIds: string[]; message: string | null };
  /** Process ids of this process's children right after the parse. */
  children: number[];
  /** Worker threads alive once the parse Worker was gone (the bundler's). */
  workerThreadsLoaded: number;
  /** Worker threads alive after the bundler's idle time. */
  workerThreadsReleased: number;
  second: { ok: boolean; dagIds: string[]; message: string | null };
}

const DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const [folder, file, idle] = Deno.args;
  const options = { folder, bundlerIdleMs: Number(idle) };
  const first = summary(await parseDagFile(file, options));
  const children = childProcesses();
  const workerThreadsLoaded = await settle((count) => count <= 1);
  const workerThreadsReleased = await settle((count) => count === 0);
  const second = summary(await parseDagFile(file, options));
  const report: ProbeReport = {
    first,
    children,
    workerThreadsLoaded,
    workerThreadsReleased,
    second,
  };
  console.log(JSON.stringify(report));
}

function summary(parsed: Awaited<ReturnType<typeof parseDagFile>>): ProbeReport["first"] {
  return parsed.ok
    ? { ok: true, dagIds: parsed.dags.map((dag) => dag.dagId), message: null }
    : { ok: false, dagIds: [], message: parsed.message };
}

/**
 * A file of each of this process's threads (Linux `/proc/self/task/<id>/<file>`), by thread id;
 * a thread that ends while it is read is left out.
 */
export function readThreadFiles(file: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const thread of Deno.readDirSync("/proc/self/task")) {
    try {
      texts.set(thread.name, Deno.readTextFileSync(`/proc/self/task/${thread.name}/${file}`));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return texts;
}

/** Children of every thread of this process. */
function childProcesses(): number[] {
  return [...readThreadFiles("children").values()]
    .flatMap((text) => text.split(/\s+/).filter(Boolean).map(Number));
}

/** Deno names each Worker's thread `worker-<n>`. */
function workerThreads(): number {
  return [...readThreadFiles("comm").values()].filter((name) => /^worker-/.test(name)).length;
}

/** Poll the Worker thread count until `done` holds (or a generous deadline); return it. */
async function settle(done: (count: number) => boolean): Promise<number> {
  const deadline = Date.now() + DEADLINE_MS;
  let count = workerThreads();
  while (!done(count) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    count = workerThreads();
  }
  return count;
}

if (import.meta.main) await main();
