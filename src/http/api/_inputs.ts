/**
 * Input pieces shared by the routes: paging (fact 137), ordering, booleans and dates in query
 * strings (naive means UTC), dates in bodies (naive is refused, fact 134).
 *
 * @module
 */

import { z } from "zod";
import { parseDate } from "../../core/mod.ts";
import { ApiProblem } from "./_problem.ts";
import { described } from "./_schemas.ts";

/** `[api] maximum_page_limit`: larger limits are cut to this, and 0 means this. */
export const MAXIMUM_PAGE_LIMIT = 100;

/** `limit`: default 100, capped at 100, 0 → 100, negative → 400. */
export const pageLimit = z.coerce
  .number({ error: "must be an integer" })
  .int({ error: "must be an integer" })
  .min(0, { error: "must not be negative" })
  .optional()
  .transform((
    limit,
  ) => (limit === undefined || limit === 0
    ? MAXIMUM_PAGE_LIMIT
    : Math.min(limit, MAXIMUM_PAGE_LIMIT))
  );

/** `offset`: default 0, negative → 400. */
export const pageOffset = z.coerce
  .number({ error: "must be an integer" })
  .int({ error: "must be an integer" })
  .min(0, { error: "must not be negative" })
  .optional()
  .transform((offset) => offset ?? 0);

/** `page_offset` in a list request's body: default 0, negative → 400. */
export const bodyPageOffset = z.number({ error: "must be an integer" })
  .int({ error: "must be an integer" })
  .min(0, { error: "must not be negative" })
  .default(0);

/** `page_limit` in a list request's body: default 100, at least 1 (not capped, as in Airflow). */
export const bodyPageLimit = z.number({ error: "must be an integer" })
  .int({ error: "must be an integer" })
  .min(1, { error: "must be at least 1" })
  .default(100);

/** `order_by`: one of `fields`, optionally prefixed with `-` for descending. */
export function orderBy(fields: readonly string[]) {
  return z
    .string()
    .optional()
    .refine((value) => value === undefined || fields.includes(value.replace(/^-/, "")), {
      error: (issue) =>
        `cannot order by "${String(issue.input).replace(/^-/, "")}"; allowed fields are ${
          fields.join(", ")
        } (prefix "-" for descending)`,
    });
}

/** A boolean query parameter: `true`/`false` (also `1`/`0`). */
export function queryBoolean() {
  return z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      const text = value.trim().toLowerCase();
      return text === "true" || text === "1"
        ? true
        : text === "false" || text === "0"
        ? false
        : value;
    },
    z.boolean({ error: "must be true or false" }),
  );
}

/** A repeated query parameter (`state=a&state=b`) whose values come from `values`. */
export function queryEnumList<const T extends readonly [string, ...string[]]>(values: T) {
  return z.array(
    z.enum(values, {
      error: (issue) => `unknown value "${issue.input}"; expected one of ${values.join(", ")}`,
    }),
  );
}

/**
 * A date-time in a query string: ISO-8601, naive means UTC (fact 134). A `+` that the query
 * string turned into a space before the offset is put back.
 */
export function queryDate() {
  return described(z.string(), { format: "date-time" }).transform((text, context) => {
    const restored = text.trim().replace(/ (\d{2}:?\d{2})$/, "+$1");
    try {
      return parseDate(restored, "date");
    } catch {
      context.addIssue({
        code: "custom",
        message: `invalid date-time "${text}" (use ISO-8601, e.g. 2024-01-01T00:00:00+00:00)`,
      });
      return z.NEVER;
    }
  });
}

/** A time of day followed by an offset, at the end: what makes a date-time not naive. */
const OFFSET = /\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** A date-time in a request body: ISO-8601 with an offset; a naive one is refused (fact 134). */
export function bodyDate() {
  return described(z.string({ error: "must be an ISO-8601 date-time string" }), {
    format: "date-time",
  })
    .transform((text, context) => {
      let parsed: number;
      try {
        parsed = parseDate(text, "date");
      } catch {
        context.addIssue({
          code: "custom",
          message: `invalid date-time "${text}" (use ISO-8601, e.g. 2024-01-01T00:00:00+00:00)`,
        });
        return z.NEVER;
      }
      if (!OFFSET.test(text.trim())) {
        context.addIssue({ code: "custom", message: "Naive datetime is disallowed" });
        return z.NEVER;
      }
      return parsed;
    });
}

/** `update_mask`: comma-separated field names, possibly repeated. */
export const updateMask = z
  .array(z.string())
  .optional()
  .transform((values) =>
    values === undefined
      ? undefined
      : values.flatMap((value) => value.split(",")).map((name) => name.trim()).filter((name) =>
        name !== ""
      )
  );

/** `fields`: which fields of each item to return. */
export const returnFields = described(z.array(z.string()).optional(), {
  description: "Return only these fields of each object (all when absent).",
});

/** Keep only `fields` of an object; unknown field names are a 400. */
export function pickFields<T extends object>(value: T, fields: string[] | undefined): Partial<T> {
  if (fields === undefined || fields.length === 0) return value;
  const record = value as Record<string, unknown>;
  const unknown = fields.filter((field) => !(field in record));
  if (unknown.length > 0) {
    throw new ApiProblem(
      400,
      `unknown field(s) in "fields": ${unknown.join(", ")}; known fields are ${
        Object.keys(record).join(", ")
      }`,
    );
  }
  return Object.fromEntries(fields.map((field) => [field, record[field]])) as Partial<T>;
}

/** Inclusive bounds from `*_gte`/`*_lte`, or undefined when neither is given. */
export function range(
  gte: number | undefined,
  lte: number | undefined,
): { gte?: number; lte?: number } | undefined {
  return gte === undefined && lte === undefined ? undefined : { gte, lte };
}

/** The `*_gte` / `*_lte` date filters that DAG runs and task instances share (facts 144, 148). */
export const DATE_RANGE_FILTERS = {
  execution_date_gte: queryDate().optional(),
  execution_date_lte: queryDate().optional(),
  start_date_gte: queryDate().optional(),
  start_date_lte: queryDate().optional(),
  end_date_gte: queryDate().optional(),
  end_date_lte: queryDate().optional(),
  updated_at_gte: queryDate().optional(),
  updated_at_lte: queryDate().optional(),
};

/** What the date filters parse to. */
type DateRangeFilters = { [K in keyof typeof DATE_RANGE_FILTERS]?: number };

/** The store's time ranges from the parsed date filters. */
export function dateRanges(query: DateRangeFilters) {
  return {
    logicalDate: range(query.execution_date_gte, query.execution_date_lte),
    startDate: range(query.start_date_gte, query.start_date_lte),
    endDate: range(query.end_date_gte, query.end_date_lte),
    updatedAt: range(query.updated_at_gte, query.updated_at_lte),
  };
}
