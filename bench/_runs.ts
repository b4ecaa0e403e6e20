/**
 * Driving a freshly started `updraft serve` (the same process the end-to-end tests start): one
 * run triggered over the REST API and timed from the trigger request to the run's recorded end.
 *
 * @module
 */

import { type TestServer, trigger, waitFor } from "../tests/server_process.ts";

/** A task instance as the REST API returns it (the fields the cases read). */
export interface TaskInstanceDto {
  task_id: string;
  state: string | null;
  try_number: number;
  start_date: string | null;
  end_date: string | null;
  duration: number | null;
}

/** One finished run and what it took. */
export interface TimedRun {
  runId: string;
  state: string;
  /** From sending the trigger request to the run's end, ms. */
  totalMs: number;
  instances: TaskInstanceDto[];
}

/** Trigger `dagId`, wait for the run to finish, and read its task instances. */
export async function timedRun(
  server: TestServer,
  dagId: string,
  timeoutMs = 600_000,
): Promise<TimedRun> {
  const triggeredAt = Date.now();
  const runId = await trigger(server, dagId);
  const path = `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`;
  const run = await waitFor(`run ${runId} to finish`, async () => {
    const found = await server.get<{ state: string; end_date: string | null }>(path);
    return found.state === "success" || found.state === "failed" ? found : undefined;
  }, timeoutMs);
  const instances: TaskInstanceDto[] = [];
  for (let offset = 0;; offset += 100) {
    const page = await server.get<{ task_instances: TaskInstanceDto[]; total_entries: number }>(
      `${path}/taskInstances?limit=100&offset=${offset}`,
    );
    instances.push(...page.task_instances);
    if (instances.length >= page.total_entries || page.task_instances.length === 0) break;
  }
  return {
    runId,
    state: run.state,
    totalMs: Date.parse(run.end_date!) - triggeredAt,
    instances,
  };
}

/** Check that every task ran exactly once and succeeded; throws naming the first that did not. */
export function assertAllSucceededOnce(run: TimedRun, expected: number): void {
  if (run.state !== "success") throw new Error(`run ${run.runId} ended ${run.state}`);
  if (run.instances.length !== expected) {
    throw new Error(
      `run ${run.runId} has ${run.instances.length} task instances, expected ${expected}`,
    );
  }
  const wrong = run.instances.find((ti) => ti.state !== "success" || ti.try_number !== 1);
  if (wrong) {
    throw new Error(`task ${wrong.task_id} ended ${wrong.state} after ${wrong.try_number} tries`);
  }
}

/** Mean gap between one task ending and the next starting, for a chain (ms). */
export function meanGapMs(instances: readonly TaskInstanceDto[]): number {
  const ordered = [...instances].sort((a, b) =>
    Date.parse(a.start_date!) - Date.parse(b.start_date!)
  );
  let gaps = 0;
  for (let i = 1; i < ordered.length; i++) {
    gaps += Date.parse(ordered[i].start_date!) - Date.parse(ordered[i - 1].end_date!);
  }
  return ordered.length > 1 ? gaps / (ordered.length - 1) : 0;
}

/** The source of a DAG whose tasks run one after another. */
export function chainDag(dagId: string, length: number, task: "fib10" | "fib33" | "bash"): string {
  const body = task === "bash"
    ? `bash({ id: \`t\${i}\`, command: "true" })`
    : `task({ id: \`t\${i}\` }, () => fib(${task === "fib10" ? 10 : 33}))`;
  return `import { bash, chain, dag, task } from "updraft";
const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
export default dag({ id: ${JSON.stringify(dagId)} }, () => {
  chain(...Array.from({ length: ${length} }, (_, i) => ${body}));
});
`;
}
