/**
 * `dag()` and the {@link Dag} it returns: a DAG's settings and tasks while its file is
 * evaluated, and its serialized form.
 *
 * @module
 */

import { type DagDefinition, findCycle, type TaskDefinition } from "../core/mod.ts";
import { attachCallSite, type CallSite, captureCallSite } from "./_call_site.ts";
import { definitionError, fail } from "./_checks.ts";
import { withCurrentDag } from "./_current.ts";
import { isTrustedEvaluation } from "./_evaluation.ts";
import { type DagSettings, defaultArgsOption, normalizeDagOptions } from "./_dag_options.ts";
import { connectionsUsed, variablesUsed } from "./_variables.ts";
import type { TaskNode } from "./task_node.ts";
import type { DagOptions, DefaultArgs } from "./types.ts";

const DAG_BRAND = Symbol.for("updraft.Dag");

/**
 * A DAG: its settings and tasks. Made by {@link dag}; export it from the DAG file (default or
 * named export) for Updraft to find it.
 */
export class Dag {
  /** Marks a Dag across copies of the SDK. */
  readonly [DAG_BRAND] = true;
  /** The DAG's id. */
  readonly dagId: string;
  /** Task options every task of this DAG starts from. */
  readonly defaultArgs: DefaultArgs;
  /** Where `dag()` was called. */
  readonly callSite: CallSite | null;
  readonly #tasks = new Map<string, TaskNode>();
  #options: DagOptions;
  #settings: DagSettings | null;

  /**
   * Use {@link dag} instead: it also runs the build function and checks the result. A trusted
   * evaluation normalizes the options only when `settings` is read (a sandbox never does).
   */
  constructor(options: DagOptions, callSite: CallSite | null = null) {
    this.#options = options;
    this.#settings = isTrustedEvaluation() ? null : normalizeDagOptions(options);
    this.dagId = this.#settings?.dagId ?? options.id;
    this.defaultArgs = isTrustedEvaluation()
      ? options.defaultArgs ?? {}
      : defaultArgsOption(options);
    this.callSite = callSite;
  }

  /** The DAG's settings, checked and normalized. */
  get settings(): DagSettings {
    this.#settings ??= normalizeDagOptions(this.#options);
    return this.#settings;
  }

  /** The tasks, in definition order. */
  get tasks(): TaskNode[] {
    return [...this.#tasks.values()];
  }

  /** The task with this id, if the DAG has one. */
  getTask(taskId: string): TaskNode | undefined {
    return this.#tasks.get(taskId);
  }

  /** Add a task (the builders do this); a duplicate id is a `DefinitionError`. */
  addTask(node: TaskNode): void {
    if (this.#tasks.has(node.taskId)) {
      fail(
        { dagId: this.dagId, taskId: node.taskId },
        "id",
        `duplicate task id: the DAG already has a task "${node.taskId}"`,
      );
    }
    this.#tasks.set(node.taskId, node);
  }

  /** Make `downstream` run after `upstream`; both must be tasks of this DAG. */
  addDependency(upstream: TaskNode, downstream: TaskNode): void {
    for (const node of [upstream, downstream]) {
      if (node.dag !== this || this.#tasks.get(node.taskId) !== node) {
        const [here, there] = node === upstream ? [downstream, upstream] : [upstream, downstream];
        fail(
          { dagId: here.dag.dagId, taskId: here.taskId },
          undefined,
          `cannot depend on task "${there.taskId}" of DAG "${there.dag.dagId}": ` +
            "dependencies must stay within one DAG",
        );
      }
    }
    downstream.upstream.add(upstream.taskId);
  }

  /** Throw a `DefinitionError` when the dependencies form a cycle, printing it `a → b → a`. */
  checkCycles(): void {
    const cycle = findCycle(
      this.tasks.map((node) => ({ taskId: node.taskId, upstream: [...node.upstream] })),
    );
    if (!cycle) return;
    const error = definitionError(
      { dagId: this.dagId },
      undefined,
      `the dependencies form a cycle: ${cycle.join(" → ")}`,
    );
    throw attachCallSite(error, this.callSite);
  }

  /**
   * The DAG as plain JSON, as the loader stores it: tasks in definition order, upstream ids
   * sorted, `defaultArgs` applied. `fileloc` is the file's path relative to the DAG folder.
   */
  toDefinition(fileloc: string): DagDefinition {
    this.checkCycles();
    const owners = [...new Set(this.tasks.map((node) => node.owner).filter((o) => o !== null))];
    const { dagId, owner, ...settings } = this.settings;
    return structuredClone({
      dagId,
      fileloc,
      ...settings,
      owner: owner ?? (owners.length > 0 ? owners.join(", ") : "updraft"),
      tasks: this.tasks.map(serializeTask),
    });
  }
}

function serializeTask(node: TaskNode): TaskDefinition {
  return {
    ...node.settings,
    upstream: [...node.upstream].sort(),
    inputs: node.inputs ?? [],
    variablesUsed: variablesUsed(node.settings.templateFields),
    connectionsUsed: connectionsUsed(node.settings.templateFields),
  };
}

/** Whether `value` is a {@link Dag}, from this copy of the SDK or another. */
export function isDag(value: unknown): value is Dag {
  return typeof value === "object" && value !== null && DAG_BRAND in value;
}

/**
 * Define a DAG. `build` runs at once with this DAG as the current one: the task builders it
 * calls (`task()`, `bash()`, …) add their tasks to it. Export the result from the DAG file.
 *
 * @example
 * ```ts
 * export default dag({ id: "hello", schedule: "@daily", startDate: "2024-01-01" }, () => {
 *   bash({ id: "greet", command: "echo hello {{ ds }}" });
 * });
 * ```
 */
export function dag(options: DagOptions, build: () => void): Dag {
  const created = new Dag(options, captureCallSite());
  if (typeof build !== "function") {
    fail({ dagId: created.dagId }, undefined, "dag() needs a build function as second argument");
  }
  const result: unknown = withCurrentDag(created, build);
  if (result instanceof Promise) {
    fail(
      { dagId: created.dagId },
      undefined,
      "the build function must be synchronous (it returned a Promise)",
    );
  }
  // A trusted evaluation re-runs a bundle the loader checked (cycles included).
  if (!isTrustedEvaluation()) created.checkCycles();
  return created;
}
