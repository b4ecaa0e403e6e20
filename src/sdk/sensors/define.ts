/**
 * `defineSensor()`, how sensors are written (the core ones here and the providers' HTTP, SQL and
 * S3 sensors), and `sensor()`, a TypeScript function as a sensor (Airflow's `@task.sensor`).
 *
 * @module
 */

import {
  type JsonObject,
  type JsonValue,
  type Permissions,
  SENSOR_FIELD,
  type SensorSettings,
} from "../../core/mod.ts";
import { fail } from "../_checks.ts";
import { checkFunction, registerTask, taskSubject } from "../_register.ts";
import { TASK_OPTION_KEYS } from "../_task_options.ts";
import { copyJson, findNonJson } from "../json.ts";
import { createHandle, type TaskFlowHandle, type TaskHandle } from "../task_handle.ts";
import type { TaskFunction } from "../task_node.ts";
import type { TaskContext, TaskOptions } from "../types.ts";
import { type PokeResult, runSensor } from "./_loop.ts";
import { SENSOR_OPTION_KEYS, type SensorOptions, sensorSettings } from "./_settings.ts";

/** What a sensor is made of. `Fields` are its own options, as plain JSON. */
export interface SensorDefinition<Fields extends object, Value extends JsonValue = never> {
  /** The sensor's name, shown as the task's operator (e.g. "HttpSensor"). */
  name: string;
  /** Fields rendered as templates before the first poke of each attempt. */
  templateFields?: readonly (keyof Fields & string)[];
  /** Connection ids the sensor uses, from its (unrendered) fields; as for `defineOperator`. */
  connections?(fields: Fields): string[];
  /** Permissions the sensor needs, from its (unrendered) fields; added to the task's own. */
  permissions?(fields: Fields): Permissions;
  /**
   * Check once whether the condition holds: `true` (done), `false` (poke again later), or
   * `{ done, xcomValue }` to also give the XCom `return_value`. Throw `FailTask` or
   * `SensorTimeout` to fail without retrying, `SkipTask` to skip.
   */
  poke(ctx: TaskContext, fields: Fields): PokeResult<Value> | Promise<PokeResult<Value>>;
}

/**
 * A sensor's builder: the task options, the sensor options, then the sensor's fields. Its output
 * is the poke's `xcomValue`, undefined when the poke gave none.
 */
export type SensorBuilder<Fields extends object, Value extends JsonValue = never> = (
  options: TaskOptions & SensorOptions & Fields,
) => TaskHandle<Value | undefined>;

/** Options of {@link sensor}: the task options and the sensor options. */
export type SensorTaskOptions = TaskOptions & SensorOptions;

/** Internal extras of {@link defineSensor} for the SDK's own sensors. */
export interface SensorExtras {
  /** The poke needs data the scheduler supplies per attempt (see `SensorSettings`). */
  reschedulesBetweenPokes?: boolean;
}

/**
 * Define a sensor; returns its builder. The builder takes the task options, the sensor options
 * (`pokeInterval`, `timeout`, `mode`, `softFail`, …) and the sensor's own fields.
 *
 * @example
 * ```ts
 * export const markerSensor = defineSensor({
 *   name: "MarkerSensor",
 *   templateFields: ["path"],
 *   permissions: (fields: { path: string }) => ({ read: [fields.path] }),
 *   async poke(ctx, fields) {
 *     try {
 *       return { done: true, xcomValue: (await Deno.readTextFile(fields.path)).trim() };
 *     } catch (error) {
 *       if (error instanceof Deno.errors.NotFound) return false;
 *       throw error;
 *     }
 *   },
 * });
 * // in a DAG: markerSensor({ id: "wait", path: "/data/ready", pokeInterval: "30s" });
 * ```
 */
export function defineSensor<Fields extends object, Value extends JsonValue = never>(
  definition: SensorDefinition<Fields, Value>,
  extras: SensorExtras = {},
): SensorBuilder<Fields, Value> {
  const name = definition?.name;
  if (typeof name !== "string" || name.trim() === "") {
    fail({}, undefined, `defineSensor() needs a name, got ${JSON.stringify(name) ?? "undefined"}`);
  }
  if (typeof definition.poke !== "function") {
    fail({}, undefined, `defineSensor() of "${name}" needs a poke(ctx, fields) function`);
  }
  const templated = new Set<string>(definition.templateFields ?? []);
  for (const field of templated) {
    if (TASK_OPTION_KEYS.has(field) || SENSOR_OPTION_KEYS.has(field) || field === SENSOR_FIELD) {
      fail({}, undefined, `sensor "${name}": "${field}" is a task or sensor option, not a field`);
    }
  }
  return (options: TaskOptions & SensorOptions & Fields): TaskHandle<Value | undefined> => {
    const subject = taskSubject(name, options);
    const settings = sensorSettings(options, subject, extras);
    const templateFields: JsonObject = {};
    const fields: JsonObject = {};
    for (const [key, value] of Object.entries(options)) {
      if (TASK_OPTION_KEYS.has(key) || SENSOR_OPTION_KEYS.has(key) || value === undefined) continue;
      if (key === SENSOR_FIELD) fail(subject, key, "is reserved for the sensor's settings");
      const problem = findNonJson(value);
      if (problem) fail(subject, key, `sensor fields must be JSON: ${problem.replace("$", key)}`);
      (templated.has(key) ? templateFields : fields)[key] = copyJson(value);
    }
    const given = { ...fields, ...templateFields } as Fields;
    const ids = definition.connections?.(given) ?? [];
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === "")) {
      fail(subject, undefined, `sensor "${name}": connections() must return connection ids`);
    }
    const node = registerTask(name, options, {
      operator: name,
      kind: "function",
      run: (ctx) => runSensor(ctx, settings, () => definition.poke(ctx, pokeFields<Fields>(ctx))),
      templateFields,
      fields: { ...fields, [SENSOR_FIELD]: settingsJson(settings) },
      permissions: definition.permissions?.(given),
      connections: ids,
      extraKeys: null,
    });
    return createHandle<Value | undefined>(node, false);
  };
}

/**
 * A TypeScript function as a sensor (Airflow's `@task.sensor`): `fn` is the poke, called with
 * the context and the task's TaskFlow inputs, returning `true`, `false` or
 * `{ done, xcomValue }`.
 *
 * @example
 * ```ts
 * const ready = sensor({ id: "ready", pokeInterval: "30s", mode: "reschedule" }, async (ctx) => {
 *   const response = await fetch("https://api.example.com/status", { signal: ctx.signal });
 *   return { done: response.ok, xcomValue: response.status };
 * });
 * ```
 */
export function sensor<Args extends unknown[], Value extends JsonValue = never>(
  options: SensorTaskOptions,
  fn: (ctx: TaskContext, ...inputs: Args) => PokeResult<Value> | Promise<PokeResult<Value>>,
): TaskFlowHandle<Args, Value | undefined> {
  const subject = taskSubject("sensor", options);
  checkFunction("sensor", subject, fn);
  const settings = sensorSettings(options, subject);
  const run: TaskFunction = (ctx, ...inputs) =>
    runSensor(ctx, settings, () => fn(ctx, ...inputs as Args));
  const node = registerTask("sensor", options, {
    operator: "sensor",
    kind: "function",
    run,
    fields: { [SENSOR_FIELD]: settingsJson(settings) },
    extraKeys: SENSOR_OPTION_KEYS,
  });
  return createHandle<Args, Value | undefined>(node, true);
}

/** The fields a poke receives: the task's fields without the sensor's settings. */
function pokeFields<Fields>(ctx: TaskContext): Fields {
  const { [SENSOR_FIELD]: _settings, ...fields } = ctx.fields;
  return fields as Fields;
}

function settingsJson(settings: SensorSettings): JsonObject {
  return { ...settings };
}
