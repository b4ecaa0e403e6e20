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
export type TaskSettings = Omit<TaskDefinition, "upstream" | "inputs" | "variablesUsed">;

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
  /** The task's settings, defaults and `defaultArgs` applied. */
  readonly settings: TaskSettings;
  /** Callback functions (the definition only records which exist). */
  readonly callbacks: TaskCallbacks;
  /** The owner the task set (directly or through `defaultArgs`), if any. */
  readonly owner: string | null;
  /** The function a sandbox runs for this task; null for bash and empty tasks. */
  readonly run: TaskFunction | null;
  /** Where the builder was called. */
  readonly callSite: CallSite | null;
  /** Direct upstream task ids. */
  readonly upstream: Set<string> = new Set();
  /** TaskFlow inputs once bound (by calling the task's handle). */
  inputs: TaskInput[] | null = null;

  /** @param dag The DAG the task joins. @param init Its normalized parts. */
  constructor(dag: Dag, init: TaskNodeInit) {
    this.dag = dag;
    this.settings = init.settings;
    this.callbacks = init.callbacks;
    this.owner = init.owner;
    this.run = init.run;
    this.callSite = init.callSite;
  }

  /** The task's id. */
  get taskId(): string {
    return this.settings.taskId;
  }

  /** The operator's fields as given (templated ones unrendered), merged for `ctx.fields`. */
  get allFields(): JsonObject {
    return { ...this.settings.fields, ...this.settings.templateFields };
  }
}
