/**
 * Bundles a DAG file with its relative imports into one ES module, with the SDK import turned
 * into reads of the sandbox's module table. The build runs in a bundler Worker (esbuild's
 * WebAssembly build, see `DagBundler`), never in a subprocess. DAG files are never imported by
 * path: a compiled program cannot do that (DESIGN §3).
 *
 * @module
 */

import { BUNDLE_SOURCE_ROOT, sdkExportNames } from "../sdk/runtime/mod.ts";
import { providerExportNames } from "../../providers/installed.ts";
import type { BundleMessage } from "./_bundle_protocol.ts";
import { DagBundler } from "./bundler.ts";
import { absolutePath, relativePath } from "./_paths.ts";

/** A DAG file bundled: what the store keeps and the sandboxes import. */
export interface DagFileBundle {
  /** The file relative to the DAG folder, with forward slashes. */
  fileloc: string;
  /** The DAG file's text as bundled. */
  source: string;
  /** The ES module: the DAG file and its relative imports, with an inline source map. */
  code: string;
  /** Hex SHA-256 of `code`. */
  bundleHash: string;
  /** Absolute paths of every file the bundle was built from (the DAG file included). */
  inputs: string[];
}

/** Options of {@link bundleDagFile}. */
export interface BundleOptions {
  /** The DAG folder (file locations are relative to it; no import may leave it). */
  folder: string;
  /**
   * Module names DAG files may import, each with its export names; default `{ updraft: <the
   * SDK's exports> }`. Providers add `"@updraft/http"` and the like.
   */
  modules?: Record<string, readonly string[]>;
  /**
   * The bundler Worker to use (its folder must be `folder`). Default: one shared bundler, for
   * the folder of the latest call, released after `bundlerIdleMs` without requests.
   */
  bundler?: DagBundler;
  /** How long the shared bundler's Worker lives without requests (default 30 s). */
  bundlerIdleMs?: number;
}

/** Bundling failed: a syntax error, a missing import, a forbidden import. */
export class BundleError extends Error {
  /** The file the first error is in, relative to the DAG folder, when known. */
  readonly file: string | null;
  /** Its 1-based line, when known. */
  readonly line: number | null;

  /** @param message Says what failed, where. */
  constructor(message: string, location: { file: string | null; line: number | null }) {
    super(message);
    this.name = "BundleError";
    this.file = location.file;
    this.line = location.line;
  }
}

let shared: DagBundler | null = null;

/** The shared bundler; one for another folder or idle time is closed once its work is done. */
function sharedBundler(folder: string, idleMs: number | undefined): DagBundler {
  if (shared && (shared.folder !== folder || (idleMs !== undefined && shared.idleMs !== idleMs))) {
    void shared.close();
    shared = null;
  }
  shared ??= new DagBundler(folder, { idleMs });
  return shared;
}

/**
 * Bundle the DAG file at `path` (absolute, or relative to the working directory). Throws a
 * {@link BundleError} naming the file, line and column of the first problem.
 */
export async function bundleDagFile(path: string, options: BundleOptions): Promise<DagFileBundle> {
  const folder = absolutePath(options.folder);
  const file = absolutePath(path);
  const fileloc = relativePath(folder, file);
  const cannot = (reason: string) =>
    new BundleError(`${fileloc}: cannot bundle the DAG file: ${reason}`, {
      file: fileloc,
      line: null,
    });
  const source = await Deno.readTextFile(file).catch((error: Error) => {
    throw new BundleError(`${fileloc}: cannot read the DAG file: ${error.message}`, {
      file: fileloc,
      line: null,
    });
  });
  const bundler = options.bundler ?? sharedBundler(folder, options.bundlerIdleMs);
  if (bundler.folder !== folder) {
    throw cannot(`the bundler given is for the folder ${bundler.folder}, not ${folder}`);
  }
  const reply = await bundler.request({
    file,
    fileloc,
    source,
    modules: options.modules ?? { updraft: sdkExportNames(), ...providerExportNames() },
    sourceRoot: BUNDLE_SOURCE_ROOT,
  }).catch((error: Error) => {
    throw cannot(error.message);
  });
  if (!reply.ok) {
    throw "failure" in reply ? cannot(reply.failure) : toBundleError(reply.messages, fileloc);
  }
  const { code, inputs } = reply;
  return { fileloc, source, code, bundleHash: await sha256Hex(code), inputs };
}

function toBundleError(messages: BundleMessage[], fileloc: string): BundleError {
  const [first] = messages;
  const location = first.location;
  const where = location ? `${location.file}:${location.line}:${location.column + 1}` : fileloc;
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more errors)` : "";
  return new BundleError(`${where}: ${first.text}${more}`, {
    file: location?.file ?? null,
    line: location?.line ?? null,
  });
}

/** Hex SHA-256 of a text's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
