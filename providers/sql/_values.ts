/**
 * Values between the drivers and the hooks: what comes back is made exact and plain (big
 * integers as strings, dates as ISO text), and what goes in is made bindable by each driver.
 *
 * @module
 */

import type { SqlValue } from "./types.ts";

/** A value a driver returned, as a {@link SqlValue}. */
export function fromDriver(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return exactInteger(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(fromDriver);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map((
        [key, item],
      ) => [key, fromDriver(item)]),
    );
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  return String(value);
}

/** An integer as a number when that is exact, else as its decimal text. */
export function exactInteger(value: bigint | string): number | string {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : String(value);
}

/**
 * A parameter for a driver that binds only scalars and bytes (SQLite, MySQL): lists and objects
 * become JSON text; for SQLite booleans become 1 and 0.
 */
export function toScalarParameter(value: SqlValue, booleansAsNumbers: boolean): SqlValue {
  if (typeof value === "boolean" && booleansAsNumbers) return value ? 1 : 0;
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return JSON.stringify(value);
  }
  return value;
}
