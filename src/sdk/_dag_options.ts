/**
 * Turns `dag()` options into the DAG-level settings of a `DagDefinition`, checking each one.
 *
 * @module
 */

import {
  type DagDefinition,
  isValidTimezone,
  type JsonObject,
  parseDate,
  parseDuration,
  parseSchedule,
} from "../core/mod.ts";
import {
  checkId,
  checkKnownKeys,
  fail,
  optionalBoolean,
  optionalInteger,
  optionalString,
  optionalStringList,
  parseField,
  show,
  type Subject,
} from "./_checks.ts";
import { normalizeTaskOptions, TASK_OPTION_KEYS } from "./_task_options.ts";
import { copyJson, findNonJson } from "./json.ts";
import type { DagOptions, DefaultArgs } from "./types.ts";

/** DAG-level settings; `owner` stays null until the tasks' owners are known. */
export type DagSettings = Omit<DagDefinition, "fileloc" | "tasks" | "owner"> & {
  owner: string | null;
};

const DAG_OPTION_KEYS: ReadonlySet<string> = new Set([
  "id",
  "schedule",
  "startDate",
  "endDate",
  "timezone",
  "catchup",
  "tags",
  "params",
  "defaultArgs",
  "maxActiveRuns",
  "maxActiveTasks",
  "description",
  "dagrunTimeout",
  "isPausedUponCreation",
  "doc",
  "owner",
]);

/** Check `dag()` options and normalize them; throws `DefinitionError` naming the field. */
export function normalizeDagOptions(options: DagOptions): DagSettings {
  if (typeof options !== "object" || options === null) {
    fail({}, undefined, `dag() needs an options object with at least an id, got ${show(options)}`);
  }
  const dagId = checkId(options.id, {}, "DAG");
  const subject: Subject = { dagId };
  checkKnownKeys(options, DAG_OPTION_KEYS, subject);
  const timezone = optionalString(options.timezone, "UTC", subject, "timezone");
  if (!isValidTimezone(timezone)) {
    fail(subject, "timezone", `unknown time zone ${show(timezone)} (use an IANA name)`);
  }
  const { schedule, text } = parseField(
    subject,
    "schedule",
    (at) => parseSchedule(options.schedule ?? null, at),
  );
  const startDate = dateOption(options.startDate, subject, { field: "startDate", timezone });
  const endDate = dateOption(options.endDate, subject, { field: "endDate", timezone });
  if (schedule.kind !== "none" && startDate === null) {
    fail(
      subject,
      "startDate",
      `the DAG is missing the start_date: schedule ${
        show(text)
      } needs a startDate (e.g. "2024-01-01"), or use schedule: null for manual runs only`,
    );
  }
  if (startDate !== null && endDate !== null && endDate < startDate) {
    fail(subject, "endDate", "must not be before startDate");
  }
  const dagrunTimeout = options.dagrunTimeout;
  return {
    dagId,
    description: optionalString(options.description, null, subject, "description"),
    schedule,
    scheduleText: text,
    startDate,
    endDate,
    timezone,
    catchup: optionalBoolean(options.catchup, false, subject, "catchup"),
    tags: optionalStringList(options.tags, subject, "tags"),
    owner: optionalString(options.owner, null, subject, "owner"),
    params: paramsOption(options.params, subject),
    maxActiveRuns: optionalInteger(options.maxActiveRuns, null, subject, {
      field: "maxActiveRuns",
      minimum: 1,
    }),
    maxActiveTasks: optionalInteger(options.maxActiveTasks, null, subject, {
      field: "maxActiveTasks",
      minimum: 1,
    }),
    dagrunTimeoutMs: dagrunTimeout === undefined
      ? null
      : parseField(subject, "dagrunTimeout", (at) => parseDuration(dagrunTimeout, at)),
    isPausedUponCreation: options.isPausedUponCreation === undefined
      ? null
      : optionalBoolean(options.isPausedUponCreation, false, subject, "isPausedUponCreation"),
    doc: optionalString(options.doc, null, subject, "doc"),
  };
}

/** The `defaultArgs` option: an object of task options without `id`. */
export function defaultArgsOption(options: DagOptions): DefaultArgs {
  const value = options.defaultArgs;
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail({ dagId: options.id }, "defaultArgs", `must be an object, got ${show(value)}`);
  }
  const subject = { dagId: options.id };
  for (const key of Object.keys(value)) {
    if (key === "id") fail(subject, "defaultArgs.id", "a task id cannot be a default");
    if (!TASK_OPTION_KEYS.has(key)) {
      fail(
        subject,
        `defaultArgs.${key}`,
        `unknown task option; valid: ${
          [...TASK_OPTION_KEYS].filter((name) => name !== "id").join(", ")
        }`,
      );
    }
  }
  normalizeTaskOptions(value, subject, { fieldPrefix: "defaultArgs." });
  return { ...value };
}

function dateOption(
  value: unknown,
  subject: Subject,
  options: { field: string; timezone: string },
): number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(subject, options.field, "is an invalid Date");
    return value.getTime();
  }
  if (typeof value !== "string") {
    fail(subject, options.field, `must be an ISO date string or a Date, got ${show(value)}`);
  }
  return parseField(
    subject,
    options.field,
    (at) => parseDate(value, at, { timezone: options.timezone }),
  );
}

function paramsOption(value: unknown, subject: Subject): JsonObject {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, "params", `must be an object, got ${show(value)}`);
  }
  const problem = findNonJson(value);
  if (problem) fail(subject, "params", `must be JSON: ${problem.replace("$", "params")}`);
  return copyJson(value) as JsonObject;
}
