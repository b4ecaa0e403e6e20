/**
 * Stack traces of bundled DAG code, mapped back to the user's files. Bundles carry an inline
 * source map whose `sourceRoot` is {@link BUNDLE_SOURCE_ROOT}: when a bundle runs as a module,
 * Deno maps its frames itself (`at load (dags:///etl.ts:12:5)`); when it runs as a script named
 * {@link BUNDLE_SCRIPT_NAME} (the parse worker), or when positions come from V8's structured
 * call sites, the positions are the bundle's own and are mapped through the source map here.
 *
 * @module
 */

import { type OriginalPosition, originalPosition, type SourceMap } from "./source_map.ts";

/** The `sourceRoot` of bundles' source maps: frames read `dags:///<file relative to the folder>`. */
export const BUNDLE_SOURCE_ROOT = "dags:///";

/** The file name a bundle evaluated as a script carries in stack traces. */
export const BUNDLE_SCRIPT_NAME = "updraft-bundle";

const FRAME =
  /(?:dags:\/\/\/([^\s()]+?)|updraft-bundle|data:text\/javascript;base64,[A-Za-z0-9+/=.]+):(\d+):(\d+)/g;

/**
 * The positions in the user's files of the bundle frames of `stack`, innermost first. `map` is
 * the bundle's source map, needed for frames that carry bundle positions.
 */
export function stackPositions(stack: string, map: SourceMap | null = null): OriginalPosition[] {
  const positions: OriginalPosition[] = [];
  for (const match of stack.matchAll(FRAME)) {
    const position = toOriginal(match, map);
    if (position) positions.push(position);
  }
  return positions;
}

/**
 * Rewrite the frames of `stack` that point into a bundle so they name the original file and
 * line (`at load (etl.ts:12:5)`), and drop the frames outside it (the SDK, the sandbox). A stack
 * without bundle frames is returned unchanged.
 */
export function mapStack(stack: string, options: { map?: SourceMap | null } = {}): string {
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return stack;
  const mapped: string[] = [];
  for (const line of lines.slice(firstFrame)) {
    const rewritten = line.replace(FRAME, (...match) => {
      const position = toOriginal(match as unknown as RegExpExecArray, options.map ?? null);
      return position
        ? `${position.source}:${position.line}:${position.column}`
        : `bundle:${match[2]}:${match[3]}`;
    });
    if (rewritten !== line) mapped.push(rewritten);
  }
  if (mapped.length === 0) return stack;
  return [...lines.slice(0, firstFrame), ...mapped].join("\n");
}

/** Sources of a bundle that are not user files (the virtual `updraft` modules). */
const VIRTUAL_SOURCE = /^updraft-module:/;

function toOriginal(match: RegExpExecArray, map: SourceMap | null): OriginalPosition | null {
  const line = Number(match[2]);
  const column = Number(match[3]);
  const position = match[1] !== undefined
    ? { source: decodeURI(match[1]), line, column }
    : map
    ? originalPosition(map, { line, column })
    : null;
  return position && !VIRTUAL_SOURCE.test(position.source) ? position : null;
}
