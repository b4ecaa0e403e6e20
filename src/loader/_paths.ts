/**
 * Paths of DAG files: absolute on disk, relative to the DAG folder (with forward slashes) in
 * definitions and messages.
 *
 * @module
 */

import { isAbsolute, relative, resolve, sep } from "node:path";

/** `path` made absolute against `base` (default: the working directory). */
export function absolutePath(path: string, base?: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(base ?? Deno.cwd(), path);
}

/** `file` relative to `folder`, with forward slashes. */
export function relativePath(folder: string, file: string): string {
  return relative(folder, file).split(sep).join("/");
}

/**
 * Whether a path relative to the DAG folder names a DAG file: `.ts`, `.tsx`, `.js` or `.mjs`,
 * with no part of the path starting with `_` or `.` (those are helpers and hidden files).
 */
export function isDagFile(fileloc: string): boolean {
  if (!/\.(ts|tsx|js|mjs)$/.test(fileloc) || /\.d\.ts$/.test(fileloc)) return false;
  return fileloc.split("/").every((part) => part !== "" && !/^[_.]/.test(part));
}
