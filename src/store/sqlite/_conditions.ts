/**
 * WHERE clauses built from query filters. Lists are passed as one JSON parameter read with
 * `json_each`, so a statement's text does not depend on a list's length and stays cached.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type { TimeRange } from "../store.ts";

/** Conditions joined with AND, and their parameters in order. */
export class Conditions {
  readonly #parts: string[] = [];
  readonly parameters: SQLInputValue[] = [];

  /** Add a condition with its `?` parameters. */
  add(sql: string, ...parameters: SQLInputValue[]): this {
    this.#parts.push(sql);
    this.parameters.push(...parameters);
    return this;
  }

  /** `column = value`, when the value is given. */
  equals(column: string, value: SQLInputValue | undefined): this {
    return value === undefined ? this : this.add(`${column} = ?`, value);
  }

  /** `column` is one of `values`, when a non-empty list is given; `null` matches NULL. */
  oneOf(column: string, values: readonly (string | null)[] | undefined): this {
    if (values === undefined || values.length === 0) return this;
    const named = values.filter((value) => value !== null);
    const inList = `${column} IN (SELECT value FROM json_each(?))`;
    if (named.length === values.length) return this.add(inList, JSON.stringify(named));
    return this.add(`(${inList} OR ${column} IS NULL)`, JSON.stringify(named));
  }

  /** Inclusive bounds on `column`, when given. */
  within(column: string, range: TimeRange | undefined): this {
    if (range?.gte !== undefined) this.add(`${column} >= ?`, range.gte);
    if (range?.lte !== undefined) this.add(`${column} <= ?`, range.lte);
    return this;
  }

  /** ` WHERE …`, or nothing when there is no condition. */
  toString(): string {
    return this.#parts.length === 0 ? "" : ` WHERE ${this.#parts.join(" AND ")}`;
  }
}

/** ` ORDER BY expression [DESC], tie-breakers`. */
export function orderClause(expression: string, descending: boolean, tieBreak: string): string {
  return ` ORDER BY ${expression}${descending ? " DESC" : ""}, ${tieBreak}`;
}
