/**
 * `/roles` and `/permissions`: Updraft's four fixed roles and what each may do, read from the
 * role table (`MINIMUM_ROLE`) in Airflow's Role shape. Roles cannot be created or changed.
 *
 * @module
 */

import { z } from "zod";
import { type Role, ROLES } from "../../core/mod.ts";
import { type Action, isAllowed, MINIMUM_ROLE, type Resource } from "../auth/mod.ts";
import { orderBy, pageLimit, pageOffset } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";

/** A permission action: `can_read`, `can_create`, `can_edit`, `can_delete`. */
export const ActionSchema = named("Action", z.object({ name: z.string() }));

/** A resource permissions are granted on, by Airflow's name for it. */
export const ResourceSchema = named("Resource", z.object({ name: z.string() }));

/** One action on one resource. */
export const ActionResourceSchema = named(
  "ActionResource",
  z.object({ action: ActionSchema, resource: ResourceSchema }),
);

/** A role with every action it may take. */
export const RoleSchema = named(
  "Role",
  z.object({ name: z.string(), actions: z.array(ActionResourceSchema) }),
);

/** A page of roles. */
export const RoleCollectionSchema = named(
  "RoleCollection",
  z.object({ roles: z.array(RoleSchema), total_entries: z.number().int() }),
);

/** A page of permission actions. */
export const ActionCollectionSchema = named(
  "ActionCollection",
  z.object({ actions: z.array(ActionSchema), total_entries: z.number().int() }),
);

const ACTIONS: readonly Action[] = ["read", "create", "edit", "delete"];

/** Airflow's names of the resources (`airflow.security.permissions`). */
const RESOURCE_NAMES: Partial<Record<Resource, string>> = {
  dags: "DAGs",
  dag_code: "DAG Code",
  dag_runs: "DAG Runs",
  task_instances: "Task Instances",
  task_logs: "Task Logs",
  xcoms: "XComs",
  import_errors: "ImportError",
  variables: "Variables",
  connections: "Connections",
  pools: "Pools",
  users: "Users",
  config: "Configurations",
};

/** What a role may do, as Airflow lists it. */
export function toRoleDto(role: Role): z.infer<typeof RoleSchema> {
  const resources = Object.keys(MINIMUM_ROLE) as Resource[];
  return {
    name: role,
    actions: resources.flatMap((resource) =>
      ACTIONS.filter((action) => isAllowed(role, { resource, action })).map((action) => ({
        action: { name: `can_${action}` },
        resource: { name: RESOURCE_NAMES[resource] ?? resource },
      }))
    ),
  };
}

/** Add `/roles`, `/roles/{role_name}` and `/permissions`; only those who manage users read them. */
export function addRoleRoutes(router: ApiRouter): void {
  const access = { resource: "users", action: "read" } as const;
  const tag = "Role";
  const page = { limit: pageLimit, offset: pageOffset };

  router.add({
    method: "get",
    path: "/roles",
    operationId: "get_roles",
    summary: "List the roles and what each may do",
    tag,
    access,
    query: z.object({ ...page, order_by: orderBy(["name"]) }),
    response: { status: 200, description: "A page of roles.", schema: RoleCollectionSchema },
    errors: [400],
    handle({ query }) {
      const names = [...ROLES].sort();
      if (query.order_by === "-name") names.reverse();
      const roles = names.slice(query.offset, query.offset + query.limit).map(toRoleDto);
      return json({ roles, total_entries: names.length });
    },
  });

  router.add({
    method: "get",
    path: "/roles/{role_name}",
    operationId: "get_role",
    summary: "Get a role and what it may do",
    tag,
    access,
    params: z.object({ role_name: z.string() }),
    response: { status: 200, description: "The role.", schema: RoleSchema },
    errors: [404],
    handle({ params }) {
      const role = ROLES.find((name) => name === params.role_name);
      if (role === undefined) {
        throw new ApiProblem(
          404,
          `Role with name '${params.role_name}' was not found (roles: ${ROLES.join(", ")})`,
          { title: "Role not found" },
        );
      }
      return json(toRoleDto(role));
    },
  });

  router.add({
    method: "get",
    path: "/permissions",
    operationId: "get_permissions",
    summary: "List the permission actions",
    tag: "Permission",
    access,
    query: z.object(page),
    response: { status: 200, description: "The actions.", schema: ActionCollectionSchema },
    errors: [400],
    handle({ query }) {
      const actions = ACTIONS.map((action) => ({ name: `can_${action}` }));
      return json({
        actions: actions.slice(query.offset, query.offset + query.limit),
        total_entries: actions.length,
      });
    },
  });
}
