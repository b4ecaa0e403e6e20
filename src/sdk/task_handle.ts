/**
 * What the task builders return: handles to wire dependencies (`before`, `after`), to reach a
 * task's XComs (`output`), and — for TaskFlow tasks — to call with other tasks' outputs.
 *
 * @module
 */

import type { JsonValue, TaskInput } from "../core/mod.ts";
import { fail, show } from "./_checks.ts";
import { copyJson, findNonJson } from "./json.ts";
import type { TaskNode } from "./task_node.ts";

declare const outputValue: unique symbol;
const OUTPUT_REFERENCE = Symbol.for("updraft.output");
const RETURN_VALUE = "return_value";

/** A reference to one XCom of a task, typed by the value it holds. */
export interface TaskOutput<T = JsonValue> {
  /** Carries the value's type for TaskFlow type checks; never set at run time. */
  readonly [outputValue]?: T;
  /** The task that pushes the XCom. */
  readonly taskId: string;
  /** The XCom's key (`"return_value"` for a task's result). */
  readonly xcomKey: string;
}

/** A task, or a list of tasks, to depend on. */
export type Dependency = TaskHandle<unknown> | readonly TaskHandle<unknown>[];

/** A task of a DAG, as a builder returns it; also the reference to its `return_value` XCom. */
export interface TaskHandle<Output = unknown> extends TaskOutput<Output> {
  /** The DAG the task belongs to. */
  readonly dagId: string;
  /** Make `downstream` (one task or a list) run after this task; returns `downstream`. */
  before<T extends Dependency>(downstream: T): T;
  /** Make this task run after `upstream` (one task or a list); returns `upstream`. */
  after<T extends Dependency>(upstream: T): T;
  /** A reference to another XCom key this task pushes, to pass to a TaskFlow task. */
  output<V = JsonValue>(key: string): TaskOutput<V>;
}

/** Each TaskFlow argument may be a value of its type or the output of a task producing it. */
export type TaskInputs<Args extends unknown[]> = {
  [K in keyof Args]: Args[K] | TaskOutput<Args[K]>;
};

/**
 * A TaskFlow task's handle: call it with other tasks' outputs (or literal JSON values) to bind
 * its function's arguments; each output passed adds the dependency. Returns the same handle.
 */
export interface TaskFlowHandle<Args extends unknown[], Output> extends TaskHandle<Output> {
  (...inputs: TaskInputs<Args>): TaskFlowHandle<Args, Output>;
}

interface OutputReference {
  node: TaskNode;
  key: string;
}

/** The task and key a handle or `output()` refers to, or null for anything else. */
export function outputReferenceOf(value: unknown): OutputReference | null {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return null;
  return (value as Record<symbol, OutputReference | undefined>)[OUTPUT_REFERENCE] ?? null;
}

/** The task a handle stands for; anything else is a `DefinitionError` naming `action`. */
export function nodeOf(value: unknown, action: string): TaskNode {
  const reference = outputReferenceOf(value);
  if (!reference || reference.key !== RETURN_VALUE) {
    fail({}, undefined, `${action} takes tasks or lists of tasks, got ${show(value)}`);
  }
  return reference.node;
}

/** Every task in a {@link Dependency}. */
export function nodesOf(value: unknown, action: string): TaskNode[] {
  return Array.isArray(value) ? value.map((item) => nodeOf(item, action)) : [nodeOf(value, action)];
}

/** The handle of a task; `callable` for TaskFlow tasks (calling it binds their inputs). */
export function createHandle<Output>(node: TaskNode, callable: false): TaskHandle<Output>;
export function createHandle<Args extends unknown[], Output>(
  node: TaskNode,
  callable: true,
): TaskFlowHandle<Args, Output>;
export function createHandle(node: TaskNode, callable: boolean): TaskHandle<unknown> {
  // Methods and ids live on shared prototypes: a DAG file is evaluated again for every task of
  // it that runs, so building a handle must be cheap (own properties per handle were most of it).
  const handle = callable
    ? Object.setPrototypeOf(function bind(...inputs: unknown[]) {
      bindInputs(node, inputs);
      return handle;
    }, CALLABLE_HANDLE)
    : Object.create(PLAIN_HANDLE);
  handle[OUTPUT_REFERENCE] = { node, key: RETURN_VALUE };
  if (callable) Object.defineProperty(handle, "name", { value: node.taskId });
  return handle as TaskHandle<unknown>;
}

/** `before`, `after` and `output` of every handle, shared. */
const HANDLE_METHODS = {
  before<T>(this: TaskHandle<unknown>, downstream: T): T {
    const node = nodeOf(this, "before()");
    for (const other of nodesOf(downstream, `before() of task "${node.taskId}"`)) {
      node.dag.addDependency(node, other);
    }
    return downstream;
  },
  after<T>(this: TaskHandle<unknown>, upstream: T): T {
    const node = nodeOf(this, "after()");
    for (const other of nodesOf(upstream, `after() of task "${node.taskId}"`)) {
      other.dag.addDependency(other, node);
    }
    return upstream;
  },
  output(this: TaskHandle<unknown>, key: string): TaskOutput<JsonValue> {
    return createOutput(nodeOf(this, "output()"), key);
  },
};

/** The ids of a handle, read from the task it stands for. */
const HANDLE_IDS: PropertyDescriptorMap = {
  taskId: {
    get(this: TaskHandle<unknown>) {
      return nodeOf(this, "taskId").taskId;
    },
    enumerable: true,
  },
  dagId: {
    get(this: TaskHandle<unknown>) {
      return nodeOf(this, "dagId").dag.dagId;
    },
    enumerable: true,
  },
  xcomKey: { value: RETURN_VALUE, enumerable: true },
};

const PLAIN_HANDLE: object = Object.freeze(
  Object.defineProperties({ ...HANDLE_METHODS }, HANDLE_IDS),
);
const CALLABLE_HANDLE: object = Object.freeze(
  Object.defineProperties(
    Object.assign(Object.create(Function.prototype), HANDLE_METHODS),
    HANDLE_IDS,
  ),
);

function createOutput(node: TaskNode, key: unknown): TaskOutput<JsonValue> {
  if (typeof key !== "string" || key === "") {
    fail({ dagId: node.dag.dagId, taskId: node.taskId }, undefined, "output() needs an XCom key");
  }
  return Object.freeze(Object.defineProperties({ taskId: node.taskId, xcomKey: key }, {
    [OUTPUT_REFERENCE]: { value: { node, key } },
  })) as TaskOutput<JsonValue>;
}

function bindInputs(node: TaskNode, inputs: unknown[]): void {
  const subject = { dagId: node.dag.dagId, taskId: node.taskId };
  if (node.inputs !== null) fail(subject, undefined, "the task's inputs are already bound");
  const bound: TaskInput[] = [];
  inputs.forEach((input, index) => {
    const reference = outputReferenceOf(input);
    if (reference) {
      if (reference.node.dag !== node.dag) {
        fail(
          subject,
          undefined,
          `cannot take the output of task "${reference.node.taskId}" of DAG ` +
            `"${reference.node.dag.dagId}": dependencies must stay within one DAG`,
        );
      }
      node.dag.addDependency(reference.node, node);
      bound.push({ kind: "xcom", taskId: reference.node.taskId, key: reference.key });
      return;
    }
    const problem = findNonJson(input ?? null);
    if (problem) {
      const nested = containsReference(input, new Set());
      fail(
        subject,
        `argument ${index + 1}`,
        nested
          ? "task outputs must be passed as arguments of their own, not inside arrays or objects"
          : `a literal input must be JSON: ${problem.replace("$", "value")}`,
      );
    }
    bound.push({ kind: "value", value: copyJson(input ?? null) });
  });
  node.inputs = bound;
}

function containsReference(value: unknown, seen: Set<unknown>): boolean {
  if (outputReferenceOf(value)) return true;
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((item) => containsReference(item, seen));
}
