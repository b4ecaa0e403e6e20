/**
 * The bundler Worker: esbuild's browser build (WebAssembly, in this thread: no subprocess, no
 * Node.js), allowed to read the DAG folder and nothing else. Started on demand by a `DagBundler`,
 * which sends one request at a time and terminates the Worker when it has been idle a while.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import esbuild, { type Message } from "esbuild-wasm/lib/browser.js";
import wasmBytes from "esbuild-wasm/esbuild.wasm" with { type: "bytes" };
import { resolve } from "node:path";
import type { BundleMessage, BundleReply, BundleRequest } from "./_bundle_protocol.ts";
import { dagFilesPlugin, VIRTUAL_NAMESPACE } from "./_dag_plugin.ts";
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
    const result = await esbuild.build({
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
