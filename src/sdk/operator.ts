/**
 * `defineOperator()`: how custom operators (and the providers' HTTP, SQL, S3 operators) are
 * written. See the guide in `src/sdk/README.md`.
 *
 * @module
 */

import type { JsonObject, Permissions } from "../core/mod.ts";
import { fail, show } from "./_checks.ts";
import { registerTask, taskSubject } from "./_register.ts";
import { TASK_OPTION_KEYS } from "./_task_options.ts";
import { copyJson, findNonJson } from "./json.ts";
import { createHandle, type TaskHandle } from "./task_handle.ts";
import type { TaskContext, TaskOptions } from "./types.ts";

/** What a custom operator is made of. `Fields` are its own options, as plain JSON. */
export interface OperatorDefinition<Fields extends object, Result> {
  /** The operator's name, shown as the task's operator (e.g. "HttpOperator"). */
  name: string;
  /** Fields rendered as templates before `execute` runs (`{{ ds }}`, `{{ params.x }}`, …). */
  templateFields?: readonly (keyof Fields & string)[];
  /**
   * Permissions the operator needs, from its (unrendered) fields; added to what the task
   * declares. Called when the DAG file is parsed.
   */
  permissions?(fields: Fields): Permissions;
  /**
   * Connection ids the operator uses, from its (unrendered) fields, e.g.
   * `(fields) => [fields.connId ?? "http_default"]`. Each is resolved when a try starts, handed
   * to `ctx.connection(id)`, and its host and port (or database file) added to the task's
   * permissions. Called when the DAG file is parsed.
   */
  connections?(fields: Fields): string[];
  /**
   * Run the task inside its sandbox. `fields` holds every field, the templated ones rendered
   * (also available as `ctx.fields`). The JSON result becomes the XCom `return_value`.
   */
  execute(ctx: TaskContext, fields: Fields): Result | Promise<Result>;
}

/** A custom operator's builder: the task options plus the operator's fields. */
export type OperatorBuilder<Fields extends object, Result> = (
  options: TaskOptions & Fields,
) => TaskHandle<Awaited<Result>>;

/**
 * Define a custom operator; returns its builder.
 *
 * @example
 * ```ts
 * export const greet = defineOperator({
 *   name: "GreetOperator",
 *   templateFields: ["greeting"],
 *   execute(ctx, fields: { greeting: string; shout?: boolean }) {
 *     const text = fields.shout ? fields.greeting.toUpperCase() : fields.greeting;
 *     ctx.log(text);
 *     return text;
 *   },
 * });
 * // in a DAG: greet({ id: "hello", greeting: "hello {{ ds }}" });
 * ```
 */
export function defineOperator<Fields extends object, Result>(
  definition: OperatorDefinition<Fields, Result>,
): OperatorBuilder<Fields, Result> {
  const name = definition?.name;
  if (typeof name !== "string" || name.trim() === "") {
    fail({}, undefined, `defineOperator() needs a name, got ${show(name)}`);
  }
  if (typeof definition.execute !== "function") {
    fail({}, undefined, `defineOperator() of "${name}" needs an execute(ctx, fields) function`);
  }
  const templated = new Set<string>(definition.templateFields ?? []);
  for (const field of templated) {
    if (TASK_OPTION_KEYS.has(field)) {
      fail({}, undefined, `operator "${name}": "${field}" is a task option, not a field`);
    }
  }
  const builder = (options: TaskOptions & Fields): TaskHandle<Awaited<Result>> => {
    const subject = taskSubject(name, options);
    const templateFields: JsonObject = {};
    const fields: JsonObject = {};
    for (const [key, value] of Object.entries(options)) {
      if (TASK_OPTION_KEYS.has(key) || value === undefined) continue;
      const problem = findNonJson(value);
      if (problem) fail(subject, key, `operator fields must be JSON: ${problem.replace("$", key)}`);
      (templated.has(key) ? templateFields : fields)[key] = copyJson(value);
    }
    const node = registerTask(name, options, {
      operator: name,
      kind: "function",
      run: (ctx) => definition.execute(ctx, ctx.fields as Fields),
      templateFields,
      fields,
      permissions: definition.permissions?.({ ...fields, ...templateFields } as Fields),
      connections: operatorConnections(definition, name, subject, { ...fields, ...templateFields }),
      extraKeys: null,
    });
    return createHandle<Awaited<Result>>(node, false);
  };
  return builder;
}

function operatorConnections<Fields extends object, Result>(
  definition: OperatorDefinition<Fields, Result>,
  name: string,
  subject: { dagId: string; taskId: string },
  fields: JsonObject,
): string[] {
  if (!definition.connections) return [];
  const ids = definition.connections(fields as Fields);
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === "")) {
    fail(subject, undefined, `operator "${name}": connections() must return connection ids`);
  }
  return ids;
}
