/**
 * Checks of the operators' fields when a DAG file is parsed, so a mistake is an import error
 * naming the task and the field instead of a failed try.
 *
 * @module
 */

import { DefinitionError } from "updraft";

/** Parameters as an operator field holds them (JSON): a list, or an object by name. */
export type JsonParameters =
  | (string | number | boolean | null)[]
  | { [name: string]: string | number | boolean | null };

/** The fields every SQL operator has. */
export interface ConnectionField {
  /** The id of a sqlite, postgres or mysql connection. */
  connId: string;
}

/** Checks one operator's options; `field(name)` errors name the task and the field. */
export class FieldChecker {
  constructor(readonly operator: string, readonly options: { id?: unknown }) {}

  /** An error about `field`. */
  error(field: string, message: string): DefinitionError {
    const taskId = typeof this.options.id === "string" ? this.options.id : undefined;
    const where = taskId === undefined ? this.operator : `task "${taskId}"`;
    return new DefinitionError(`${where}, ${field}: ${message}`, { taskId, field });
  }

  /** `connId` must be a non-empty literal (connections are resolved from it when parsed). */
  connId(value: unknown): void {
    if (typeof value !== "string" || value.trim() === "") {
      throw this.error("connId", "needs the id of a sqlite, postgres or mysql connection");
    }
  }

  /** A string, or (when `list`) a non-empty list of strings. */
  text(field: string, value: unknown, { list = false, optional = false } = {}): void {
    if (value === undefined && optional) return;
    if (typeof value === "string" && value.trim() !== "") return;
    if (list && Array.isArray(value) && value.length > 0) {
      if (value.every((item) => typeof item === "string" && item.trim() !== "")) return;
    }
    throw this.error(
      field,
      list ? "needs SQL text or a non-empty list of statements" : "needs non-empty text",
    );
  }

  /** An integer at least `minimum`, when given. */
  integer(field: string, value: unknown, minimum: number): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
      throw this.error(field, `must be an integer of at least ${minimum}, got ${show(value)}`);
    }
  }

  /** A boolean, when given. */
  boolean(field: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") {
      throw this.error(field, `must be true or false, got ${show(value)}`);
    }
  }

  /** A list or an object of JSON scalars, when given. */
  parameters(value: unknown): void {
    if (value === undefined) return;
    const scalars = (items: unknown[]) =>
      items.every((item) => item === null || ["string", "number", "boolean"].includes(typeof item));
    if (Array.isArray(value) ? scalars(value) : isObject(value) && scalars(Object.values(value))) {
      return;
    }
    throw this.error("parameters", "must be a list or an object of strings, numbers, booleans");
  }
}

/** Whether `value` is a plain object (not a list, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value as an error message shows it. */
export function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value) ?? String(value);
}
