/**
 * `/variables`: list, create or overwrite, read, update and delete variables (fact 156).
 *
 * @module
 */

import { z } from "zod";
import type { Variable } from "../../core/mod.ts";
import { orderBy, pageLimit, pageOffset, updateMask } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";
import { toVariableDto, VariableCollectionSchema, VariableSchema } from "./_small_dtos.ts";

/** The fields `PATCH /variables/{variable_key}` may update. */
const UPDATABLE_FIELDS = ["value", "description"] as const;

const variableKey = z.string({ error: "must be a string" })
  .min(1, { error: "must not be empty" })
  .max(250, { error: "must be at most 250 characters" });

/** The body of `POST /variables` and `PATCH /variables/{variable_key}`. */
const VariableBody = named(
  "VariableBody",
  z.strictObject({
    key: variableKey,
    value: z.string({ error: "must be a string" }),
    description: z.string().nullable().optional(),
  }),
  "A variable to write; its value is a string (JSON values as JSON text).",
);

const KeyPath = z.object({ variable_key: variableKey });

/** Add the variable routes. */
export function addVariableRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;
  const notFound = (key: string) =>
    new ApiProblem(404, `Variable '${key}' does not exist`, { title: "Variable not found" });

  router.add({
    method: "get",
    path: "/variables",
    operationId: "get_variables",
    summary: "List variables",
    tag: "Variable",
    access: { resource: "variables", action: "read" },
    query: z.object({
      limit: pageLimit,
      offset: pageOffset,
      order_by: orderBy(ORDER_FIELDS.variables),
    }),
    response: {
      status: 200,
      description: "A page of variables.",
      schema: VariableCollectionSchema,
    },
    errors: [400],
    async handle({ query }) {
      const page = await store.listVariables({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      return json({ variables: page.items.map(toVariableDto), total_entries: page.total });
    },
  });

  router.add({
    method: "post",
    path: "/variables",
    operationId: "post_variables",
    summary: "Create a variable, or overwrite one with the same key",
    tag: "Variable",
    access: { resource: "variables", action: "create" },
    body: VariableBody,
    response: { status: 200, description: "The variable as stored.", schema: VariableSchema },
    errors: [400],
    async handle({ body }) {
      const variable: Variable = {
        key: body.key,
        value: body.value,
        description: body.description ?? null,
      };
      await store.setVariable(variable);
      return json(toVariableDto(variable));
    },
  });

  router.add({
    method: "get",
    path: "/variables/{variable_key}",
    greedyParams: ["variable_key"],
    operationId: "get_variable",
    summary: "Get a variable",
    tag: "Variable",
    access: { resource: "variables", action: "read" },
    params: KeyPath,
    response: { status: 200, description: "The variable.", schema: VariableSchema },
    errors: [404],
    async handle({ params }) {
      const variable = await store.getVariable(params.variable_key);
      if (variable === null) throw notFound(params.variable_key);
      return json(toVariableDto(variable));
    },
  });

  router.add({
    method: "patch",
    path: "/variables/{variable_key}",
    greedyParams: ["variable_key"],
    operationId: "patch_variable",
    summary: "Update a variable",
    tag: "Variable",
    access: { resource: "variables", action: "edit" },
    params: KeyPath,
    query: z.object({ update_mask: updateMask }),
    body: VariableBody,
    response: { status: 200, description: "The variable as stored.", schema: VariableSchema },
    errors: [400, 404],
    async handle({ params, query, body }) {
      if (body.key !== params.variable_key) {
        throw new ApiProblem(
          400,
          `key from request body ('${body.key}') doesn't match uri parameter ('${params.variable_key}')`,
          { title: "Invalid post body" },
        );
      }
      const mask = query.update_mask;
      const unknown = (mask ?? []).filter((field) =>
        !(UPDATABLE_FIELDS as readonly string[]).includes(field)
      );
      if (unknown.length > 0) {
        throw new ApiProblem(
          400,
          `'${unknown[0]}' is unknown or cannot be updated (updatable: ${
            UPDATABLE_FIELDS.join(", ")
          })`,
        );
      }
      const current = await store.getVariable(params.variable_key);
      if (current === null) throw notFound(params.variable_key);
      const wants = (field: string) => mask === undefined || mask.includes(field);
      const updated: Variable = {
        key: current.key,
        value: wants("value") ? body.value : current.value,
        description: wants("description") && body.description !== undefined
          ? body.description
          : current.description,
      };
      await store.setVariable(updated);
      return json(toVariableDto(updated));
    },
  });

  router.add({
    method: "delete",
    path: "/variables/{variable_key}",
    greedyParams: ["variable_key"],
    operationId: "delete_variable",
    summary: "Delete a variable",
    tag: "Variable",
    access: { resource: "variables", action: "delete" },
    params: KeyPath,
    response: { status: 204, description: "Deleted." },
    errors: [404],
    async handle({ params }) {
      if (!(await store.deleteVariable(params.variable_key))) throw notFound(params.variable_key);
      return new Response(null, { status: 204 });
    },
  });
}
