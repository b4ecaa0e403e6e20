/**
 * The outside world the example DAGs talk to, for their end-to-end tests: one HTTP server playing
 * the user API (randomuser.me's shape, behind basic auth), the forex rates API (frankfurter's
 * shape) and the taxi-data file host; and a runner for `testDag` over the repository's `dags/`.
 *
 * @module
 */

import { defaultConfig, type TaskReport, testDag } from "../../src/app/mod.ts";

/** The API's credentials: the password is what the tests look for in logs. */
export const API_LOGIN = "alice";
export const API_PASSWORD = "api-pass-31415";

/** A running example API. */
export interface ExampleApi {
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Taxi trips of a month as CSV: three trips in the month's first days. */
export function taxiCsv(month: string): string {
  const rows = [1, 2, 3].map((day) =>
    `${month}-0${day} 08:00:00,${month}-0${day} 08:20:00,${day},${day * 2.5},${day * 9.5}`
  );
  return ["pickup_at,dropoff_at,passengers,distance_km,fare", ...rows].join("\n") + "\n";
}

/** Starts the API on a free port of 127.0.0.1. */
export function startExampleApi(): ExampleApi {
  const expected = `Basic ${btoa(`${API_LOGIN}:${API_PASSWORD}`)}`;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/")) {
      if (request.headers.get("authorization") !== expected) {
        return Response.json({ error: "bad credentials" }, { status: 401 });
      }
      const seed = url.searchParams.get("seed") ?? "none";
      return Response.json({
        results: [{
          name: { first: "Ada", last: "Lovelace" },
          location: { country: "United Kingdom" },
          login: { username: `ada-${seed}` },
          email: "ada@example.com",
        }],
      });
    }
    const month = /^\/yellow_tripdata_(\d{4}-\d{2})\.csv$/.exec(url.pathname)?.[1];
    if (month) return new Response(taxiCsv(month), { headers: { "content-type": "text/csv" } });
    const day = /^\/(latest|\d{4}-\d{2}-\d{2})$/.exec(url.pathname)?.[1];
    if (day) {
      const base = url.searchParams.get("from") ?? "EUR";
      const quotes = (url.searchParams.get("to") ?? "USD").split(",");
      const rates = Object.fromEntries(quotes.map((quote, index) => [quote, 1 + index / 10]));
      return Response.json({ amount: 1, base, date: day === "latest" ? "2024-01-03" : day, rates });
    }
    return new Response("not found", { status: 404 });
  });
  const port = server.addr.port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    stop: () => server.shutdown(),
  };
}

/** The repository's example DAG folder. */
export const EXAMPLE_DAGS = new URL("../../dags", import.meta.url).pathname;

/** How one example's run ended: task states and each task's log. */
export interface ExampleRun {
  runState: string;
  states: Record<string, string>;
  logs: Map<string, string>;
}

/**
 * Runs one run of an example DAG in-process (parse → scheduler → sandboxes), with connections
 * from `connections` set as `UPDRAFT_CONN_<ID>` for the run only.
 */
export async function runExample(
  dagId: string,
  options: { logicalDate: string; connections: Record<string, string> },
): Promise<ExampleRun> {
  const home = await Deno.makeTempDir({ prefix: "updraft-example-" });
  const names = Object.keys(options.connections).map((id) => `UPDRAFT_CONN_${id.toUpperCase()}`);
  Object.entries(options.connections).forEach(([id, uri]) =>
    Deno.env.set(`UPDRAFT_CONN_${id.toUpperCase()}`, uri)
  );
  const logs = new Map<string, string>();
  const debug = Deno.env.get("UPDRAFT_EXAMPLE_DEBUG") === "1";
  try {
    const config = { ...defaultConfig(home), dagsFolder: EXAMPLE_DAGS, prebootedSandboxes: 1 };
    const result = await testDag(config, { dagId, logicalDate: Date.parse(options.logicalDate) }, {
      onTask: (report: TaskReport) => {
        logs.set(report.instance.taskId, (logs.get(report.instance.taskId) ?? "") + report.log);
        if (debug) console.error(report.instance.taskId, report.instance.state, report.log);
      },
    });
    const states = Object.fromEntries(
      result.instances.map((instance) => [instance.taskId, String(instance.state)]),
    );
    return { runState: result.run.state, states, logs };
  } finally {
    for (const name of names) Deno.env.delete(name);
    await Deno.remove(home, { recursive: true });
  }
}
