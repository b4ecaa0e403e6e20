/**
 * Checks every record before it is stored, shared by all Store implementations so they accept
 * and refuse exactly the same input. Nothing malformed is ever written: text must survive a
 * database round trip (well-formed Unicode, no NUL), numbers must be finite and safe, JSON
 * fields must be plain JSON.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";

/**
 * How one field of a record is checked and copied. A trailing `?` allows `null`; an object
 * lists the allowed values of an enumeration.
 */
export type FieldRule =
  | "text"
  | "text?"
  | "number"
  | "number?"
  | "boolean"
  | "json"
  | "json?"
  | "interval"
  | "interval?"
  | "nextRun?"
  | { oneOf: readonly (string | null)[] };

/** The rule of every field of a record type; TypeScript makes sure none is forgotten. */
export type FieldRules<T> = { readonly [K in keyof T]-?: FieldRule };

/** Why `value` is not plain JSON, or null when it is. */
export function jsonProblem(value: unknown): string | null {
  return walkJson(value, "", []);
}

/** The JSON text of `value`, after checking it is plain JSON. */
export function toJsonText(value: unknown, where: string): string {
  const problem = jsonProblem(value);
  if (problem !== null) throw new Error(`${where}: ${problem}`);
  return JSON.stringify(value);
}

/** Throws an Error naming `where` and the field when `record` breaks one of `rules`. */
export function checkRecord<T>(record: T, rules: FieldRules<T>, where: string): void {
  if (record === null || typeof record !== "object") {
    throw new Error(`${where}: expected an object, got ${describe(record)}`);
  }
  for (const field of Object.keys(rules) as (keyof T & string)[]) {
    const problem = fieldProblem(record[field], rules[field]);
    if (problem !== null) throw new Error(`${where}: field ${field} ${problem}`);
  }
}

/**
 * A checked deep copy of `record` holding only the fields in `rules`, normalised the way a
 * database round trip normalises them (JSON re-parsed, `-0` as `0`).
 */
export function copyRecord<T>(record: T, rules: FieldRules<T>, where: string): T {
  checkRecord(record, rules, where);
  const copy = {} as T;
  for (const field of Object.keys(rules) as (keyof T & string)[]) {
    copy[field] = copyField(record[field], rules[field]) as T[keyof T & string];
  }
  return copy;
}

/** Why `text` cannot be stored as text, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (!text.isWellFormed()) return "contains a lone UTF-16 surrogate";
  return null;
}

function fieldProblem(value: unknown, rule: FieldRule): string | null {
  if (typeof rule === "object") {
    return rule.oneOf.includes(value as string | null)
      ? null
      : `is ${describe(value)}, not one of ${
        rule.oneOf.map((option) => JSON.stringify(option)).join(", ")
      }`;
  }
  const nullable = rule.endsWith("?");
  if (value === null && nullable) return null;
  switch (rule.replace("?", "")) {
    case "text":
      return typeof value === "string"
        ? textProblem(value)
        : `must be text, got ${describe(value)}`;
    case "number":
      return numberProblem(value);
    case "boolean":
      return typeof value === "boolean" ? null : `must be true or false, got ${describe(value)}`;
    case "json":
      return value === undefined ? "is missing" : walkJson(value, "", []);
    case "interval":
      return intervalProblem(value);
    default:
      return nextRunProblem(value);
  }
}

function numberProblem(value: unknown): string | null {
  if (typeof value !== "number") return `must be a number, got ${describe(value)}`;
  if (!Number.isFinite(value)) return `must be a finite number, got ${value}`;
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return `is out of the safe range: ${value}`;
  return null;
}

function intervalProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object") {
    return `must be an interval {start, end}, got ${describe(value)}`;
  }
  const interval = value as Record<string, unknown>;
  const problem = numberProblem(interval.start) ?? numberProblem(interval.end);
  return problem === null ? null : `must be an interval {start, end}: ${problem}`;
}

function nextRunProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object") {
    return `must be {logicalDate, dataInterval, runAfter} or null, got ${describe(value)}`;
  }
  const next = value as Record<string, unknown>;
  return numberProblem(next.logicalDate) ?? intervalProblem(next.dataInterval) ??
    numberProblem(next.runAfter);
}

function copyField(value: unknown, rule: FieldRule): unknown {
  if (value === null || typeof rule === "object") return value;
  if (typeof value === "number") return value + 0;
  if (rule.startsWith("json")) return JSON.parse(JSON.stringify(value));
  if (rule.startsWith("interval")) return copyInterval(value);
  if (rule === "nextRun?") {
    const next = value as { logicalDate: number; dataInterval: unknown; runAfter: number };
    return {
      logicalDate: next.logicalDate + 0,
      dataInterval: copyInterval(next.dataInterval),
      runAfter: next.runAfter + 0,
    };
  }
  return value;
}

function copyInterval(value: unknown): { start: number; end: number } {
  const interval = value as { start: number; end: number };
  return { start: interval.start + 0, end: interval.end + 0 };
}

function walkJson(value: unknown, path: string, ancestors: object[]): string | null {
  const at = path === "" ? "" : ` at ${path}`;
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isFinite(value) ? null : `holds ${value}${at}, which JSON cannot represent`;
    case "object":
      break;
    default:
      return `holds ${describe(value)}${at}, which is not JSON`;
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return `holds a circular reference${at}`;
  const inner = [...ancestors, value];
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!(index in value)) return `holds an array with a hole${at}[${index}]`;
      const problem = walkJson(value[index], `${path}[${index}]`, inner);
      if (problem !== null) return problem;
    }
    return null;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return `holds ${describe(value)}${at}, which is not a plain JSON object`;
  }
  for (const [key, item] of Object.entries(value as Record<string, JsonValue | undefined>)) {
    if (item === undefined) continue;
    const problem = walkJson(item, path === "" ? key : `${path}.${key}`, inner);
    if (problem !== null) return problem;
  }
  return null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "object") {
    return Array.isArray(value) ? "an array" : `an object (${value.constructor?.name ?? "null"})`;
  }
  if (typeof value === "string") return `text ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
