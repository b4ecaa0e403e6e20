/**
 * The messages between `parseDagFile` and its parse Worker.
 *
 * @module
 */

import type { DagDefinition } from "../core/mod.ts";
import type { CallSite } from "../sdk/runtime/mod.ts";

/**
 * Host → worker: the bundle as a data: URL and, when it could be made, as a script (evaluated
 * under a time limit that, unlike `Worker.terminate()`, stops busy loops).
 */
export interface ParseRequest {
  url: string;
  script: string | null;
  fileloc: string;
  timeoutMs: number;
}

/**
 * Worker → host: the definitions (untrusted until validated), or the error; `reusable` when the
 * file left the Worker clean, so it may parse another file.
 */
export type ParseReply =
  | { ok: true; dags: DagDefinition[]; reusable?: boolean }
  | {
    ok: false;
    reusable?: boolean;
    error: {
      name: string;
      message: string;
      stack: string | null;
      /** Where the definition the error is about was written (`file: "bundle"` for the bundle). */
      callSite?: CallSite;
      /** Whether it is a `DefinitionError` (its message already says DAG, task and field). */
      definition?: boolean;
      /** Whether the script's time limit stopped it. */
      timedOut?: boolean;
    };
  };
