/**
 * Who may do what: the minimum role for each action on each resource, in one table. This is
 * the minimal split of the first API issue (any user reads; User edits DAGs, runs and task
 * instances; Op edits variables); the full role matrix extends this table.
 *
 * @module
 */

import { type Role, ROLES } from "../../core/mod.ts";

/** What a request does to a resource. */
export type Action = "read" | "create" | "edit" | "delete";

/** The resources the API guards. */
export type Resource =
  | "dags"
  | "dag_runs"
  | "task_instances"
  | "task_logs"
  | "xcoms"
  | "import_errors"
  | "variables";

/** The least role that may perform each action on each resource. */
export const MINIMUM_ROLE: Readonly<Record<Resource, Readonly<Record<Action, Role>>>> = {
  dags: { read: "Viewer", create: "User", edit: "User", delete: "User" },
  dag_runs: { read: "Viewer", create: "User", edit: "User", delete: "User" },
  task_instances: { read: "Viewer", create: "User", edit: "User", delete: "User" },
  task_logs: { read: "Viewer", create: "Admin", edit: "Admin", delete: "Admin" },
  xcoms: { read: "Viewer", create: "Admin", edit: "Admin", delete: "Admin" },
  import_errors: { read: "Viewer", create: "Admin", edit: "Admin", delete: "Admin" },
  variables: { read: "Viewer", create: "Op", edit: "Op", delete: "Op" },
};

/** Whether a user with `role` may perform `action` on `resource`. */
export function isAllowed(role: Role, permission: { resource: Resource; action: Action }): boolean {
  const needed = MINIMUM_ROLE[permission.resource][permission.action];
  const rank = ROLES.indexOf(role);
  return rank >= 0 && rank >= ROLES.indexOf(needed);
}
