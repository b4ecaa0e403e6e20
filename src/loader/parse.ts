/**
 * `parseDagFile`: bundle a DAG file, evaluate it in a Worker with no permissions and a time
 * limit, validate the definitions it reports. Every failure becomes an import error; nothing is
 * thrown past the loader.
 *
 * @module
 */

import { formatDuration, type ParsedFile } from "../core/mod.ts";
import { bundleDagFile, BundleError, type BundleOptions } from "./bundle.ts";
import { importProblem } from "./_import_error.ts";
import type { ParseReply, ParseRequest } from "./_parse_protocol.ts";
import { absolutePath, relativePath } from "./_paths.ts";
import { bundleAsScript } from "./_script.ts";
import { validateDefinitions } from "./schema.ts";
import { type ParseWorker, type ParseWorkers, startParseWorker } from "./parse_workers.ts";

/** Options of {@link parseDagFile}. */
export interface ParseOptions extends BundleOptions {
  /** How long the file's top-level code may run (default 30 s). */
  timeoutMs?: number;
  /** Parse Workers to reuse across files; without them, a fresh Worker parses this file. */
  workers?: ParseWorkers;
}

/** A parsed file and the files its bundle was built from (for re-parsing on helper changes). */
export interface ParseOutcome {
  parsed: ParsedFile;
  /** Absolute paths; just the DAG file itself when bundling failed. */
  inputs: string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;
const HOST_GRACE_MS = 1_000;

/**
 * Parse one DAG file of the DAG folder. Returns its bundle and DAG definitions, or an import
 * error (`ok: false`) whose message names the file, the line, the DAG, the task and the field
 * where known.
 */
export async function parseDagFile(path: string, options: ParseOptions): Promise<ParsedFile> {
  return (await parseDagFileWithInputs(path, options)).parsed;
}

/** {@link parseDagFile}, also returning the bundle's input files. */
export async function parseDagFileWithInputs(
  path: string,
  options: ParseOptions,
): Promise<ParseOutcome> {
  const file = absolutePath(path);
  const fileloc = relativePath(absolutePath(options.folder), file);
  const failed = (message: string, line: number | null): ParseOutcome => ({
    parsed: { fileloc, ok: false, message, line },
    inputs: [file],
  });
  let bundle;
  try {
    bundle = await bundleDagFile(file, options);
  } catch (error) {
    if (error instanceof BundleError) {
      return failed(error.message, error.file === fileloc ? error.line : null);
    }
    return failed(`${fileloc}: cannot bundle the DAG file: ${String(error)}`, null);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const evaluationStarted = performance.now();
  const outcome = await evaluate({
    url: dataUrl(bundle.code),
    script: bundleAsScript(bundle.code),
    fileloc,
    timeoutMs,
  }, options.workers);
  // A Worker that died once its time was up was stopped by the limit (V8 interrupted it at an
  // unlucky moment): that is a timeout too, not a crash of the DAG file.
  const diedLate = outcome.kind === "crash" && performance.now() - evaluationStarted >= timeoutMs;
  if (
    outcome.kind === "timeout" || diedLate ||
    (outcome.kind === "reply" && outcome.reply.ok === false && outcome.reply.error.timedOut)
  ) {
    return failed(
      `${fileloc}: timed out after ${formatDuration(timeoutMs)} while parsing ` +
        "(does the top-level code loop or wait forever?)",
      null,
    );
  }
  if (outcome.kind === "crash") {
    return failed(`${fileloc}: the DAG file crashed while it was parsed: ${outcome.message}`, null);
  }
  const reply = outcome.reply;
  if (!reply.ok) {
    const problem = importProblem(reply.error, bundle);
    return { ...failed(problem.message, problem.line), inputs: bundle.inputs };
  }
  const checked = validateDefinitions(reply.dags, fileloc);
  if (!checked.ok) {
    return { ...failed(`${fileloc}: ${checked.message}`, null), inputs: bundle.inputs };
  }
  const { source, code, bundleHash } = bundle;
  return {
    parsed: {
      fileloc,
      ok: true,
      bundle: { bundleHash, fileloc, source, code },
      dags: checked.dags,
    },
    inputs: bundle.inputs,
  };
}

type Evaluation =
  | { kind: "reply"; reply: ParseReply }
  | { kind: "timeout" }
  | { kind: "crash"; message: string };

/**
 * Evaluate a bundle in a permission-less Worker: a pooled one when `workers` are given (handed
 * back when the file left it clean), else a fresh one; terminated in every other case. The
 * worker enforces the time limit on the top-level code itself; the host's timer (a little later)
 * catches what it cannot, such as a top-level `await` that never settles.
 */
async function evaluate(request: ParseRequest, workers?: ParseWorkers): Promise<Evaluation> {
  const entry: ParseWorker = workers?.take() ?? startParseWorker();
  const { worker } = entry;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reusable = false;
  try {
    return await new Promise<Evaluation>((resolve) => {
      timer = setTimeout(() => resolve({ kind: "timeout" }), request.timeoutMs + HOST_GRACE_MS);
      worker.onmessage = (event: MessageEvent<ParseReply>) => {
        reusable = event.data.reusable === true;
        resolve({ kind: "reply", reply: event.data });
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        resolve({ kind: "crash", message: event.message || "unknown error" });
      };
      worker.onmessageerror = () => {
        resolve({ kind: "crash", message: "its result could not be read" });
      };
      worker.postMessage(request);
    });
  } finally {
    clearTimeout(timer);
    if (workers) workers.giveBack(entry, reusable);
    else worker.terminate();
  }
}

/** A `data:` URL holding JavaScript `code` (UTF-8, Base64). */
export function dataUrl(code: string): string {
  const bytes = new TextEncoder().encode(code);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return `data:text/javascript;base64,${btoa(binary)}`;
}
