/**
 * The sandbox host process: reads jobs from stdin, runs each in a pre-booted Worker sandbox (or
 * a bash subprocess), writes their logs, and reports events on stdout, one JSON line each. It
 * creates all Workers on its own main thread and never lets a task write to its stdout.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { forEachLine } from "./_lines.ts";
import {
  encodeFromHost,
  type FromHost,
  type HostSettings,
  type ToHost,
  TOKEN_VARIABLE,
} from "./_protocol.ts";
import { SandboxPool } from "./_sandbox_pool.ts";
import { type JobControl, runCallbackJob, runTaskJob } from "./_host_jobs.ts";

/** Writes protocol lines to the real stdout, one system call per turn of the event loop. */
function stdoutSender(token: string): { send: (message: FromHost) => void; flush: () => void } {
  const stdout = Deno.stdout;
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let broken = false;
  const flush = () => {
    if (pending.length === 0 || broken) return;
    const bytes = encoder.encode(pending.join(""));
    pending = [];
    try {
      let written = 0;
      while (written < bytes.length) written += stdout.writeSync(bytes.subarray(written));
    } catch {
      broken = true; // The executor is gone; stdin's end will stop this host.
    }
  };
  const send = (message: FromHost) => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(encodeFromHost(token, message) + "\n");
  };
  return { send, flush };
}

/** One host's state: its settings, sandboxes, bundles and running jobs. */
class Host {
  #settings: HostSettings;
  #pool: SandboxPool;
  #bundles = new Map<string, string>();
  #running = new Map<number, JobControl>();
  #send: (message: FromHost) => void;
  #hostname: string;
  #tainted = false;

  constructor(settings: HostSettings, send: (message: FromHost) => void) {
    this.#settings = settings;
    this.#send = send;
    this.#pool = new SandboxPool({ prebooted: settings.prebootedSandboxes });
    this.#hostname = Deno.hostname();
  }

  handle(message: ToHost): void {
    if (message.type === "bundle") {
      const encoded = Buffer.from(message.code, "utf8").toString("base64");
      this.#bundles.set(message.hash, `data:text/javascript;base64,${encoded}`);
    } else if (message.type === "run" || message.type === "callback") {
      try {
        this.#track(
          message.id,
          message.type === "run"
            ? runTaskJob(message.id, message.job, this.#environment())
            : runCallbackJob(message.id, message.callback, this.#environment()),
        );
      } catch (error) {
        const reason = `The sandbox host could not start the ${message.type}: ${error}`;
        this.#send({
          type: "finished",
          id: message.id,
          at: Date.now(),
          outcome: { status: "failed", error: reason, noRetry: false },
          xcoms: [],
          renderedFields: null,
        });
      }
    } else if (message.type === "cancel") {
      this.#running.get(message.id)?.stop(message.reason);
    }
  }

  async shutdown(reason: string): Promise<void> {
    const running = [...this.#running.values()];
    for (const job of running) job.stop(reason);
    await Promise.allSettled(running.map((job) => job.done));
    this.#pool.close();
  }

  #environment() {
    return {
      settings: this.#settings,
      pool: this.#pool,
      send: this.#send,
      moduleUrl: (hash: string) => this.#bundles.get(hash),
      hostname: this.#hostname,
      taint: () => this.#taint(),
    };
  }

  /** Tells the executor once that a stopped Worker may still be running in this process. */
  #taint(): void {
    if (this.#tainted) return;
    this.#tainted = true;
    this.#send({ type: "tainted" });
  }

  #track(id: number, job: JobControl): void {
    this.#running.set(id, job);
    job.done.finally(() => this.#running.delete(id));
  }
}

/**
 * Runs a sandbox host on this process's stdin and stdout until stdin ends, then stops running
 * jobs and releases its sandboxes. The CLI routes the hidden `__executor-host` command here;
 * callers should exit the process when it resolves.
 */
export async function runExecutorHost(): Promise<void> {
  // One try's stray rejection must not take down the others running in this host.
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    console.error(`Unhandled rejection in the sandbox host: ${event.reason}`);
  });
  const token = Deno.env.get(TOKEN_VARIABLE) ?? "";
  Deno.env.delete(TOKEN_VARIABLE);
  const { send, flush } = stdoutSender(token);
  send({ type: "hello", pid: Deno.pid, hostname: Deno.hostname() });
  let host: Host | null = null;
  await forEachLine(Deno.stdin.readable, (line) => {
    if (line.length === 0) return;
    let message: ToHost;
    try {
      message = JSON.parse(line) as ToHost;
    } catch (error) {
      console.error(`The sandbox host could not read a message from the executor: ${error}`);
      return;
    }
    if (message.type === "configure") host ??= new Host(message.settings, send);
    else if (host === null) {
      console.error(`The sandbox host got "${message.type}" before "configure"`);
    } else host.handle(message);
  });
  await (host as Host | null)?.shutdown("the executor is shutting down");
  flush();
}
