/**
 * Runs one subprocess for the Spark hook: a clean environment, every stdout and stderr line
 * handed over as it comes, and a kill (SIGKILL, as Airflow's `on_kill`) the moment the signal
 * aborts. The kill is sent from the abort event itself: the executor terminates a stopped
 * sandbox 100 ms later, and a terminated Worker's timers never fire, while a process it started
 * would live on.
 *
 * @module
 */

/** What to run and whom to tell. */
export interface ProcessRequest {
  binary: string;
  args: string[];
  env: Record<string, string>;
  signal?: AbortSignal;
  /** Each output line (stdout and stderr alike: Spark logs to stderr). */
  onLine(line: string): void;
  /** Called first thing when the signal aborts, before the process is killed. */
  onAbort?(): void;
}

/** How the process ended. */
export interface ProcessEnd {
  code: number;
  signal: string | null;
}

/** Start the process and wait for it; throws when it cannot start. */
export async function runProcess(request: ProcessRequest): Promise<ProcessEnd> {
  const child = new Deno.Command(request.binary, {
    args: request.args,
    env: request.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const abort = () => {
    try {
      request.onAbort?.();
    } finally {
      try {
        child.kill("SIGKILL");
      } catch {
        // It ended already.
      }
    }
  };
  request.signal?.addEventListener("abort", abort, { once: true });
  if (request.signal?.aborted) abort();
  try {
    await Promise.all([
      readLines(child.stdout, request.onLine),
      readLines(child.stderr, request.onLine),
    ]);
    const status = await child.status;
    return { code: status.code, signal: status.signal };
  } finally {
    request.signal?.removeEventListener("abort", abort);
  }
}

/** Start a process and leave it running on its own (the kill command of a stopped run). */
export function startDetached(binary: string, args: string[], env: Record<string, string>): void {
  const child = new Deno.Command(binary, {
    args,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  child.unref();
  child.status.catch(() => {});
}

async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const bytes of stream) {
    const lines = (rest + decoder.decode(bytes, { stream: true })).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  }
  rest += decoder.decode();
  if (rest) onLine(rest);
}
