/**
 * The part every builder shares: check the options, apply `defaultArgs`, and add the task to the
 * current DAG.
 *
 * @module
 */

import { type JsonObject, mergePermissions, type Permissions, type TaskKind } from "../core/mod.ts";
import { captureCallSite } from "./_call_site.ts";
import { checkId, checkKnownKeys, fail, show, type Subject } from "./_checks.ts";
import { currentDag } from "./_current.ts";
import { isTrustedEvaluation } from "./_evaluation.ts";
import { mergeDefaults, normalizeTaskOptions, TASK_OPTION_KEYS } from "./_task_options.ts";
import { type TaskFunction, TaskNode, type TaskNodeInit } from "./task_node.ts";
import type { Dag } from "./dag.ts";
import type { TaskOptions } from "./types.ts";

/** What a builder adds to the common task options. */
export interface OperatorParts {
  /** The operator's name as users see it: "task", "bash", a custom operator's name, … */
  operator: string;
  kind: TaskKind;
  run: TaskFunction | null;
  templateFields?: JsonObject;
  fields?: JsonObject;
  branch?: boolean;
  shortCircuit?: { ignoreDownstreamTriggerRules: boolean } | null;
  /** Option names the builder accepts besides the task options; null accepts any. */
  extraKeys: ReadonlySet<string> | null;
  /** Permissions the operator needs on top of what the task declares. */
  permissions?: Permissions;
  /** Connection ids the operator uses on top of the task's `connections`. */
  connections?: string[];
}

/** Check a builder's options object and return the task's subject (DAG and task id). */
export function taskSubject(
  builder: string,
  options: unknown,
): { dagId: string; taskId: string } {
  const dag = currentDag(`${builder}()`);
  if (isTrustedEvaluation()) return { dagId: dag.dagId, taskId: (options as { id: string }).id };
  if (typeof options !== "object" || options === null) {
    fail(
      { dagId: dag.dagId },
      undefined,
      `${builder}() needs an options object with at least an id, got ${show(options)}`,
    );
  }
  const taskId = checkId((options as { id?: unknown }).id, { dagId: dag.dagId }, "task");
  return { dagId: dag.dagId, taskId };
}

/** Check that a builder's second argument is a function. */
export function checkFunction(builder: string, subject: Subject, value: unknown): void {
  if (typeof value !== "function") {
    fail(
      subject,
      undefined,
      `${builder}() needs a function as second argument, got ${show(value)}`,
    );
  }
}

const KNOWN_KEYS = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** The task options plus a builder's own, built once per builder. */
function knownKeys(extraKeys: ReadonlySet<string>): ReadonlySet<string> {
  let known = KNOWN_KEYS.get(extraKeys);
  if (!known) {
    known = new Set([...TASK_OPTION_KEYS, ...extraKeys]);
    KNOWN_KEYS.set(extraKeys, known);
  }
  return known;
}

/** Create the task in the current DAG from a builder's options and parts. */
export function registerTask(
  builder: string,
  options: TaskOptions,
  parts: OperatorParts,
): TaskNode {
  const dag = currentDag(`${builder}()`);
  const subject = taskSubject(builder, options); // unchecked in a trusted evaluation
  let node: TaskNode;
  if (isTrustedEvaluation()) {
    // A copy: the DAG file may reuse and change its options object before the settings are read.
    const given = { ...options };
    node = new TaskNode(dag, subject.taskId, () => taskNodeInit(dag, subject, given, parts));
  } else {
    node = new TaskNode(dag, subject.taskId, taskNodeInit(dag, subject, options, parts));
  }
  dag.addTask(node);
  return node;
}

/** Check the options, apply the DAG's `defaultArgs` and normalize them into the task's parts. */
function taskNodeInit(
  dag: Dag,
  subject: Subject,
  options: TaskOptions,
  parts: OperatorParts,
): TaskNodeInit {
  const callSite = captureCallSite();
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (TASK_OPTION_KEYS.has(key)) own[key] = value;
  }
  if (parts.extraKeys) checkKnownKeys(options, knownKeys(parts.extraKeys), subject);
  const merged = mergeDefaults(dag.defaultArgs, own as unknown as TaskOptions);
  const { settings, callbacks, owner } = normalizeTaskOptions(merged, subject);
  const { taskId, ...common } = settings;
  return {
    settings: {
      taskId,
      operator: parts.operator,
      kind: parts.kind,
      ...common,
      permissions: mergePermissions(parts.permissions ?? {}, common.permissions),
      connections: [...new Set([...(parts.connections ?? []), ...common.connections])],
      branch: parts.branch ?? false,
      shortCircuit: parts.shortCircuit ?? null,
      templateFields: parts.templateFields ?? {},
      fields: parts.fields ?? {},
    },
    callbacks,
    owner,
    run: parts.run,
    callSite,
  };
}
