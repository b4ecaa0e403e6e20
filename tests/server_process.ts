/**
 * End-to-end test support: a real `updraft serve` process (the README's entry point) with its
 * own temporary home and DAG folder, and a small REST client with basic auth.
 *
 * @module
 */

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;
export const ADMIN_PASSWORD = "e2e-admin-password";

/** A running server under test. */
export interface TestServer {
  url: string;
  /** The server process's id (its sandbox hosts are its children). */
  pid: number;
  home: string;
  dagsFolder: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Write (or overwrite) a DAG file. */
  writeDag(name: string, source: string): Promise<void>;
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Send a signal and wait for the process to exit. */
  kill(signal: Deno.Signal): Promise<Deno.CommandStatus>;
  /** Stop gracefully and remove the temporary folders (unless `keepHome`). */
  stop(options?: { keepHome?: boolean }): Promise<void>;
}

/** Options of a test server. */
export interface StartOptions {
  /** DAG files to write before starting, by file name. */
  dags?: Record<string, string>;
  /** Reuse a home (and its DAG folder) from a previous server, e.g. after a crash. */
  home?: string;
  env?: Record<string, string>;
}

/** Start `updraft serve` on a free port and wait until it answers. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const home = options.home ?? await Deno.makeTempDir({ prefix: "updraft-e2e-" });
  const dagsFolder = `${home}/dags`;
  await Deno.mkdir(dagsFolder, { recursive: true });
  for (const [name, source] of Object.entries(options.dags ?? {})) {
    await Deno.writeTextFile(`${dagsFolder}/${name}`, source);
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "--config",
      CONFIG,
      MAIN,
      "serve",
      "--home",
      home,
      "--dags-folder",
      dagsFolder,
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--unpause-new-dags",
    ],
    env: {
      UPDRAFT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      UPDRAFT_RESCAN_INTERVAL_MS: "500",
      ...options.env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const found = Promise.withResolvers<string>();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (
      const chunk of stream.pipeThrough(
        new TextDecoderStream() as TransformStream<Uint8Array, string>,
      )
    ) {
      output += chunk;
      const match = /serving (http:\/\/[^\s]+) /.exec(output);
      if (match) found.resolve(match[1]);
    }
  };
  const readers = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const exited = child.status.then((status) => {
    found.reject(new Error(`updraft serve exited (${status.code}) before listening:\n${output}`));
    return status;
  });
  const timer = setTimeout(
    () => found.reject(new Error(`updraft serve did not start:\n${output}`)),
    60_000,
  );
  const url = await found.promise.finally(() => clearTimeout(timer));
  // The server answers before its first read of the DAG folder ends; tests start after it.
  await waitFor(
    "the first read of the DAG folder",
    () => Promise.resolve(/DAG folder read in/.test(output) ? true : undefined),
    60_000,
  );
  const authorization = `Basic ${btoa(`admin:${ADMIN_PASSWORD}`)}`;
  const request = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let stopped = false;
  const kill = async (signal: Deno.Signal) => {
    if (!stopped) {
      stopped = true;
      try {
        child.kill(signal);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
      }
    }
    const status = await exited;
    await readers;
    return status;
  };
  return {
    url,
    pid: child.pid,
    home,
    dagsFolder,
    output: () => output,
    writeDag: (name, source) => Deno.writeTextFile(`${dagsFolder}/${name}`, source),
    request,
    get: async (path) => {
      const response = await request("GET", path);
      const text = await response.text();
      if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${text}`);
      return JSON.parse(text);
    },
    kill,
    stop: async (stopOptions = {}) => {
      await kill("SIGTERM");
      if (!stopOptions.keepHome && options.home === undefined) {
        await Deno.remove(home, { recursive: true });
      }
    },
  };
}

/** Poll `probe` until it returns a value (not undefined), or fail after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** Wait until a run is finished; returns its final state. */
export function waitForRun(
  server: TestServer,
  dagId: string,
  runId: string,
  timeoutMs = 60_000,
): Promise<string> {
  return waitFor(`run ${dagId}/${runId} to finish`, async () => {
    const run = await server.get<{ state: string }>(
      `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`,
    );
    return run.state === "success" || run.state === "failed" ? run.state : undefined;
  }, timeoutMs);
}

/** Task states of a run by task id. */
export async function taskStates(
  server: TestServer,
  dagId: string,
  runId: string,
): Promise<Record<string, string | null>> {
  const page = await server.get<{ task_instances: { task_id: string; state: string | null }[] }>(
    `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances`,
  );
  return Object.fromEntries(page.task_instances.map((ti) => [ti.task_id, ti.state]));
}

/** Trigger a run through the REST API; returns its run id. */
export async function trigger(
  server: TestServer,
  dagId: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await server.request("POST", `/dags/${dagId}/dagRuns`, body);
  const json = await response.json();
  if (response.status !== 200) {
    throw new Error(`trigger ${dagId} → ${response.status}: ${JSON.stringify(json)}`);
  }
  return json.dag_run_id;
}
