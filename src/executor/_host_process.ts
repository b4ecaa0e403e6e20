/**
 * One sandbox host process as the executor sees it: spawn it, send it messages, read its
 * messages, notice when it exits, and stop it.
 *
 * @module
 */

import {
  decodeFromHost,
  type FromHost,
  type HostSettings,
  type ToHost,
  TOKEN_VARIABLE,
} from "./_protocol.ts";
import { forEachLine, LineWriter } from "./_lines.ts";

const STDERR_TAIL_LINES = 20;

/** How a host process ended, with the last lines it wrote to stderr. */
export interface HostExit {
  status: Deno.CommandStatus;
  stderrTail: string[];
}

/** Options of `HostProcess`. */
export interface HostProcessOptions<Entry> {
  command: string[];
  settings: HostSettings;
  /** A host started to re-run one job alone after a crash. */
  dedicated: boolean;
  onMessage: (host: HostProcess<Entry>, message: FromHost) => void;
  onExit: (host: HostProcess<Entry>, exit: HostExit) => void;
}

/** A running sandbox host process. */
export class HostProcess<Entry = unknown> {
  /** The jobs sent to it that have not finished, by id. */
  readonly inFlight: Map<number, Entry> = new Map();
  /** When this host last got a job (a sequence number), to spread ties between hosts. */
  lastJob = 0;
  /** Shuts the host down when it stays without work (see `idleHostMs`). */
  idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Hashes of the bundles it already holds. */
  readonly bundles: Set<string> = new Set();
  /** Whether it runs one job alone after a crash. */
  readonly dedicated: boolean;
  /** What it said when it came up; null until then. */
  hello: { pid: number; hostname: string } | null = null;
  /** Set once the executor asked it to stop. */
  closing = false;
  /**
   * Set when it reported that a Worker was stopped mid-task (and may keep spinning, as
   * `Worker.terminate()` cannot stop a busy loop): it gets no new jobs and is retired.
   */
  tainted = false;
  /** Resolves when the process exited and its output was read. */
  readonly exited: Promise<HostExit>;
  #child: Deno.ChildProcess;
  #writer: LineWriter;

  /** Spawns the host and sends it its settings. */
  constructor(options: HostProcessOptions<Entry>) {
    this.dedicated = options.dedicated;
    const token = `@${crypto.randomUUID()}@`;
    const [program, ...args] = options.command;
    const child = new Deno.Command(program, {
      args,
      env: {
        [TOKEN_VARIABLE]: token,
        DENO_V8_FLAGS: `--max-old-space-size=${options.settings.hostMemoryMb}`,
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = new LineWriter(child.stdin);
    this.#child = child;
    this.#writer = writer;
    this.send({ type: "configure", settings: options.settings });
    const stderrTail: string[] = [];
    const reading = Promise.all([
      forEachLine(child.stdout, (line) => {
        const message = decodeFromHost(token, line);
        if (message === null) return;
        if (message.type === "hello") this.hello = { pid: message.pid, hostname: message.hostname };
        options.onMessage(this, message);
      }),
      forEachLine(child.stderr, (line) => {
        stderrTail.push(line);
        if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      }),
    ]);
    this.exited = (async () => {
      const status = await child.status;
      await reading.catch(() => {});
      await writer.close();
      const exit = { status, stderrTail };
      options.onExit(this, exit);
      return exit;
    })();
  }

  /** The process id. */
  get pid(): number {
    return this.#child.pid;
  }

  /** Sends one message (gathered with others sent in the same turn into one write). */
  send(message: ToHost): void {
    this.#writer.writeLine(JSON.stringify(message));
  }

  /** Ends its stdin so it stops its jobs and exits; kills it if it is still there after `graceMs`. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    await this.#writer.close();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), graceMs);
    });
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.kill();
      await this.exited;
    }
  }

  /** Kills the process at once. */
  kill(): void {
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
}
