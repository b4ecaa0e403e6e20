/**
 * Turns task options (with the DAG's `defaultArgs` laid under them) into the settings of a
 * `TaskDefinition`, checking each one.
 *
 * @module
 */

import {
  DEFAULT_POOL,
  DEFAULT_RETRY_DELAY_MS,
  DEPRECATED_TRIGGER_RULES,
  parseDuration,
  PERMISSION_KINDS,
  type Permissions,
  TRIGGER_RULES,
  type TriggerRule,
  WEIGHT_RULES,
  type WeightRule,
} from "../core/mod.ts";
import {
  fail,
  optionalBoolean,
  optionalInteger,
  optionalString,
  parseField,
  show,
  type Subject,
} from "./_checks.ts";
import type { TaskCallbacks, TaskSettings } from "./task_node.ts";
import type { DefaultArgs, TaskOptions } from "./types.ts";

/** The names of the options every task builder accepts. */
export const TASK_OPTION_KEYS: ReadonlySet<string> = new Set([
  "id",
  "retries",
  "retryDelay",
  "retryExponentialBackoff",
  "maxRetryDelay",
  "executionTimeout",
  "triggerRule",
  "dependsOnPast",
  "waitForDownstream",
  "pool",
  "poolSlots",
  "priorityWeight",
  "weightRule",
  "permissions",
  "connections",
  "owner",
  "onFailure",
  "onSuccess",
  "onRetry",
  "doc",
]);

/** The common settings of a task, before the builder adds its operator-specific parts. */
export type CommonSettings = Omit<
  TaskSettings,
  "operator" | "kind" | "branch" | "shortCircuit" | "templateFields" | "fields"
>;

/** What {@link normalizeTaskOptions} returns. */
export interface NormalizedTask {
  settings: CommonSettings;
  callbacks: TaskCallbacks;
  owner: string | null;
}

/**
 * Lay `options` over `defaults`, keeping a default where the option is undefined. `connections`
 * add up instead: a DAG-wide alert connection (`defaultArgs: { connections: ["smtp_default"] }`)
 * stays available to a task that lists its own.
 */
export function mergeDefaults(defaults: DefaultArgs, options: TaskOptions): TaskOptions {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) merged[key] = value;
  }
  if (Array.isArray(defaults.connections) && Array.isArray(options.connections)) {
    merged.connections = [...defaults.connections, ...options.connections];
  }
  return merged as unknown as TaskOptions;
}

/**
 * Check merged task options and normalize them; throws `DefinitionError` naming the field.
 * `fieldPrefix` (e.g. "defaultArgs.") prefixes the field names in messages.
 */
export function normalizeTaskOptions(
  options: TaskOptions | DefaultArgs,
  subject: Subject,
  { fieldPrefix = "" }: { fieldPrefix?: string } = {},
): NormalizedTask {
  const f = (field: string) => fieldPrefix + field;
  const duration = (field: "retryDelay" | "maxRetryDelay" | "executionTimeout") => {
    const value = options[field];
    return value === undefined
      ? null
      : parseField(subject, f(field), (at) => parseDuration(value, at));
  };
  const waitForDownstream = optionalBoolean(
    options.waitForDownstream,
    false,
    subject,
    f("waitForDownstream"),
  );
  const settings: CommonSettings = {
    taskId: subject.taskId ?? "",
    triggerRule: triggerRuleOption(options.triggerRule, subject, f),
    retries: optionalInteger(options.retries, 0, subject, { field: f("retries"), minimum: 0 }),
    retryDelayMs: duration("retryDelay") ?? DEFAULT_RETRY_DELAY_MS,
    retryExponentialBackoff: optionalBoolean(
      options.retryExponentialBackoff,
      false,
      subject,
      f("retryExponentialBackoff"),
    ),
    maxRetryDelayMs: duration("maxRetryDelay"),
    executionTimeoutMs: duration("executionTimeout"),
    dependsOnPast: waitForDownstream ||
      optionalBoolean(options.dependsOnPast, false, subject, f("dependsOnPast")),
    waitForDownstream,
    pool: optionalString(options.pool, DEFAULT_POOL, subject, f("pool")),
    poolSlots: optionalInteger(options.poolSlots, 1, subject, {
      field: f("poolSlots"),
      minimum: 1,
    }),
    priorityWeight: optionalInteger(options.priorityWeight, 1, subject, {
      field: f("priorityWeight"),
      minimum: Number.MIN_SAFE_INTEGER,
    }),
    weightRule: weightRuleOption(options.weightRule, subject, f),
    permissions: permissionsOption(options.permissions, subject, f),
    connections: connectionsOption(options.connections, subject, f),
    callbacks: { onFailure: false, onSuccess: false, onRetry: false },
    doc: optionalString(options.doc, null, subject, f("doc")),
  };
  const callbacks: TaskCallbacks = {};
  for (const kind of ["onFailure", "onSuccess", "onRetry"] as const) {
    const callback = options[kind];
    if (callback === undefined) continue;
    if (typeof callback !== "function") {
      fail(subject, f(kind), `must be a function (ctx, error?) => void, got ${show(callback)}`);
    }
    callbacks[kind] = callback;
    settings.callbacks[kind] = true;
  }
  return { settings, callbacks, owner: optionalString(options.owner, null, subject, f("owner")) };
}

function triggerRuleOption(
  value: unknown,
  subject: Subject,
  f: (field: string) => string,
): TriggerRule {
  if (value === undefined) return "all_success";
  if (typeof value === "string") {
    if ((TRIGGER_RULES as readonly string[]).includes(value)) return value as TriggerRule;
    const replacement = DEPRECATED_TRIGGER_RULES[value];
    if (replacement) return replacement;
  }
  return fail(
    subject,
    f("triggerRule"),
    `unknown trigger rule ${show(value)}; valid trigger rules: ${TRIGGER_RULES.join(", ")}`,
  );
}

function weightRuleOption(
  value: unknown,
  subject: Subject,
  f: (field: string) => string,
): WeightRule {
  if (value === undefined) return "downstream";
  if (typeof value === "string" && (WEIGHT_RULES as readonly string[]).includes(value)) {
    return value as WeightRule;
  }
  return fail(
    subject,
    f("weightRule"),
    `unknown weight rule ${show(value)}; valid weight rules: ${WEIGHT_RULES.join(", ")}`,
  );
}

const CONNECTION_ID = /^[A-Za-z0-9_.-]+$/;

function connectionsOption(
  value: unknown,
  subject: Subject,
  f: (field: string) => string,
): string[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== "string" || !CONNECTION_ID.test(item))
  ) {
    fail(
      subject,
      f("connections"),
      `must be a list of connection ids (letters, digits, _, . and -), got ${show(value)}`,
    );
  }
  return [...new Set(value as string[])];
}

function permissionsOption(
  value: unknown,
  subject: Subject,
  f: (field: string) => string,
): Permissions {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, f("permissions"), `must be an object like { net: ["api.example.com"] }`);
  }
  const permissions: Permissions = {};
  for (const [kind, list] of Object.entries(value)) {
    if (!(PERMISSION_KINDS as readonly string[]).includes(kind)) {
      fail(
        subject,
        f(`permissions.${kind}`),
        `unknown permission; valid: ${PERMISSION_KINDS.join(", ")}`,
      );
    }
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string" || item === "")) {
      fail(
        subject,
        f(`permissions.${kind}`),
        `must be a list of non-empty strings, got ${show(list)}`,
      );
    }
    permissions[kind as keyof Permissions] = [...list];
  }
  return permissions;
}
