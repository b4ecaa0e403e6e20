/**
 * A process the bench starts itself, on a port it chose, so a case can time it from the moment
 * it was spawned: `updraft serve` (its own temporary home and DAG folder), or any Deno script
 * (the floors). Also what the operating system says about its memory.
 *
 * @module
 */

import { ADMIN_PASSWORD } from "../../tests/server_process.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;
const AUTHORIZATION = `Basic ${btoa(`admin:${ADMIN_PASSWORD}`)}`;

/** A process started by {@link spawnDeno} or {@link spawnServe}. */
export interface SpawnedProcess {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `performance.now()` right before the spawn. */
  spawnedAt: number;
  /** Everything it printed so far. */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  /** SIGTERM, then wait for it to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** A spawned `updraft serve`, with a REST client logged in as admin. */
export interface ServeProcess extends SpawnedProcess {
  home: string;
  dagsFolder: string;
  /** GET `/api/v1<path>`; throws on a status other than 200. */
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  /** Write (or overwrite) a DAG file. */
  writeDag(name: string, source: string): Promise<void>;
  /** Stop it and remove its home. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free when asked; the process binds it right after). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Start `deno run --allow-all --config deno.json <args>` with the port in the environment. */
export function spawnDeno(
  args: string[],
  options: { port: number; env?: Record<string, string> },
): SpawnedProcess {
  let output = "";
  const spawnedAt = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--config", CONFIG, ...args],
    env: { PORT: String(options.port), ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (
      const chunk of stream.pipeThrough(
        new TextDecoderStream() as TransformStream<Uint8Array, string>,
      )
    ) output += chunk;
  };
  const readers = Promise.all([collect(child.stdout), collect(child.stderr)]);
  let done = false;
  const status = child.status.finally(() => (done = true));
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${options.port}`,
    spawnedAt,
    output: () => output,
    exited: () => done,
    stop: async () => {
      if (!done) child.kill("SIGTERM");
      const timer = setTimeout(() => !done && child.kill("SIGKILL"), 10_000);
      await status;
      clearTimeout(timer);
      await readers;
    },
  };
}

/** Start `updraft serve` with a fresh home holding `dags`, on a free port, without waiting. */
export async function spawnServe(
  options: { dags?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<ServeProcess> {
  const home = await Deno.makeTempDir({ prefix: "updraft-bench-" });
  const dagsFolder = `${home}/dags`;
  await Deno.mkdir(dagsFolder);
  for (const [name, source] of Object.entries(options.dags ?? {})) {
    await Deno.writeTextFile(`${dagsFolder}/${name}`, source);
  }
  const port = freePort();
  const process = spawnDeno(
    [
      MAIN,
      "serve",
      "--home",
      home,
      "--dags-folder",
      dagsFolder,
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--unpause-new-dags",
    ],
    { port, env: { UPDRAFT_ADMIN_PASSWORD: ADMIN_PASSWORD, ...options.env } },
  );
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${process.url}/api/v1${path}`, {
      headers: { authorization: AUTHORIZATION },
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return JSON.parse(text) as T;
  };
  return {
    ...process,
    home,
    dagsFolder,
    get,
    writeDag: (name, source) => Deno.writeTextFile(`${dagsFolder}/${name}`, source),
    stop: async () => {
      await process.stop();
      await Deno.remove(home, { recursive: true });
    },
  };
}

/**
 * Poll `probe` every `intervalMs` until it returns a value; fails when the process exits or
 * after `timeoutMs`. A probe that throws (connection refused while starting) counts as "not yet".
 */
export async function pollProcess<T>(
  process: SpawnedProcess,
  what: string,
  probe: () => Promise<T | undefined>,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);
  let last: unknown = null;
  while (performance.now() < deadline) {
    if (process.exited()) {
      throw new Error(`the process exited while waiting for ${what}:\n${process.output()}`);
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 2));
  }
  throw new Error(
    `timed out waiting for ${what}${last ? ` (last error: ${last})` : ""}:\n${process.output()}`,
  );
}

/** Milliseconds from the spawn until `GET /api/v1/health` answers 200 (polled every 2 ms). */
export async function millisecondsUntilHealthy(process: SpawnedProcess): Promise<number> {
  return await pollProcess(process, `${process.url}/api/v1/health to answer 200`, async () => {
    const response = await fetch(`${process.url}/api/v1/health`);
    await response.body?.cancel();
    return response.status === 200 ? performance.now() - process.spawnedAt : undefined;
  });
}
