/**
 * Turns what went wrong in a parse Worker into an import error: a message naming the file, the
 * line (mapped back from the bundle through its source map), the DAG, the task and the field.
 *
 * @module
 */

import {
  BUNDLE_SOURCE_ROOT,
  mapStack,
  type OriginalPosition,
  originalPosition,
  parseInlineSourceMap,
  stackPositions,
} from "../sdk/runtime/mod.ts";
import type { ParseReply } from "./_parse_protocol.ts";

/** An import error: the message and the line in the DAG file itself, when known. */
export interface ImportProblem {
  message: string;
  line: number | null;
}

type ReplyError = Extract<ParseReply, { ok: false }>["error"];

/** Describe a parse Worker's error for the bundle `code` of the DAG file `fileloc`. */
export function importProblem(error: ReplyError, bundle: { code: string; fileloc: string }) {
  const map = parseInlineSourceMap(bundle.code);
  const positions: OriginalPosition[] = [];
  const add = (position: OriginalPosition | null) => position && positions.push(position);
  const site = error.callSite;
  if (site?.file === "bundle" && map) add(originalPosition(map, site));
  if (site?.file.startsWith(BUNDLE_SOURCE_ROOT)) {
    add({
      source: site.file.slice(BUNDLE_SOURCE_ROOT.length),
      line: site.line,
      column: site.column,
    });
  }
  positions.push(...stackPositions(error.stack ?? "", map));
  const first = positions[0];
  const inFile = positions.find((position) => position.source === bundle.fileloc);
  const where = first ? `${first.source}:${first.line}` : bundle.fileloc;
  let message: string;
  if (error.definition) {
    message = `${where}: ${error.message}`;
  } else {
    message = `${where}: the DAG file failed while it was parsed: ${error.name}: ${error.message}`;
    const frames = error.stack ? userFrames(mapStack(error.stack, { map })) : "";
    if (frames) message += `\n${frames}`;
    if (error.name === "NotCapable" || error.name === "PermissionDenied") {
      message += "\nDAG files are parsed without any permission: read files, the environment " +
        "or the network inside a task (declaring its permissions), not at the top level.";
    }
  }
  return { message, line: inFile?.line ?? null } satisfies ImportProblem;
}

function userFrames(stack: string): string {
  return stack.split("\n")
    .filter((line) =>
      /^\s+at /.test(line) && !/(file:|ext:|data:|updraft-bundle:|bundle:)/.test(line)
    )
    .join("\n");
}
