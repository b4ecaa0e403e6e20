/**
 * Which variables templated fields read, so the scheduler can send only those to a try.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";

const DOTTED = /\bvar\s*\.\s*(?:value|json)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;
const INDEXED = /\bvar\s*\.\s*(?:value|json)\s*\[\s*(["'])(.*?)\1\s*\]/g;

/**
 * The names of the variables that the strings in `value` reference as `var.value.NAME`,
 * `var.json.NAME`, `var.value["NAME"]` or `var.json['NAME']`, sorted and unique.
 */
export function variablesUsed(value: JsonValue): string[] {
  const names = new Set<string>();
  collect(value, names);
  return [...names].sort();
}

function collect(value: JsonValue, names: Set<string>): void {
  if (typeof value === "string") {
    for (const match of value.matchAll(DOTTED)) names.add(match[1]);
    for (const match of value.matchAll(INDEXED)) names.add(match[2]);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, names);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collect(item, names);
  }
}
