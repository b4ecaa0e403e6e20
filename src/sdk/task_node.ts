/**
 * A task as the SDK holds it while a DAG file is evaluated: its normalized settings, its edges,
 * its TaskFlow inputs, and the code it runs. The runtime reads these to run a task.
 *
 * @module
 */

import type { JsonObject, TaskDefinition, TaskInput } from "../core/mod.ts";
import type { CallSite } from "./_call_site.ts";
import type { Dag } from "./dag.ts";
import type { TaskCallback, TaskContext } from "./types.ts";

/** The code of a task: called with its context and its resolved TaskFlow inputs. */
export type TaskFunction = (ctx: TaskContext, ...inputs: unknown[]) => unknown;

/** A task's settings as they serialize, except what the DAG derives (edges, inputs, variables). */
export type TaskSettings = Omit<
  TaskDefinition,
  "upstream" | "inputs" | "variablesUsed" | "connectionsUsed"
>;

/** The callbacks of a task, after `defaultArgs` were applied. */
export interface TaskCallbacks {
  onFailure?: TaskCallback;
  onSuccess?: TaskCallback;
  onRetry?: TaskCallback;
}

/** What a builder hands to {@link TaskNode}'s constructor. */
export interface TaskNodeInit {
  settings: TaskSettings;
  callbacks: TaskCallbacks;
  owner: string | null;
  run: TaskFunction | null;
  callSite: CallSite | null;
}

/** One task of a {@link Dag}. Created by the builders (`task()`, `bash()`, …), never directly. */
export class TaskNode {
  /** The DAG the task belongs to. */
  readonly dag: Dag;
  /** The task's id. */
  readonly taskId: string;
  /** Direct upstream task ids. */
  readonly upstream: Set<string> = new Set();
  /** TaskFlow inputs once bound (by calling the task's handle). */
  inputs: TaskInput[] | null = null;
  #init: TaskNodeInit | null;
  #build: (() => TaskNodeInit) | null;

  /**
   * @param dag The DAG the task joins. @param taskId Its (checked) id.
   * @param init Its normalized parts, or a function that builds them when first read (trusted
   * evaluation defers that work: most tasks of a re-evaluated DAG are never read).
   */
  constructor(dag: Dag, taskId: string, init: TaskNodeInit | (() => TaskNodeInit)) {
    this.dag = dag;
    this.taskId = taskId;
    this.#init = typeof init === "function" ? null : init;
    this.#build = typeof init === "function" ? init : null;
  }

  #parts(): TaskNodeInit {
    if (this.#init === null) {
      this.#init = this.#build!();
      this.#build = null;
    }
    return this.#init;
  }

  /** The task's settings, defaults and `defaultArgs` applied. */
  get settings(): TaskSettings {
    return this.#parts().settings;
  }

  /** Callback functions (the definition only records which exist). */
  get callbacks(): TaskCallbacks {
    return this.#parts().callbacks;
  }

  /** The owner the task set (directly or through `defaultArgs`), if any. */
  get owner(): string | null {
    return this.#parts().owner;
  }

  /** The function a sandbox runs for this task; null for bash and empty tasks. */
  get run(): TaskFunction | null {
    return this.#parts().run;
  }

  /** Where the builder was called. */
  get callSite(): CallSite | null {
    return this.#parts().callSite;
  }

  /** The operator's fields as given (templated ones unrendered), merged for `ctx.fields`. */
  get allFields(): JsonObject {
    return { ...this.settings.fields, ...this.settings.templateFields };
  }
}
