/**
 * Jinja-compatible templating of a task's templated fields (nunjucks), rendered in the sandbox
 * host before the sandbox starts. The environment has no loaders (no `include`/`import` of files)
 * and its runtime is hardened so a template cannot reach `Function` or any other way to do I/O.
 *
 * Rendering follows Airflow: an undefined variable is an error (Airflow's DAGs default to
 * `StrictUndefined`), `None`/`True`/`False` print as Python prints them, and lists and objects
 * print as JSON.
 *
 * @module
 */

import nunjucks from "nunjucks";
import type { JsonObject, JsonValue } from "../core/mod.ts";
import type { TaskJob } from "./executor.ts";
import { buildTemplateContext } from "./_template_context.ts";

type RuntimeFunction = (...args: unknown[]) => unknown;
type Runtime = Record<string, RuntimeFunction>;

const FORBIDDEN_MEMBERS = new Set([
  "constructor",
  "__proto__",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "caller",
  "callee",
  "arguments",
]);

const FUNCTION_CONSTRUCTORS = new Set<unknown>([
  Function,
  Object.getPrototypeOf(async function () {}).constructor,
  Object.getPrototypeOf(function* () {}).constructor,
  Object.getPrototypeOf(async function* () {}).constructor,
]);

const UNKNOWN_VARIABLE = "unknown variable";

function guard(value: unknown): unknown {
  return FUNCTION_CONSTRUCTORS.has(value) ? undefined : value;
}

function isPlainData(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Hardens nunjucks' shared runtime once; compiled templates call these functions. */
function hardenRuntime(): void {
  const runtime = (nunjucks as unknown as { runtime: Runtime }).runtime;
  const lib = (nunjucks as unknown as { lib: { TemplateError: RuntimeFunction } }).lib;
  if (runtime.__updraftHardened) return;
  const { memberLookup, contextOrFrameLookup, callWrap, suppressValue } = runtime;
  runtime.memberLookup = (object, name) =>
    typeof name === "string" && FORBIDDEN_MEMBERS.has(name)
      ? undefined
      : guard(memberLookup(object, name));
  runtime.contextOrFrameLookup = (context, frame, name) =>
    typeof name === "string" && (name in Object.prototype || FORBIDDEN_MEMBERS.has(name))
      ? undefined
      : guard(contextOrFrameLookup(context, frame, name));
  runtime.callWrap = (target, name, context, args) => guard(callWrap(target, name, context, args));
  runtime.ensureDefined = (value, line, column) => {
    if (value !== undefined) return value;
    throw lib.TemplateError(UNKNOWN_VARIABLE, Number(line) + 1, Number(column) + 1);
  };
  runtime.suppressValue = (value, autoescape) => {
    if (value === null) return "None";
    if (typeof value === "boolean") return value ? "True" : "False";
    if (isPlainData(value)) return JSON.stringify(value);
    return suppressValue(value, autoescape);
  };
  runtime.__updraftHardened = () => true;
}

hardenRuntime();

const environment = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: true });

/** A template that failed to render, naming the field and the template line. */
export class TemplateRenderError extends Error {
  /** The field (path inside `templateFields`) whose template failed. */
  readonly field: string;
  /** The 1-based line inside the template, when nunjucks reported one. */
  readonly line: number | null;
  /** Builds the error with its message `Template error in field 'x' (line n): why`. */
  constructor(field: string, line: number | null, reason: string) {
    super(`Template error in field '${field}'${line === null ? "" : ` (line ${line})`}: ${reason}`);
    this.name = "TemplateRenderError";
    this.field = field;
    this.line = line;
  }
}

function explain(error: unknown, template: string): { line: number | null; reason: string } {
  const text = error instanceof Error ? error.message : String(error);
  const located = /\[Line (\d+), Column (\d+)\]/.exec(text);
  const line = located ? Number(located[1]) : null;
  let reason = text.split("\n").map((part) => part.trim()).filter(Boolean).at(-1) ?? text;
  reason = reason.replace(/^(Template render error: )?(\(unknown path\))?\s*/, "")
    .replace(/^(Error|TypeError|ReferenceError): /, "");
  if (reason === UNKNOWN_VARIABLE && located) {
    const source = template.split("\n")[line! - 1] ?? "";
    const expression = /^\{\{-?\s*(.*?)\s*-?\}\}/.exec(source.slice(Number(located[2]) - 1));
    if (expression) reason = `${UNKNOWN_VARIABLE} '${expression[1]}'`;
  }
  return { line, reason };
}

function hasTemplate(text: string): boolean {
  return text.includes("{{") || text.includes("{%") || text.includes("{#");
}

/** Renders one template string with a context. */
export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
  options: { field?: string } = {},
): string {
  try {
    return environment.renderString(template, context);
  } catch (error) {
    const { line, reason } = explain(error, template);
    throw new TemplateRenderError(options.field ?? "template", line, reason);
  }
}

/**
 * Renders every string inside a task's templated fields (deep: objects and arrays) with the
 * try's context (facts 63–70). Throws `TemplateRenderError` naming the field and line.
 */
export function renderTemplateFields(templateFields: JsonObject, job: TaskJob): JsonObject {
  let context: Record<string, unknown> | null = null;
  const render = (value: JsonValue, path: string): JsonValue => {
    if (typeof value === "string") {
      if (!hasTemplate(value)) return value;
      context ??= buildTemplateContext(job);
      return renderTemplate(value, context, { field: path });
    }
    if (Array.isArray(value)) return value.map((item, index) => render(item, `${path}[${index}]`));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, render(item, `${path}.${key}`)]),
      );
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(templateFields).map(([key, value]) => [key, render(value, key)]),
  );
}
