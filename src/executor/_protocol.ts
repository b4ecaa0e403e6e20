/**
 * The protocol between the executor and its sandbox host processes: newline-delimited JSON on
 * the host's stdin and stdout. Every line the host writes starts with a secret token the
 * executor gave it, so stray output can never pass for a message.
 *
 * @module
 */

import type { JsonObject, JsonValue } from "../core/mod.ts";
import type { CallbackJob, TaskJob, TryOutcome } from "./executor.ts";

/** The environment variable that carries the token to the host (removed at once). */
export const TOKEN_VARIABLE = "UPDRAFT_EXECUTOR_HOST_TOKEN";

/** What a host needs to know before its first job. */
export interface HostSettings {
  logsFolder: string;
  xcomMaxBytes: number;
  prebootedSandboxes: number;
  hostMemoryMb: number;
  /** Where bash tasks get their working directories; null: the OS temp dir. */
  workRoot: string | null;
}

/** Executor → host. Jobs travel without their bundle code, sent once per host as `bundle`. */
export type ToHost =
  | { type: "configure"; settings: HostSettings }
  | { type: "bundle"; hash: string; code: string }
  | { type: "run"; id: number; job: TaskJob }
  | { type: "callback"; id: number; callback: CallbackJob }
  | { type: "cancel"; id: number; reason: string };

/**
 * Host → executor. `tainted`: a Worker sandbox was stopped before its task finished, and
 * `Worker.terminate()` cannot stop a thread stuck in a busy loop, so this host may keep a
 * spinning thread for as long as it lives; the executor sends it no new jobs and retires it.
 */
export type FromHost =
  | { type: "hello"; pid: number; hostname: string }
  | { type: "tainted" }
  | { type: "started"; id: number; at: number; renderedFields: JsonObject | null }
  | {
    type: "finished";
    id: number;
    at: number;
    outcome: TryOutcome;
    xcoms: { key: string; value: JsonValue }[];
    followed?: string[];
    proceed?: boolean;
    renderedFields: JsonObject | null;
  };

/** Encodes a host message as one protocol line (without its newline). */
export function encodeFromHost(token: string, message: FromHost): string {
  return token + JSON.stringify(message);
}

/** Decodes a protocol line from a host; null when it is not one (stray output). */
export function decodeFromHost(token: string, line: string): FromHost | null {
  if (!line.startsWith(token)) return null;
  try {
    return JSON.parse(line.slice(token.length)) as FromHost;
  } catch {
    return null;
  }
}
