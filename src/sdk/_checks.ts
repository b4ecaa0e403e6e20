/**
 * Definition-time checks shared by the builders: every failure is a `DefinitionError` naming the
 * DAG, the task and the field.
 *
 * @module
 */

import { DefinitionError } from "../core/mod.ts";

/** What a check is about. */
export interface Subject {
  dagId?: string;
  taskId?: string;
}

const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
const MAX_ID_LENGTH = 250;

/** `DAG "etl", task "load", retryDelay`: the prefix of every message about a field. */
export function where(subject: Subject, field?: string): string {
  const parts: string[] = [];
  if (subject.dagId !== undefined) parts.push(`DAG "${subject.dagId}"`);
  if (subject.taskId !== undefined) parts.push(`task "${subject.taskId}"`);
  if (field !== undefined) parts.push(field);
  return parts.join(", ");
}

/** A `DefinitionError` about `field` of `subject`, its message prefixed with where it is. */
export function definitionError(
  subject: Subject,
  field: string | undefined,
  message: string,
): DefinitionError {
  const prefix = where(subject, field);
  return new DefinitionError(prefix ? `${prefix}: ${message}` : message, { ...subject, field });
}

/** Throw {@link definitionError}. */
export function fail(subject: Subject, field: string | undefined, message: string): never {
  throw definitionError(subject, field, message);
}

/**
 * Run a core parser that takes a `where` prefix, and re-raise its `DefinitionError` with the
 * structured subject and field attached.
 */
export function parseField<T>(
  subject: Subject,
  field: string,
  parse: (where: string) => T,
): T {
  try {
    return parse(where(subject, field));
  } catch (error) {
    if (error instanceof DefinitionError) {
      throw new DefinitionError(error.message, { ...subject, field });
    }
    throw error;
  }
}

/** Check an id: letters, digits, `_`, `.` and `-`, at most 250 characters. */
export function checkId(value: unknown, subject: Subject, what: "DAG" | "task"): string {
  const field = "id";
  if (typeof value !== "string" || value === "") {
    fail(subject, field, `every ${what} needs an id (a non-empty string), got ${show(value)}`);
  }
  if (!ID_PATTERN.test(value)) {
    fail(
      subject,
      field,
      `invalid ${what} id ${show(value)}: use only letters, digits, "_", "." and "-"`,
    );
  }
  if (value.length > MAX_ID_LENGTH) {
    fail(subject, field, `${what} id is ${value.length} characters long; at most 250 allowed`);
  }
  return value;
}

/** Refuse option names the builder does not know (a typo would otherwise be ignored). */
export function checkKnownKeys(
  options: object,
  known: ReadonlySet<string>,
  subject: Subject,
): void {
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      fail(subject, key, `unknown option; valid options: ${[...known].join(", ")}`);
    }
  }
}

/** A boolean option, or its default when undefined. */
export function optionalBoolean(
  value: unknown,
  fallback: boolean,
  subject: Subject,
  field: string,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(subject, field, `must be true or false, got ${show(value)}`);
  return value;
}

/** A string option, or its default when undefined. */
export function optionalString<T extends string | null>(
  value: unknown,
  fallback: T,
  subject: Subject,
  field: string,
): string | T {
  if (value === undefined) return fallback;
  if (typeof value !== "string") fail(subject, field, `must be a string, got ${show(value)}`);
  return value;
}

/** An integer option of at least `minimum`, or its default when undefined. */
export function optionalInteger<T extends number | null>(
  value: unknown,
  fallback: T,
  subject: Subject,
  options: { field: string; minimum: number },
): number | T {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < options.minimum) {
    fail(subject, options.field, `must be an integer ≥ ${options.minimum}, got ${show(value)}`);
  }
  return value;
}

/** An array of strings, or an empty array when undefined. */
export function optionalStringList(value: unknown, subject: Subject, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    fail(subject, field, `must be a list of strings, got ${show(value)}`);
  }
  return [...value];
}

/** A short, readable rendering of a value for an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
