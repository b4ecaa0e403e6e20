/**
 * The OpenAPI document in a shape people read: operations grouped by tag, each with its
 * parameters, request body and responses, schemas named in short.
 *
 * @module
 */

import type { ApiGroup, ApiOperation, ApiPageProps } from "../../../ui/browse/mod.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const METHODS = ["get", "post", "put", "patch", "delete"];

/** The readable API page's props from an OpenAPI 3 document. */
export function readableApi(
  document: Record<string, unknown>,
  options: { documentUrl: string; origin: string },
): ApiPageProps {
  const doc = document as Json;
  const groups = new Map<string, ApiOperation[]>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? "Other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(readOperation(doc, method, path, operation));
    }
  }
  return {
    title: doc.info?.title ?? "API",
    version: doc.info?.version ?? "",
    description: doc.info?.description ?? "",
    basePath: doc.servers?.[0]?.url ?? "",
    documentUrl: options.documentUrl,
    origin: options.origin,
    groups: [...groups].map(([tag, operations]): ApiGroup => ({ tag, operations })),
  };
}

function readOperation(doc: Json, method: string, path: string, operation: Json): ApiOperation {
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  return {
    method,
    path,
    operationId: operation.operationId ?? `${method} ${path}`,
    summary: operation.summary ?? "",
    parameters: (operation.parameters ?? []).map((parameter: Json) => ({
      name: String(parameter.name),
      location: String(parameter.in),
      required: parameter.required === true,
      type: schemaText(parameter.schema),
      description: parameter.description ?? parameter.schema?.description ?? null,
    })),
    requestBody: body ? schemaText(body) : null,
    responses: Object.entries<Json>(operation.responses ?? {}).map(([status, response]) => {
      const resolved = response?.$ref ? lookUp(doc, response.$ref) ?? {} : response ?? {};
      const schema = resolved.content?.["application/json"]?.schema ??
        resolved.content?.["application/problem+json"]?.schema;
      return {
        status,
        description: resolved.description ?? "",
        schema: schema ? schemaText(schema) : null,
      };
    }),
    isPublic: Array.isArray(operation.security) && operation.security.length === 0,
  };
}

function lookUp(doc: Json, ref: string): Json {
  if (!ref.startsWith("#/")) return undefined;
  return ref.slice(2).split("/").reduce((node: Json, key) => node?.[key], doc);
}

/** A schema in short: `string`, `integer`, `DAGRun`, `string[]`, `"a" | "b"`, `… | null`. */
export function schemaText(schema: Json): string {
  if (!schema || typeof schema !== "object") return "any";
  let text: string;
  if (typeof schema.$ref === "string") text = schema.$ref.split("/").pop();
  else if (Array.isArray(schema.enum)) {
    text = schema.enum.map((value: unknown) => JSON.stringify(value)).join(" | ");
  } else if (Array.isArray(schema.anyOf ?? schema.oneOf ?? schema.allOf)) {
    text = (schema.anyOf ?? schema.oneOf ?? schema.allOf).map(schemaText).join(" | ");
  } else if (schema.type === "array") text = `${schemaText(schema.items)}[]`;
  else if (typeof schema.type === "string") {
    text = schema.format ? `${schema.type} (${schema.format})` : schema.type;
  } else text = "any";
  return schema.nullable === true ? `${text} | null` : text;
}
