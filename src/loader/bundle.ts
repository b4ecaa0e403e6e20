/**
 * Bundles a DAG file with its relative imports into one ES module (esbuild-wasm), with the SDK
 * import turned into reads of the sandbox's module table. DAG files are never imported by path:
 * a compiled program cannot do that (DESIGN §3).
 *
 * @module
 */

import * as esbuild from "esbuild-wasm";
import { BUNDLE_SOURCE_ROOT, sdkExportNames } from "../sdk/runtime/mod.ts";
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
  /** The DAG folder (file locations are relative to it). */
  folder: string;
  /**
   * Module names DAG files may import, each with its export names; default `{ updraft: <the
   * SDK's exports> }`. Providers add `"@updraft/http"` and the like.
   */
  modules?: Record<string, readonly string[]>;
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

const VIRTUAL_NAMESPACE = "updraft-module";
const LOADERS: Record<string, esbuild.Loader> = {
  ts: "ts",
  tsx: "tsx",
  js: "js",
  mjs: "js",
  jsx: "jsx",
  mts: "ts",
};

let initialized: Promise<void> | null = null;

/** Start esbuild once per process (in this thread: no esbuild worker). */
function initializeEsbuild(): Promise<void> {
  initialized ??= esbuild.initialize({ worker: false });
  return initialized;
}

/**
 * Bundle the DAG file at `path` (absolute, or relative to the working directory). Throws a
 * {@link BundleError} naming the file, line and column of the first problem.
 */
export async function bundleDagFile(path: string, options: BundleOptions): Promise<DagFileBundle> {
  const folder = absolutePath(options.folder);
  const file = absolutePath(path);
  const fileloc = relativePath(folder, file);
  const source = await Deno.readTextFile(file).catch((error: Error) => {
    throw new BundleError(`${fileloc}: cannot read the DAG file: ${error.message}`, {
      file: fileloc,
      line: null,
    });
  });
  const modules = options.modules ?? { updraft: sdkExportNames() };
  await initializeEsbuild();
  let result: esbuild.BuildResult<{ metafile: true; write: false }>;
  try {
    result = await esbuild.build({
      stdin: {
        contents: source,
        sourcefile: fileloc,
        resolveDir: file.slice(0, file.lastIndexOf("/")) || "/",
        loader: LOADERS[file.slice(file.lastIndexOf(".") + 1)] ?? "ts",
      },
      absWorkingDir: folder,
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      sourcemap: "inline",
      sourceRoot: BUNDLE_SOURCE_ROOT,
      sourcesContent: true,
      metafile: true,
      logLevel: "silent",
      plugins: [modulesPlugin(modules)],
    });
  } catch (error) {
    throw toBundleError(error, fileloc);
  }
  const code = result.outputFiles[0]?.text ?? "";
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith(`${VIRTUAL_NAMESPACE}:`))
    .map((input) => absolutePath(input, folder));
  return { fileloc, source, code, bundleHash: await sha256Hex(code), inputs };
}

/** Resolve the allowed module names to virtual modules reading the sandbox's module table. */
function modulesPlugin(modules: Record<string, readonly string[]>): esbuild.Plugin {
  return {
    name: "updraft-modules",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (Object.hasOwn(modules, args.path)) {
          return { path: args.path, namespace: VIRTUAL_NAMESPACE };
        }
        const allowed = Object.keys(modules).map((name) => `"${name}"`).join(", ");
        return {
          errors: [{
            text: `cannot import "${args.path}": DAG files may import ${allowed} and ` +
              "relative files only (./helpers.ts)",
          }],
        };
      });
      build.onLoad({ filter: /.*/, namespace: VIRTUAL_NAMESPACE }, (args) => ({
        contents: virtualModule(args.path, modules[args.path]),
        loader: "js",
      }));
    },
  };
}

function virtualModule(name: string, exportNames: readonly string[]): string {
  const lines = [
    `const namespace = globalThis[Symbol.for("updraft.modules")]?.[${JSON.stringify(name)}];`,
    `if (!namespace) throw new Error(${
      JSON.stringify(`the module "${name}" is not installed in this sandbox`)
    });`,
  ];
  for (const exportName of exportNames) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(exportName)) continue;
    lines.push(`export const ${exportName} = namespace[${JSON.stringify(exportName)}];`);
  }
  return lines.join("\n");
}

function toBundleError(error: unknown, fileloc: string): BundleError {
  const messages = (error as { errors?: esbuild.Message[] }).errors;
  const first = messages?.[0];
  if (!first) {
    return new BundleError(`${fileloc}: cannot bundle the DAG file: ${String(error)}`, {
      file: fileloc,
      line: null,
    });
  }
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
