/**
 * The context data a `ctx` was built from, kept on the `ctx` under a registered symbol so the
 * SDK's own operators (sensors) can read what `ctx` does not show (the DAG's timezone, what the
 * scheduler looked up for a sensor), from this copy of the SDK or another.
 *
 * @module
 */

import type { TaskContextData } from "../core/mod.ts";
import type { TaskContext } from "./types.ts";

const CONTEXT_DATA = Symbol.for("updraft.contextData");

/** Keep `data` on `ctx` (not enumerable, not writable). */
export function attachContextData(ctx: TaskContext, data: TaskContextData): void {
  Object.defineProperty(ctx, CONTEXT_DATA, { value: data, enumerable: false });
}

/** The data `ctx` was built from, or undefined for a `ctx` built some other way. */
export function contextDataOf(ctx: TaskContext): TaskContextData | undefined {
  return (ctx as unknown as Record<symbol, TaskContextData | undefined>)[CONTEXT_DATA];
}
