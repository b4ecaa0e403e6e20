/**
 * A task's declared permissions as Deno Worker options, their canonical key (sandboxes are
 * pre-booted per key), and the message a denied access becomes.
 *
 * @module
 */

import type { Permissions } from "../core/mod.ts";

const KINDS = ["read", "write", "net", "env", "run"] as const;

/** The permissions of a sandbox Worker: only what was declared; never ffi, sys or imports. */
export interface WorkerPermissions {
  read: string[] | false;
  write: string[] | false;
  net: string[] | false;
  env: string[] | false;
  run: string[] | false;
  ffi: false;
  sys: false;
  import: false;
}

/** Builds a Worker's permission set from a task's declared permissions. */
export function workerPermissions(permissions: Permissions | undefined): WorkerPermissions {
  const list = (values: string[] | undefined) =>
    values && values.length > 0 ? [...new Set(values)].sort() : false as const;
  return {
    read: list(permissions?.read),
    write: list(permissions?.write),
    net: list(permissions?.net),
    env: list(permissions?.env),
    run: list(permissions?.run),
    ffi: false,
    sys: false,
    import: false,
  };
}

/** The canonical JSON of a permission set: equal sets give equal keys. */
export function permissionsKey(permissions: Permissions | undefined): string {
  return JSON.stringify(workerPermissions(permissions));
}

/** `read: ["/data"], net: ["api.example.com"]`, or `none`, for the try's log. */
export function describePermissions(permissions: Permissions | undefined): string {
  const granted = workerPermissions(permissions);
  const parts = KINDS.filter((kind) => granted[kind] !== false)
    .map((kind) => `${kind}: ${JSON.stringify(granted[kind])}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

const DENIAL = /Requires (\w+) access to "?([^",]*)"?/;

/**
 * When an error is a denied permission (`Deno.errors.NotCapable`, or any error whose message or
 * cause says "Requires read access to …"), the message naming what was denied and how to declare
 * it; null otherwise.
 */
export function describePermissionDenial(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const match = DENIAL.exec(message);
    if (match) return denialMessage(match[1], match[2]);
    current = current instanceof Error ? current.cause : undefined;
  }
  return null;
}

function denialMessage(kind: string, target: string): string {
  const what = target ? `${kind} access to "${target}"` : `${kind} access`;
  if (!(KINDS as readonly string[]).includes(kind)) {
    return `Permission denied: ${what}. Tasks cannot be granted ${kind} access.`;
  }
  const example = target ? `${JSON.stringify([target])}` : `["…"]`;
  return `Permission denied: ${what}. Declare it in the task's permissions, e.g. permissions: { ${kind}: ${example} }`;
}
