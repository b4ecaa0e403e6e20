/**
 * The esbuild plugin of the bundler Worker: module names such as `updraft` become virtual
 * modules reading the sandbox's module table; relative imports are resolved and read here,
 * inside the DAG folder only (esbuild's browser build has no file system of its own).
 *
 * @module
 */

import type { Plugin } from "esbuild-wasm/lib/browser.js";
import { dirname, relative } from "node:path";
import { type ImportRoot, loaderOf, resolveImport } from "./_resolve.ts";

/** The esbuild namespace of the virtual modules (left out of a bundle's inputs). */
export const VIRTUAL_NAMESPACE = "updraft-module";

/**
 * The plugin for one build: `modules` are the names DAG files may import (with their export
 * names); `root` is the DAG folder no import may leave.
 */
export function dagFilesPlugin(
  modules: Record<string, readonly string[]>,
  root: ImportRoot,
): Plugin {
  return {
    name: "updraft-dag-files",
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
      build.onResolve({ filter: /^[./]/ }, async (args) => {
        const resolved = await resolveImport(args.path, args.resolveDir, root);
        if ("error" in resolved) return { errors: [{ text: resolved.error }] };
        if (!loaderOf(resolved.path)) {
          const name = relative(root.folder, resolved.path);
          const extension = /\.[^./]*$/.exec(name)?.[0] ?? "(none)";
          return {
            errors: [{ text: `No loader is configured for "${extension}" files: ${name}` }],
          };
        }
        return { path: resolved.path, suffix: resolved.suffix, namespace: "file" };
      });
      build.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        const loader = loaderOf(args.path) ?? "js";
        try {
          return {
            contents: await Deno.readTextFile(args.path),
            loader,
            resolveDir: dirname(args.path),
          };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return {
            errors: [{ text: `cannot read ${relative(root.folder, args.path)}: ${reason}` }],
          };
        }
      });
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
