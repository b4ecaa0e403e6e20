/**
 * Rows as XCom values: JSON only, so bytes become base64 text.
 *
 * @module
 */

import type { SqlResult, SqlValue } from "./types.ts";

/** The rows of `result` as JSON: lists in column order, or objects by column name. */
export function rowsAsJson(result: SqlResult, shape: "lists" | "objects"): SqlValue[] {
  const rows = result.rows.map((row) => row.map(jsonValue));
  if (shape === "lists") return rows;
  return rows.map((row) =>
    Object.fromEntries(result.columns.map((name, index) => [name, row[index]]))
  );
}

/** A value as JSON: bytes as base64 text, lists and objects converted inside. */
export function jsonValue(value: SqlValue): SqlValue {
  if (value instanceof Uint8Array) return base64(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonValue(item)]));
  }
  return value;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
