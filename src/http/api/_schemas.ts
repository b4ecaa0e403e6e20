/**
 * The registry of the API's named schemas (the OpenAPI document's `components.schemas`) and
 * the small builders the request and response schemas share.
 *
 * @module
 */

import { z } from "zod";

/** Metadata the OpenAPI document reads from a schema. */
export interface ApiSchemaMeta {
  /** Its name under `components.schemas`. */
  id?: string;
  description?: string;
  format?: string;
}

/** The API's own schema registry, kept apart from zod's global one. */
export const apiSchemas = z.registry<ApiSchemaMeta>();

/** Register `schema` as the named component `id`. */
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  apiSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** Attach a description or format to a schema, for the OpenAPI document. */
export function described<T extends z.ZodType>(schema: T, meta: Omit<ApiSchemaMeta, "id">): T {
  apiSchemas.add(schema, meta);
  return schema;
}

/** An ISO-8601 instant with offset, as the API writes dates. */
export function dateTimeText(): z.ZodString {
  return described(z.string(), { format: "date-time" });
}

/** A nullable ISO-8601 instant. */
export function nullableDateTimeText(): z.ZodNullable<z.ZodString> {
  return dateTimeText().nullable();
}

/** RFC 7807 problem JSON (fact 135). */
export const ErrorSchema = named(
  "Error",
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
  }),
  "RFC 7807 problem details: what failed and why.",
);

/** Any JSON object (values are JSON; left open in the document). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
