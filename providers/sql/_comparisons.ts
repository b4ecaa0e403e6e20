/**
 * The comparisons of Airflow's SQL checks (`equal_to`, `greater_than`, `less_than`, `geq_to`,
 * `leq_to`, with a relative `tolerance`), shared by the column check and the sensor's conditions.
 *
 * @module
 */

import type { SqlValue } from "./types.ts";
import { isObject, show } from "./_fields.ts";

/** A bound a result is compared with: a number, or text (dates compare as ISO text). */
export type Bound = number | string;

/** Comparisons as written (Airflow's snake_case keys, or camelCase). */
export interface Comparison {
  equal_to?: Bound;
  greater_than?: Bound;
  less_than?: Bound;
  geq_to?: Bound;
  leq_to?: Bound;
  /** Relative slack, e.g. 0.1: `equal_to: 100` then accepts 90 to 110. */
  tolerance?: number;
  equalTo?: Bound;
  greaterThan?: Bound;
  lessThan?: Bound;
  geqTo?: Bound;
  leqTo?: Bound;
}

/** The comparison keys, each under its Airflow name. */
export type ComparisonKey = "equal_to" | "greater_than" | "less_than" | "geq_to" | "leq_to";

/** A checked comparison: Airflow's keys only. */
export interface NormalComparison {
  bounds: Partial<Record<ComparisonKey, Bound>>;
  tolerance: number | null;
}

const ALIASES: Record<string, ComparisonKey | "tolerance"> = {
  equal_to: "equal_to",
  equalTo: "equal_to",
  greater_than: "greater_than",
  greaterThan: "greater_than",
  less_than: "less_than",
  lessThan: "less_than",
  geq_to: "geq_to",
  geqTo: "geq_to",
  leq_to: "leq_to",
  leqTo: "leq_to",
  tolerance: "tolerance",
};

/**
 * Read a comparison; returns an error message (without the field name) when it is wrong.
 */
export function readComparison(value: unknown): NormalComparison | string {
  if (!isObject(value)) return `must be an object such as { "equal_to": 0 }, got ${show(value)}`;
  const bounds: NormalComparison["bounds"] = {};
  let tolerance: number | null = null;
  for (const [key, bound] of Object.entries(value)) {
    const name = ALIASES[key];
    if (name === undefined) {
      return `unknown comparison "${key}" (use equal_to, greater_than, less_than, geq_to, ` +
        "leq_to, tolerance)";
    }
    if (name === "tolerance") {
      if (typeof bound !== "number" || !(bound >= 0)) {
        return `tolerance must be a non-negative number, got ${show(bound)}`;
      }
      tolerance = bound;
    } else if (typeof bound === "number" || typeof bound === "string") {
      bounds[name] = bound;
    } else {
      return `${key} must be a number or text, got ${show(bound)}`;
    }
  }
  if (Object.keys(bounds).length === 0) return "needs at least one of equal_to, greater_than, …";
  if (tolerance !== null && Object.values(bounds).some((bound) => asNumber(bound) === null)) {
    return "tolerance applies to numbers only";
  }
  return { bounds, tolerance };
}

/** Whether `result` satisfies every bound of `comparison` (null counts as 0 when `nullAsZero`). */
export function satisfies(
  comparison: NormalComparison,
  result: SqlValue,
  { nullAsZero = false } = {},
): boolean {
  const value = result === null && nullAsZero ? 0 : result;
  if (value === null) return false;
  const slack = comparison.tolerance ?? 0;
  return Object.entries(comparison.bounds).every(([key, bound]) => {
    const number = asNumber(value);
    const limit = asNumber(bound);
    if (number !== null && limit !== null) {
      switch (key as ComparisonKey) {
        case "equal_to":
          return limit * (1 - slack) <= number && number <= limit * (1 + slack);
        case "greater_than":
          return number > limit * (1 - slack);
        case "geq_to":
          return number >= limit * (1 - slack);
        case "less_than":
          return number < limit * (1 + slack);
        case "leq_to":
          return number <= limit * (1 + slack);
      }
    }
    const text = String(value instanceof Uint8Array ? "" : value);
    const other = String(bound);
    switch (key as ComparisonKey) {
      case "equal_to":
        return text === other;
      case "greater_than":
        return text > other;
      case "geq_to":
        return text >= other;
      case "less_than":
        return text < other;
      case "leq_to":
        return text <= other;
    }
  });
}

/** `greater_than 0, less_than 10 (tolerance 0.1)`. */
export function describeComparison(comparison: NormalComparison): string {
  const bounds = Object.entries(comparison.bounds).map(([key, bound]) => `${key} ${show(bound)}`);
  const tolerance = comparison.tolerance === null ? "" : ` (tolerance ${comparison.tolerance})`;
  return `${bounds.join(", ")}${tolerance}`;
}

/** A number from a number, a boolean or numeric text; null otherwise. */
export function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}
