/**
 * Checks that values are plain JSON: what params, literal TaskFlow inputs and XComs must be.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";

/**
 * Describe why `value` is not plain JSON, or return null when it is. Plain JSON is null,
 * booleans, finite numbers, strings, arrays and plain objects of those. Object properties whose
 * value is `undefined` are allowed (JSON leaves them out); everything else (Dates, Maps, class
 * instances, functions, NaN, bigints, cycles) is named with its path, e.g.
 * `$.rows[2].at is a Date`.
 */
export function findNonJson(value: unknown): string | null {
  return visit(value, "$", new Set());
}

/** A deep copy of `value` as JSON (undefined properties dropped); call after {@link findNonJson}. */
export function copyJson(value: unknown): JsonValue {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function visit(value: unknown, path: string, seen: Set<object>): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") {
    return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`;
  }
  if (typeof value !== "object") return `${path} is ${describe(value)}`;
  if (seen.has(value)) return `${path} refers back to itself (a cycle)`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (value[index] === undefined) return `${path}[${index}] is undefined`;
        const problem = visit(value[index], `${path}[${index}]`, seen);
        if (problem) return problem;
      }
      return null;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return `${path} is ${describe(value)}, not a plain object`;
    }
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const problem = visit(item, `${path}${propertyPath(key)}`, seen);
      if (problem) return problem;
    }
    return null;
  } finally {
    seen.delete(value);
  }
}

function propertyPath(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "symbol") return "a symbol";
  const name = (value as object).constructor?.name;
  return name ? `a ${name}` : "an object without prototype";
}
