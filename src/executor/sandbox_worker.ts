/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
/**
 * The script of a sandbox Worker: one task (or one callback) in a Worker created with exactly
 * the task's permissions. It installs the SDK on the global, keeps every output away from the
 * process's stdout (the host's protocol channel), imports the DAG bundle from a `data:` URL,
 * runs the task through the SDK runtime and posts back log lines and the result.
 *
 * @module
 */

import {
  classifyTaskError,
  installSdkModules,
  runCallback,
  runTask,
  setTrustedEvaluation,
} from "../sdk/runtime/mod.ts";
import type { FromSandbox, ToSandbox } from "./_sandbox_messages.ts";
import { describePermissionDenial } from "./_permissions.ts";
import { PROVIDER_MODULES } from "../../providers/installed.ts";

type Level = "INFO" | "WARNING" | "ERROR";

const post = (message: FromSandbox) => self.postMessage(message);
const log = (line: string, level: Level = "INFO") => post({ type: "log", line, level });

function formatArguments(args: unknown[]): string {
  return args.map((arg) => typeof arg === "string" ? arg : Deno.inspect(arg, { depth: 4 }))
    .join(" ");
}

/** console.* becomes log lines: a Worker's console would write to the host's stdout. */
function redirectConsole(): void {
  const levels: Record<string, Level> = {
    log: "INFO",
    info: "INFO",
    debug: "INFO",
    trace: "INFO",
    dir: "INFO",
    table: "INFO",
    warn: "WARNING",
    error: "ERROR",
  };
  for (const [name, level] of Object.entries(levels)) {
    Object.defineProperty(console, name, {
      value: (...args: unknown[]) => log(formatArguments(args), level),
      configurable: false,
      writable: false,
    });
  }
}

/** Deno.stdout/stderr become log lines and stdin is empty: no task can touch the protocol. */
function redirectStandardStreams(): void {
  const decoder = new TextDecoder();
  const stream = (level: Level) => {
    const write = (bytes: Uint8Array) => {
      const text = decoder.decode(bytes).replace(/\n$/, "");
      if (text) log(text, level);
      return bytes.length;
    };
    return Object.freeze({
      write: (bytes: Uint8Array) => Promise.resolve(write(bytes)),
      writeSync: write,
      writable: new WritableStream<Uint8Array>({ write: (bytes) => void write(bytes) }),
      isTerminal: () => false,
      close: () => {},
    });
  };
  for (const [name, level] of [["stdout", "INFO"], ["stderr", "ERROR"]] as const) {
    Object.defineProperty(Deno, name, { value: stream(level), configurable: false });
  }
  // The host's stdin carries the executor's messages: a task reading it would steal them.
  const empty = Object.freeze({
    read: () => Promise.resolve(null),
    readSync: () => null,
    readable: new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }),
    isTerminal: () => false,
    setRaw: () => {},
    close: () => {},
  });
  Object.defineProperty(Deno, "stdin", { value: empty, configurable: false });
}

/** Deno.exit() and close() end a Worker silently: tell the host first. */
/** The Worker's own close, kept before a task can replace it. */
const closeSandbox = self.close.bind(self);

function reportExits(): void {
  const exit = Deno.exit;
  Object.defineProperty(Deno, "exit", {
    value: (code?: number) => {
      post({ type: "exited", detail: `the task called Deno.exit(${code ?? ""})` });
      exit(code);
    },
    configurable: false,
  });
  const close = self.close.bind(self);
  Object.defineProperty(self, "close", {
    value: () => {
      post({ type: "exited", detail: "the task called close()" });
      close();
    },
    configurable: false,
  });
}

function failure(error: unknown): FromSandbox {
  const denial = describePermissionDenial(error);
  if (denial !== null) {
    log(denial, "ERROR");
    return { type: "outcome", outcome: { status: "failed", error: denial, noRetry: false } };
  }
  // The host logs the outcome (with the mapped stack) when the try ends.
  return { type: "outcome", outcome: classifyTaskError(error) };
}

const controller = new AbortController();
let started = false;

async function run(message: Extract<ToSandbox, { type: "run" }>): Promise<FromSandbox> {
  let moduleExports: Record<string, unknown>;
  try {
    moduleExports = await import(message.moduleUrl);
  } catch (error) {
    const denial = describePermissionDenial(error);
    if (denial !== null) return failure(error);
    return {
      type: "outcome",
      outcome: {
        status: "failed",
        error: `Importing the DAG file failed: ${error instanceof Error ? error.message : error}`,
        noRetry: false,
      },
    };
  }
  const request = {
    dagId: message.dagId,
    taskId: message.taskId,
    context: message.context,
    renderedFields: message.renderedFields,
    xcoms: message.xcoms,
    connections: message.connections,
    signal: controller.signal,
  };
  const hooks = { log: (line: string) => log(line) };
  try {
    if (message.mode === "task") {
      return { type: "result", result: await runTask(moduleExports, request, hooks) };
    }
    await runCallback(
      moduleExports,
      { ...request, kind: message.mode, error: message.error },
      hooks,
    );
    return { type: "result", result: { xcoms: [] } };
  } catch (error) {
    return failure(error);
  }
}

self.onmessage = async (event: MessageEvent<ToSandbox>) => {
  const message = event.data;
  if (message.type === "abort") {
    controller.abort(new DOMException(message.reason, "AbortError"));
    return;
  }
  if (message.type === "preload") {
    // The module is cached by its URL: the task's own import finds it (or its error) later.
    import(message.moduleUrl).catch(() => {});
    return;
  }
  if (started) return;
  started = true;
  post(await run(message));
  // Done: end this Worker from its own thread, so its teardown never lands on the host's.
  closeSandbox();
};

redirectConsole();
redirectStandardStreams();
reportExits();
installSdkModules(PROVIDER_MODULES);
setTrustedEvaluation(true);
post({ type: "ready" });
