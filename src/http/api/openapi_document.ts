/**
 * Updraft's OpenAPI 3.0 document, generated from the routes' declarations and the zod schemas
 * they validate and answer with, so it cannot drift from what the API does.
 *
 * @module
 */

import { z } from "zod";
import { type AnyRoute, isArraySchema } from "./_router.ts";
import { PROBLEMS, type ProblemStatus } from "./_problem.ts";
import { apiSchemas } from "./_schemas.ts";

type JsonSchema = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";
const SAFE_INTEGER_BOUND = Number.MAX_SAFE_INTEGER;

/** Build the OpenAPI document for `routes`, served at `/api/v1/openapi.json`. */
export function buildOpenApiDocument(
  routes: readonly AnyRoute[],
  options: { version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation(route);
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Updraft API",
      version: options.version,
      description: "Updraft's REST API, shaped like Apache Airflow's stable REST API v1.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ Basic: [] }],
    paths,
    components: {
      schemas: componentSchemas(routes),
      responses: Object.fromEntries(
        Object.values(PROBLEMS).map(({ name, title }) => [name, {
          description: title,
          content: {
            "application/problem+json": { schema: { $ref: `${COMPONENTS}Error` } },
          },
        }]),
      ),
      securitySchemes: { Basic: { type: "http", scheme: "basic" } },
    },
  };
}

function componentSchemas(routes: readonly AnyRoute[]): Record<string, JsonSchema> {
  const requestIds = new Set(
    routes.flatMap((route) => route.body ? [idOf(route.body, route)] : []),
  );
  const convert = (io: "input" | "output") =>
    z.toJSONSchema(apiSchemas, {
      target: "openapi-3.0",
      io,
      unrepresentable: "any",
      uri: (id) => COMPONENTS + id,
      metadata: apiSchemas,
    }).schemas as Record<string, JsonSchema>;
  const outputs = convert("output");
  const inputs = convert("input");
  const schemas: Record<string, JsonSchema> = {};
  for (const id of Object.keys(outputs).sort()) {
    schemas[id] = tidy(requestIds.has(id) ? inputs[id] : outputs[id]) as JsonSchema;
  }
  return schemas;
}

function operation(route: AnyRoute): Record<string, unknown> {
  const guarded = route.access !== "public";
  const errors = new Set<ProblemStatus>(route.errors ?? []);
  if (guarded) [401, 403].forEach((status) => errors.add(status as ProblemStatus));
  errors.add(500);
  const responses: Record<string, unknown> = {
    [String(route.response.status)]: successResponse(route),
  };
  for (const status of [...errors].sort()) {
    responses[String(status)] = { $ref: `#/components/responses/${PROBLEMS[status].name}` };
  }
  const result: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
    responses,
  };
  if (route.body) {
    result.requestBody = {
      required: true,
      content: { "application/json": { schema: { $ref: COMPONENTS + idOf(route.body, route) } } },
    };
  }
  if (!guarded) result.security = [];
  return result;
}

function successResponse(route: AnyRoute): Record<string, unknown> {
  const { response } = route;
  if (!response.schema) return { description: response.description };
  const content: Record<string, unknown> = {
    "application/json": { schema: { $ref: COMPONENTS + idOf(response.schema, route) } },
  };
  if (response.text) content["text/plain"] = { schema: { type: "string" } };
  return { description: response.description, content };
}

function parameters(schema: z.ZodType | undefined, location: "path" | "query"): unknown[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const parameter: Record<string, unknown> = {
      name,
      in: location,
      required: location === "path" || !field.safeParse(undefined).success,
      schema: tidy(z.toJSONSchema(field, {
        target: "openapi-3.0",
        io: "input",
        unrepresentable: "any",
        metadata: apiSchemas,
      })),
    };
    if (isArraySchema(field)) parameter.explode = true;
    return parameter;
  });
}

function idOf(schema: z.ZodType, route: AnyRoute): string {
  const id = apiSchemas.get(schema)?.id;
  if (id === undefined) {
    throw new Error(
      `Building the OpenAPI document failed: a schema of ${route.method.toUpperCase()} ${route.path} has no component id (declare it with named())`,
    );
  }
  return id;
}

/** Drop what only adds noise: `$id`, `$schema`, and the safe-integer bounds of `.int()`. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "$id" || key === "$schema") continue;
    if (
      (key === "minimum" || key === "maximum") && Math.abs(item as number) === SAFE_INTEGER_BOUND
    ) {
      continue;
    }
    result[key] = tidy(item);
  }
  return result;
}
