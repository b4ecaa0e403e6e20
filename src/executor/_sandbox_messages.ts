/**
 * Messages between a sandbox host and one of its sandbox Workers.
 *
 * @module
 */

import type { Connection, JsonObject, JsonValue, TaskContextData, XComValue } from "../core/mod.ts";
import type { CallbackKind, TryOutcome } from "./executor.ts";

/** What the sandbox returns for a task: `RunTaskResult` from the SDK runtime. */
export interface SandboxResult {
  xcoms: { key: string; value: JsonValue }[];
  followed?: string[];
  proceed?: boolean;
}

/** Host → sandbox. */
export type ToSandbox =
  | {
    type: "run";
    /** "task" runs the task; a callback kind runs that callback. */
    mode: "task" | CallbackKind;
    /** The DAG bundle as a `data:` URL. */
    moduleUrl: string;
    dagId: string;
    taskId: string;
    context: TaskContextData;
    renderedFields: JsonObject;
    xcoms: XComValue[];
    /** The connections the task may read with `ctx.connection(id)`. */
    connections: Connection[];
    /** For callbacks: the error that ended the try. */
    error: string | null;
  }
  | { type: "abort"; reason: string }
  /** Import a DAG bundle ahead of its task, off the critical path; its task comes later. */
  | { type: "preload"; moduleUrl: string };

/** Sandbox → host. */
export type FromSandbox =
  | { type: "ready" }
  | { type: "log"; line: string; level: "INFO" | "WARNING" | "ERROR" }
  | { type: "result"; result: SandboxResult }
  | { type: "outcome"; outcome: Exclude<TryOutcome, { status: "success" }> }
  | { type: "exited"; detail: string };
