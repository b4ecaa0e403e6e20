/**
 * Test support: checking JSON values against the schemas of an OpenAPI 3.0 document, for the
 * subset the Airflow document and Updraft's own use (type, nullable, properties, required,
 * additionalProperties, items, enum, allOf, anyOf, oneOf, $ref, format date-time).
 *
 * @module
 */

import { parse } from "yaml";

type Schema = Record<string, unknown>;

/** An OpenAPI document whose component schemas values can be checked against. */
export class OpenApiSchemas {
  readonly #components: Record<string, Schema>;
  readonly #source: string;

  constructor(document: unknown, source: string) {
    const components = (document as { components?: { schemas?: Record<string, Schema> } })
      ?.components?.schemas;
    if (!components) throw new Error(`${source}: no components.schemas`);
    this.#components = components;
    this.#source = source;
  }

  /** Read a YAML (or JSON) OpenAPI document. */
  static async load(url: URL): Promise<OpenApiSchemas> {
    return new OpenApiSchemas(parse(await Deno.readTextFile(url)), url.pathname);
  }

  /** Whether the document names this schema. */
  has(name: string): boolean {
    return name in this.#components;
  }

  /** What is wrong with `value` as schema `name`; empty when it conforms. */
  check(name: string, value: unknown): string[] {
    const schema = this.#components[name];
    if (!schema) throw new Error(`${this.#source} has no schema ${name}`);
    const problems: string[] = [];
    this.#check(schema, value, name, problems);
    return problems;
  }

  /** Throw, listing what is wrong, unless `value` conforms to schema `name`. */
  assert(name: string, value: unknown): void {
    const problems = this.check(name, value);
    if (problems.length > 0) {
      throw new Error(
        `value does not match ${name} of ${this.#source}:\n  ${problems.join("\n  ")}\nvalue: ${
          JSON.stringify(value)
        }`,
      );
    }
  }

  #resolve(schema: Schema): Schema {
    let current = schema;
    for (let depth = 0; typeof current.$ref === "string" && depth < 20; depth++) {
      const name = (current.$ref as string).replace(/^#\/components\/schemas\//, "");
      const target = this.#components[name];
      if (!target) throw new Error(`${this.#source}: unresolvable $ref ${current.$ref}`);
      current = target;
    }
    return current;
  }

  #check(raw: Schema, value: unknown, path: string, problems: string[]): void {
    const schema = this.#resolve(raw);
    if (value === null && schema.nullable === true) return;
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf as Schema[]) this.#check(part, value, path, problems);
    }
    for (const key of ["anyOf", "oneOf"] as const) {
      const options = schema[key];
      if (!Array.isArray(options)) continue;
      const fits = (options as Schema[]).some((option) => {
        const found: string[] = [];
        this.#check(option, value, path, found);
        return found.length === 0;
      });
      if (!fits) problems.push(`${path}: matches none of ${key} (${JSON.stringify(value)})`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
      problems.push(
        `${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`,
      );
      return;
    }
    if (typeof schema.type === "string" && !hasType(value, schema.type)) {
      problems.push(`${path}: expected ${schema.type}, got ${JSON.stringify(value)}`);
      return;
    }
    if (
      (schema.format === "date-time" || schema.format === "datetime") &&
      typeof value === "string" &&
      !ISO_WITH_OFFSET.test(value)
    ) {
      problems.push(`${path}: "${value}" is not an ISO-8601 date-time with offset`);
    }
    if (Array.isArray(value) && schema.items) {
      value.forEach((item, index) =>
        this.#check(schema.items as Schema, item, `${path}[${index}]`, problems)
      );
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      this.#checkObject(schema, value as Record<string, unknown>, path, problems);
    }
  }

  #checkObject(
    schema: Schema,
    value: Record<string, unknown>,
    path: string,
    problems: string[],
  ): void {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in value)) problems.push(`${path}: missing required property ${name}`);
    }
    for (const [name, item] of Object.entries(value)) {
      if (properties[name]) {
        this.#check(properties[name], item, `${path}.${name}`, problems);
      } else if (schema.additionalProperties === false) {
        problems.push(`${path}: unexpected property ${name}`);
      } else if (typeof schema.additionalProperties === "object") {
        this.#check(schema.additionalProperties as Schema, item, `${path}.${name}`, problems);
      }
    }
  }
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return true;
  }
}

/** The Airflow 2.10 REST API document, copied into the repository's test fixtures. */
export const AIRFLOW_OPENAPI_URL = new URL(
  "../../../tests/fixtures/airflow-rest-api-v1.yaml",
  import.meta.url,
);

let airflow: Promise<OpenApiSchemas> | null = null;

/** The Airflow document's schemas, loaded once. */
export function airflowSchemas(): Promise<OpenApiSchemas> {
  airflow ??= OpenApiSchemas.load(AIRFLOW_OPENAPI_URL);
  return airflow;
}
