/**
 * Which variables and connections templated fields read, so the scheduler sends only those to a
 * try.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";

const DOTTED = /\bvar\s*\.\s*(?:value|json)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;
const INDEXED = /\bvar\s*\.\s*(?:value|json)\s*\[\s*(["'])(.*?)\1\s*\]/g;

const CONNECTION_DOTTED = /\bconn\s*\.\s*(?!get\b)([A-Za-z_][A-Za-z0-9_]*)/g;
const CONNECTION_INDEXED = /\bconn\s*(?:\[|\.\s*get\s*\()\s*(["'])(.*?)\1/g;

/**
 * The names of the variables that the strings in `value` reference as `var.value.NAME`,
 * `var.json.NAME`, `var.value["NAME"]` or `var.json['NAME']`, sorted and unique.
 */
export function variablesUsed(value: JsonValue): string[] {
  return referenced(value, [[DOTTED, 1], [INDEXED, 2]]);
}

/**
 * The ids of the connections that the strings in `value` reference as `conn.ID`, `conn["ID"]` or
 * `conn.get("ID")`, sorted and unique.
 */
export function connectionsUsed(value: JsonValue): string[] {
  return referenced(value, [[CONNECTION_DOTTED, 1], [CONNECTION_INDEXED, 2]]);
}

function referenced(value: JsonValue, patterns: [RegExp, number][]): string[] {
  const names = new Set<string>();
  collect(value, (text) => {
    for (const [pattern, group] of patterns) {
      for (const match of text.matchAll(pattern)) names.add(match[group]);
    }
  });
  return [...names].sort();
}

function collect(value: JsonValue, visit: (text: string) => void): void {
  if (typeof value === "string") {
    visit(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, visit);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collect(item, visit);
  }
}
