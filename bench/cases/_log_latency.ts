/**
 * A log line's way from a running task to an open dashboard page: a bash task prints its own
 * clock every 50 ms; the dashboard's SSE log stream (what the task instance panel opens) is read
 * and each line's arrival is compared with the time in it.
 *
 * @module
 */

import { type TestServer, waitFor } from "../../tests/server_process.ts";

/** A DAG whose only task prints `tick <epoch ms>` every 50 ms for about 20 s. */
export const TICKER_DAG = `import { bash, dag } from "updraft";
export default dag({ id: "bench_log_ticker", description: "prints its clock every 50 ms" }, () => {
  bash({ id: "tick", command: "for i in $(seq 1 400); do echo \\"tick $(date +%s%3N)\\"; sleep 0.05; done" });
});
`;

/** Trigger the ticker, follow its log stream, and return `lines` latencies in ms. */
export async function measureLogLatency(
  server: TestServer,
  cookie: string,
  lines: number,
): Promise<number[]> {
  const dagId = "bench_log_ticker";
  const created = await server.request("POST", `/dags/${dagId}/dagRuns`, { conf: {} });
  if (created.status !== 200) {
    throw new Error(`triggering ${dagId} answered ${created.status}: ${await created.text()}`);
  }
  const runId = (await created.json()).dag_run_id as string;
  const path = `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances/tick`;
  await waitFor("the ticker task to run", async () => {
    const instance = await server.get<{ state: string | null }>(path);
    return instance.state === "running" ? true : undefined;
  });
  const stream = `${server.url}/dags/${dagId}/runs/${
    encodeURIComponent(runId)
  }/tasks/tick/logs/1/stream`;
  const controller = new AbortController();
  const response = await fetch(stream, { headers: { cookie }, signal: controller.signal });
  if (response.status !== 200 || !response.body) {
    throw new Error(`the dashboard's log stream answered ${response.status}`);
  }
  const latencies: number[] = [];
  let buffer = "";
  let first = true;
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      const arrived = Date.now();
      buffer += decoder.decode(chunk, { stream: true });
      const events = buffer.split("\n\n");
      buffer = events.pop() ?? "";
      for (const event of events) {
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (!/^event: log$/m.test(event) || data === undefined) continue;
        // The first event holds what was written before the stream opened: not a latency.
        if (first) {
          first = false;
          continue;
        }
        for (const match of (JSON.parse(data) as string).matchAll(/tick (\d+)/g)) {
          latencies.push(arrived - Number(match[1]));
        }
      }
      if (latencies.length >= lines) break;
    }
  } finally {
    controller.abort();
  }
  if (latencies.length < lines) {
    throw new Error(`the log stream ended after ${latencies.length} of ${lines} lines`);
  }
  return latencies.slice(0, lines);
}
