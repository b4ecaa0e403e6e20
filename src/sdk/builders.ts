/**
 * The task builders: `task()`, `bash()`, `empty()`, `branch()` and `shortCircuit()`. Each adds a
 * task to the DAG whose build function is running and returns its handle.
 *
 * @module
 */

import { fail, optionalBoolean, show, type Subject } from "./_checks.ts";
import { checkFunction, registerTask, taskSubject } from "./_register.ts";
import { createHandle, type TaskFlowHandle, type TaskHandle } from "./task_handle.ts";
import type { TaskFunction } from "./task_node.ts";

/** Option names the builders accept besides the task options (shared: built once). */
const NO_EXTRA_KEYS: ReadonlySet<string> = new Set();
const BASH_KEYS: ReadonlySet<string> = new Set(["command", "env"]);
const SHORT_CIRCUIT_KEYS: ReadonlySet<string> = new Set(["ignoreDownstreamTriggerRules"]);
import type { TaskContext, TaskOptions } from "./types.ts";

/**
 * A TypeScript task. `fn` receives the context and the task's TaskFlow inputs; its return value
 * (JSON) becomes the XCom `return_value` (`undefined`/`null` stores nothing). Call the returned
 * handle with other tasks' outputs to pass them in.
 *
 * @example
 * ```ts
 * const extract = task({ id: "extract" }, () => [3, 1, 2]);
 * const total = task({ id: "total" }, (ctx, numbers: number[]) => numbers.length);
 * total(extract);
 * ```
 */
export function task<Args extends unknown[], Result>(
  options: TaskOptions,
  fn: (ctx: TaskContext, ...inputs: Args) => Result,
): TaskFlowHandle<Args, Awaited<Result>> {
  checkFunction("task", taskSubject("task", options), fn);
  const node = registerTask("task", options, {
    operator: "task",
    kind: "function",
    run: fn as TaskFunction,
    extraKeys: NO_EXTRA_KEYS,
  });
  return createHandle<Args, Awaited<Result>>(node, true);
}

/** Options of {@link bash}. */
export interface BashOptions extends TaskOptions {
  /** The command, run with `bash -c`; templated (`{{ ds }}`, `{{ params.x }}`, …). */
  command: string;
  /** Environment variables of the command (nothing else is set); values templated. */
  env?: Record<string, string>;
}

/**
 * A bash command, run as a subprocess in a fresh working directory with a clean environment.
 * Exit code 0 succeeds, 99 skips, anything else fails; the last line of stdout becomes the XCom
 * `return_value`.
 */
export function bash(options: BashOptions): TaskHandle<string> {
  const subject = taskSubject("bash", options);
  if (typeof options.command !== "string" || options.command.trim() === "") {
    fail(subject, "command", `must be a non-empty string, got ${show(options.command)}`);
  }
  const node = registerTask("bash", options, {
    operator: "bash",
    kind: "bash",
    run: null,
    templateFields: { command: options.command, env: envOption(options.env, subject) },
    extraKeys: BASH_KEYS,
  });
  return createHandle<string>(node, false);
}

function envOption(value: unknown, subject: Subject): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, "env", `must be an object of strings, got ${show(value)}`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string") {
      fail(subject, `env.${name}`, `must be a string, got ${show(item)}`);
    }
  }
  return { ...value as Record<string, string> };
}

/**
 * A task that does nothing: a join or a placeholder. The scheduler marks it successful without
 * running anything (unless it has callbacks).
 */
export function empty(options: TaskOptions): TaskHandle<undefined> {
  const node = registerTask("empty", options, {
    operator: "empty",
    kind: "empty",
    run: null,
    extraKeys: NO_EXTRA_KEYS,
  });
  return createHandle<undefined>(node, false);
}

/** What a branch function returns: the task id(s) to follow, or null to skip all. */
export type BranchChoice = string | string[] | null | undefined;

/**
 * A branch: `fn` returns the id of the task to follow, a list of ids, or null. Direct downstream
 * tasks that are not followed (nor downstream of a followed one) are skipped.
 */
export function branch<Args extends unknown[], Result extends BranchChoice | Promise<BranchChoice>>(
  options: TaskOptions,
  fn: (ctx: TaskContext, ...inputs: Args) => Result,
): TaskFlowHandle<Args, Awaited<Result>> {
  checkFunction("branch", taskSubject("branch", options), fn);
  const node = registerTask("branch", options, {
    operator: "branch",
    kind: "function",
    run: fn as TaskFunction,
    branch: true,
    extraKeys: NO_EXTRA_KEYS,
  });
  return createHandle<Args, Awaited<Result>>(node, true);
}

/** Options of {@link shortCircuit}. */
export interface ShortCircuitOptions extends TaskOptions {
  /**
   * True (default): a falsy result skips every task downstream, whatever its trigger rule.
   * False: only the direct downstream tasks are skipped; the rest follow their trigger rules.
   */
  ignoreDownstreamTriggerRules?: boolean;
}

/**
 * A short-circuit: when `fn` returns a falsy value (false, 0, "", null, an empty list or
 * object), downstream tasks are skipped. The task itself succeeds either way.
 */
export function shortCircuit<Args extends unknown[], Result>(
  options: ShortCircuitOptions,
  fn: (ctx: TaskContext, ...inputs: Args) => Result,
): TaskFlowHandle<Args, Awaited<Result>> {
  const subject = taskSubject("shortCircuit", options);
  checkFunction("shortCircuit", subject, fn);
  const node = registerTask("shortCircuit", options, {
    operator: "shortCircuit",
    kind: "function",
    run: fn as TaskFunction,
    shortCircuit: {
      ignoreDownstreamTriggerRules: optionalBoolean(
        options.ignoreDownstreamTriggerRules,
        true,
        subject,
        "ignoreDownstreamTriggerRules",
      ),
    },
    extraKeys: SHORT_CIRCUIT_KEYS,
  });
  return createHandle<Args, Awaited<Result>>(node, true);
}
