/**
 * The memory half of `startup`: a freshly started server with the example DAGs of `dags/`,
 * measured once their runs finished (idle), again once its idle sandbox hosts exited, then after
 * a fan-out run.
 *
 * @module
 */

import { startServer, type TestServer, waitFor } from "../../tests/server_process.ts";
import { assertAllSucceededOnce, timedRun } from "../_runs.ts";
import { fanoutDag } from "./fanout.ts";
import { type ProcessMemory, treeMemory } from "./_memory.ts";

const EXAMPLES = new URL("../../dags/", import.meta.url);
/** How long the server is left alone before its memory is read. */
const SETTLE_MS = 2_000;

/** The memory of the server and of its descendants (sandbox hosts, bundler) at one moment. */
export interface MemorySample {
  server: ProcessMemory;
  children: ProcessMemory[];
}

/** One server's memory: idle with the example DAGs, then idle after a fan-out run. */
export interface MemoryMeasure {
  /** Two seconds after the example runs finished: the sandbox hosts are still up. */
  idle: MemorySample;
  /** Once the idle sandbox hosts exited by themselves. */
  idleWithoutHosts: MemorySample;
  /** How long after `idle` the last sandbox host exited, ms. */
  hostsExitedAfterMs: number;
  afterFanout: MemorySample;
  /** How many example runs finished before the idle sample. */
  exampleRuns: number;
}

/** The example DAG files of `dags/`, by file name. */
export async function exampleDags(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(EXAMPLES)) {
    if (entry.isFile && entry.name.endsWith(".ts")) {
      files[entry.name] = await Deno.readTextFile(new URL(entry.name, EXAMPLES));
    }
  }
  return files;
}

/**
 * Start a server with the example DAGs and measure its memory; `fanoutTasks` sizes the run,
 * `env` reaches the server (e.g. a shorter `UPDRAFT_SANDBOX_HOST_IDLE_MS` for a quick run).
 */
export async function measureMemory(
  fanoutTasks: number,
  env: Record<string, string> = {},
): Promise<MemoryMeasure> {
  const dags = await exampleDags();
  const server = await startServer({ dags, env });
  try {
    const exampleRuns = await waitForExampleRuns(server);
    await settle();
    const idle = await sample(server);
    const idleSince = performance.now();
    const idleWithoutHosts = await waitFor("the idle sandbox hosts to exit", async () => {
      const now = await sample(server);
      return now.children.some(isSandboxHost) ? undefined : now;
    }, 120_000);
    const hostsExitedAfterMs = performance.now() - idleSince;
    await server.writeDag("fanout.ts", fanoutDag("fanout", fanoutTasks, "typescript"));
    await waitFor("the fan-out DAG to be listed", () => server.get("/dags/fanout"));
    const run = await timedRun(server, "fanout");
    assertAllSucceededOnce(run, fanoutTasks);
    await settle();
    const afterFanout = await sample(server);
    return { idle, idleWithoutHosts, hostsExitedAfterMs, afterFanout, exampleRuns };
  } finally {
    await server.stop();
  }
}

/** Megabytes resident in a sample: the server alone, or with its descendants. */
export function residentMb(sample: MemorySample, withChildren: boolean): number {
  const children = withChildren
    ? sample.children.reduce((sum, child) => sum + child.residentMb, 0)
    : 0;
  return sample.server.residentMb + children;
}

/** A line naming each process of a sample, its size and what runs in it. */
export function describeSample(sample: MemorySample): string {
  return [sample.server, ...sample.children].map((process, index) =>
    `${index === 0 ? SERVER_ROLE : roleOf(process)} ${process.residentMb.toFixed(0)} MB`
  ).join("; ");
}

const SERVER_ROLE =
  "server (HTTP API, scheduler, SQLite store, DAG watcher, its bundler and parse Workers)";

/** What a child of the server is, from its command line. */
function roleOf(process: ProcessMemory): string {
  if (isSandboxHost(process)) {
    return "sandbox host (task Workers, ready ones waiting)";
  }
  if (/esbuild/.test(process.command)) return "esbuild service (DAG bundling)";
  if (/^(\S*\/)?(bash|setsid)\b/.test(process.command)) return "bash task";
  const words = process.command.split(" ").map((word) => word.slice(word.lastIndexOf("/") + 1));
  return `other child (${words.join(" ").slice(0, 60)})`;
}

function isSandboxHost(process: ProcessMemory): boolean {
  return /host_entry|__executor-host/.test(process.command);
}

async function sample(server: TestServer): Promise<MemorySample> {
  const tree = await treeMemory(server.pid);
  return { server: tree.root, children: tree.descendants };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

interface RunDto {
  dag_id: string;
  dag_run_id: string;
  state: string;
}

/**
 * Wait until every example DAG is listed without import errors, each unpaused one has a run, and
 * no run is left unfinished twice in a row one second apart (catch-up creates its runs one after
 * another). A run that did not succeed is an error: the examples are meant to succeed. The
 * examples that need outside services (a database, an API) start paused and are not counted.
 */
async function waitForExampleRuns(server: TestServer): Promise<number> {
  const errors = await server.get<{ total_entries: number; import_errors: unknown[] }>(
    "/importErrors",
  );
  if (errors.total_entries > 0) {
    throw new Error(`the example DAGs have import errors: ${JSON.stringify(errors.import_errors)}`);
  }
  const listed = await server.get<{ dags: { is_paused: boolean }[] }>("/dags?limit=100");
  const dagCount = listed.dags.filter((dag) => !dag.is_paused).length;
  let previous = -1;
  const runs = await waitFor("the example DAGs' runs to finish", async () => {
    const page = await server.get<{ dag_runs: RunDto[]; total_entries: number }>(
      "/dags/~/dagRuns?limit=100",
    );
    const dagsWithRuns = new Set(page.dag_runs.map((run) => run.dag_id));
    const finished = page.dag_runs.every((run) =>
      run.state === "success" || run.state === "failed"
    );
    const stable = finished && dagsWithRuns.size === dagCount && page.total_entries === previous;
    previous = finished ? page.total_entries : -1;
    if (!stable) {
      await new Promise((resolve) => setTimeout(resolve, 900));
      return undefined;
    }
    return page.dag_runs;
  }, 120_000);
  const failed = runs.find((run) => run.state !== "success");
  if (failed) throw new Error(`example run ${failed.dag_id}/${failed.dag_run_id} ${failed.state}`);
  return runs.length;
}
