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
 * ~12 ms instead of ~29 ms). Updraft's modules stay external under a sentinel name, then their
 * imports become declarations reading the SDK from the sandbox's global. Returns null to take the
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
  const code = inlineImports(result.outputFiles[0]?.text ?? "", request.modules);
  if (code === null) return null;
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(request.folder, input));
  return { id: request.id, ok: true, code, inputs };
}

/**
 * Turn each import of an Updraft module into a declaration reading the module from the
 * sandbox's global, on the same line (the source map stays right): no import is left, so the
 * parse Worker can run the bundle as a classic script under its time limit (`_script.ts`).
 * esbuild prints each import of an external module on a line of its own, as
 * `import { a, b as c } from "…"` or `import * as d from "…"`; any other form, or a name the
 * module does not export (esbuild checks names only when the module is bundled), returns null
 * and the plugin path reports it.
 */
function inlineImports(code: string, modules: Record<string, readonly string[]>): string | null {
  const statement = new RegExp(`^import (.*) from "${SENTINEL}([^"]+)";$`, "gm");
  let failed = false;
  const inlined = code.replace(statement, (_, clause: string, name: string) => {
    const source = `globalThis[Symbol.for("updraft.modules")]?.[${JSON.stringify(name)}]`;
    const missing = JSON.stringify(`the module "${name}" is not installed in this sandbox`);
    const module = `(${source} ?? (() => { throw new Error(${missing}); })())`;
    const namespace = /^\* as ([\w$]+)$/.exec(clause);
    if (namespace) return `const ${namespace[1]} = ${module};`;
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (!named) {
      failed = true;
      return "";
    }
    const known = new Set(modules[name] ?? []);
    const bindings = named[1].split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
      const [imported, local = imported] = part.split(/\s+as\s+/);
      if (!known.has(imported)) failed = true;
      return local === imported ? imported : `${imported}: ${local}`;
    });
    return `const { ${bindings.join(", ")} } = ${module};`;
  });
  return failed || inlined.includes(SENTINEL) ? null : inlined;
}
