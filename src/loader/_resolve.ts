/**
 * How the bundler Worker finds the file a relative import names, the way esbuild's own resolver
 * does (esbuild's browser build has no file system): the exact file, then with an extension
 * added, then TypeScript's `.js` → `.ts` rewriting, then a folder's `index` file. No import may
 * leave the DAG folder, not even through a symbolic link.
 *
 * @module
 */

import { isAbsolute, resolve } from "node:path";

/** esbuild's loader for each file extension DAG files may import. */
export const LOADERS: Readonly<Record<string, "ts" | "tsx" | "js" | "jsx" | "json" | "text">> = {
  ts: "ts",
  mts: "ts",
  cts: "ts",
  tsx: "tsx",
  js: "js",
  mjs: "js",
  cjs: "js",
  jsx: "jsx",
  json: "json",
  txt: "text",
  sql: "text",
};

const ADDED_EXTENSIONS = [".tsx", ".ts", ".jsx", ".js", ".json"];
const REWRITTEN_EXTENSIONS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".ts", ".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** The folder imports must stay in: as given, and with its symbolic links resolved. */
export interface ImportRoot {
  folder: string;
  realFolder: string;
}

/** A resolved import (`suffix`: a `?query` or `#hash` kept on the path), or why it failed. */
export type Resolution = { path: string; suffix: string } | { error: string };

/** Resolve the relative or absolute import `specifier` written in a file of `resolveDir`. */
export async function resolveImport(
  specifier: string,
  resolveDir: string,
  root: ImportRoot,
): Promise<Resolution> {
  const cut = specifier.search(/[?#]/);
  const base = cut < 0 ? specifier : specifier.slice(0, cut);
  const suffix = cut < 0 ? "" : specifier.slice(cut);
  const target = isAbsolute(base) ? resolve(base) : resolve(resolveDir, base);
  if (!isInside(target, root.folder)) return outside(specifier, target);
  const found = await findFile(target);
  if (!found) return { error: `Could not resolve "${specifier}"` };
  const real = await Deno.realPath(found);
  if (!isInside(real, root.realFolder)) return outside(specifier, real);
  return { path: found, suffix };
}

/** The loader for `path` by its extension, or null when DAG files may not import such files. */
export function loaderOf(path: string): (typeof LOADERS)[string] | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && Object.hasOwn(LOADERS, name.slice(dot + 1))
    ? LOADERS[name.slice(dot + 1)]
    : null;
}

/** Whether the absolute `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const root = folder.endsWith("/") ? folder : `${folder}/`;
  return path === folder || path.startsWith(root);
}

function outside(specifier: string, target: string): Resolution {
  return {
    error: `cannot import "${specifier}": imports outside the DAG folder are not allowed ` +
      `(it resolves to ${target})`,
  };
}

async function findFile(target: string): Promise<string | null> {
  const candidates = [target, ...ADDED_EXTENSIONS.map((extension) => target + extension)];
  const extension = /\.[^./]+$/.exec(target)?.[0] ?? "";
  for (const replacement of REWRITTEN_EXTENSIONS[extension] ?? []) {
    candidates.push(target.slice(0, -extension.length) + replacement);
  }
  candidates.push(...ADDED_EXTENSIONS.map((added) => `${target}/index${added}`));
  for (const candidate of candidates) {
    if (await isFile(candidate)) return candidate;
  }
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}
