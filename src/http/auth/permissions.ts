/**
 * Who may do what: the minimum role for each action on each resource, in one table, following
 * Airflow's role split. Viewer reads; User also triggers, clears, marks and pauses (edits DAGs,
 * runs and task instances); Op also edits connections, variables and pools and reads the
 * configuration and connections; Admin also manages users.
 *
 * @module
 */

import { type Role, ROLES } from "../../core/mod.ts";

/** What a request does to a resource. */
export type Action = "read" | "create" | "edit" | "delete";

/** The resources the API and the dashboard guard. */
export type Resource =
  | "dags"
  | "dag_code"
  | "dag_runs"
  | "task_instances"
  | "task_logs"
  | "xcoms"
  | "import_errors"
  | "variables"
  | "connections"
  | "pools"
  | "users"
  | "config";

const VIEW_ONLY = { read: "Viewer", create: "Admin", edit: "Admin", delete: "Admin" } as const;
const USER_EDITS = { read: "Viewer", create: "User", edit: "User", delete: "User" } as const;
const OP_EDITS = { read: "Viewer", create: "Op", edit: "Op", delete: "Op" } as const;

/** The least role that may perform each action on each resource. */
export const MINIMUM_ROLE: Readonly<Record<Resource, Readonly<Record<Action, Role>>>> = {
  dags: USER_EDITS,
  dag_code: VIEW_ONLY,
  dag_runs: USER_EDITS,
  task_instances: USER_EDITS,
  task_logs: VIEW_ONLY,
  xcoms: VIEW_ONLY,
  import_errors: VIEW_ONLY,
  variables: OP_EDITS,
  pools: OP_EDITS,
  // Hosts and logins of connections are for operators, as in Airflow; passwords never leave.
  connections: { read: "Op", create: "Op", edit: "Op", delete: "Op" },
  config: { read: "Op", create: "Admin", edit: "Admin", delete: "Admin" },
  users: { read: "Admin", create: "Admin", edit: "Admin", delete: "Admin" },
};

/** Whether a user with `role` may perform `action` on `resource`. */
export function isAllowed(role: Role, permission: { resource: Resource; action: Action }): boolean {
  const needed = MINIMUM_ROLE[permission.resource][permission.action];
  const rank = ROLES.indexOf(role);
  return rank >= 0 && rank >= ROLES.indexOf(needed);
}
