/**
 * The bundler Worker: esbuild's browser build (WebAssembly, in this thread: no subprocess, no
 * Node.js), allowed to read the DAG folder and nothing else. Started on demand by a `DagBundler`,
 * which sends one request at a time and terminates the Worker when it has been idle a while.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import esbuild, { type BuildOptions, type Message } from "esbuild-wasm/lib/browser.js";
import wasmBytes from "esbuild-wasm/esbuild.wasm" with { type: "bytes" };
import { resolve } from "node:path";
import type { BundleMessage, BundleReply, BundleRequest } from "./_bundle_protocol.ts";
import { dagFilesPlugin, VIRTUAL_NAMESPACE, virtualModule } from "./_dag_plugin.ts";
import { LOADERS } from "./_resolve.ts";

/** esbuild, compiled and started once per Worker (begun at once, before the first request). */
const started: Promise<void> = (async () => {
  const wasmModule = await WebAssembly.compile(wasmBytes);
  await esbuild.initialize({ wasmModule, worker: false });
})();
started.catch(() => {}); // reported with each request

const realFolders = new Map<string, Promise<string>>();

self.onmessage = async (event: MessageEvent<BundleRequest>) => {
  self.postMessage(await bundle(event.data));
};

async function bundle(request: BundleRequest): Promise<BundleReply> {
  const { id, folder, file } = request;
  try {
    await started;
  } catch (error) {
    return { id, ok: false, failure: `esbuild did not start: ${describe(error)}` };
  }
  try {
    if (!realFolders.has(folder)) realFolders.set(folder, Deno.realPath(folder));
    const root = { folder, realFolder: await realFolders.get(folder)! };
    const extension = file.slice(file.lastIndexOf(".") + 1);
    const options: BuildOptions & { metafile: true; write: false } = {
      stdin: {
        contents: request.source,
        sourcefile: request.fileloc,
        resolveDir: file.slice(0, file.lastIndexOf("/")) || "/",
        loader: Object.hasOwn(LOADERS, extension) ? LOADERS[extension] : "ts",
      },
      absWorkingDir: folder,
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      sourcemap: "inline",
      sourceRoot: request.sourceRoot,
      sourcesContent: true,
      metafile: true,
      logLevel: "silent",
    };
    const fast = await bundleAlone(request, options);
    if (fast) return fast;
    const result = await esbuild.build({
      ...options,
      plugins: [dagFilesPlugin(request.modules, root)],
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.startsWith(`${VIRTUAL_NAMESPACE}:`))
      .map((input) => resolve(folder, input));
    return { id, ok: true, code: result.outputFiles[0]?.text ?? "", inputs };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) return { id, ok: false, failure: describe(error) };
    const messages = errors.map((message): BundleMessage => ({
      text: message.text,
      location: message.location
        ? {
          file: message.location.file,
          line: message.location.line,
          column: message.location.column,
        }
        : null,
    }));
    return { id, ok: false, messages };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Marks Updraft's modules in esbuild's output; no import path of a DAG file starts with it. */
const SENTINEL = "updraft-module-7f3a9c1e:";

/**
 * The fast path, for a DAG file that imports only Updraft's modules (most do): no esbuild
 * plugin, whose every call crosses between WebAssembly and JavaScript (a build then takes
 * ~12 ms instead of ~29 ms). Updraft's modules stay external under a sentinel name, then become
 * small `data:` modules reading the SDK from the sandbox's global. Returns null to take the
 * plugin path: the file imports another file (or anything else), or esbuild reported an error
 * (the plugin path reports it in full).
 */
async function bundleAlone(
  request: BundleRequest,
  options: BuildOptions & { metafile: true; write: false },
): Promise<BundleReply | null> {
  const names = Object.keys(request.modules);
  let result;
  try {
    result = await esbuild.build({
      ...options,
      alias: Object.fromEntries(names.map((name) => [name, SENTINEL + name])),
      external: names.map((name) => SENTINEL + name),
    });
  } catch {
    return null;
  }
  const outputs = Object.values(result.metafile.outputs);
  const imports = outputs.flatMap((output) => output.imports.map((entry) => entry.path));
  if (outputs.length !== 1 || imports.some((path) => !path.startsWith(SENTINEL))) return null;
  let code = result.outputFiles[0]?.text ?? "";
  if (!importsExist(code, request.modules)) return null;
  for (const name of names) {
    const url = `data:text/javascript;base64,${btoa(virtualModule(name, request.modules[name]))}`;
    code = code.replaceAll(JSON.stringify(SENTINEL + name), JSON.stringify(url));
  }
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(request.folder, input));
  return { id: request.id, ok: true, code, inputs };
}

/**
 * Whether every name imported from Updraft's modules exists (esbuild checks that only when the
 * module is bundled). esbuild prints each import of an external module on a line of its own:
 * `import { a, b as c } from "…"` or `import * as d from "…"`; any other form takes the plugin
 * path too.
 */
function importsExist(code: string, modules: Record<string, readonly string[]>): boolean {
  const statement = new RegExp(`^import (.*) from "${SENTINEL}([^"]+)";$`, "gm");
  for (const [, clause, name] of code.matchAll(statement)) {
    if (/^\* as [\w$]+$/.test(clause)) continue;
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (!named) return false;
    const known = new Set(modules[name] ?? []);
    for (const part of named[1].split(",")) {
      const imported = part.trim().split(/\s+as\s+/)[0];
      if (imported && !known.has(imported)) return false;
    }
  }
  return true;
}
