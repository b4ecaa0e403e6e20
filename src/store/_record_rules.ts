/**
 * The field rules of every record a caller hands to a Store, shared by all implementations.
 *
 * @module
 */

import {
  type Connection,
  DAG_RUN_STATES,
  type DagRun,
  type DagScheduleUpdate,
  type JobHeartbeat,
  type Pool,
  ROLES,
  RUN_TYPES,
  type SchedulingStep,
  type StateChange,
  TASK_INSTANCE_STATES,
  type TaskInstance,
  type TaskInstanceKey,
  type User,
  type Variable,
  type XCom,
} from "../core/mod.ts";
import { checkRecord, type FieldRules } from "./_validate.ts";

const TASK_STATE = { oneOf: [...TASK_INSTANCE_STATES, null] } as const;

/** Rules for {@link DagRun}. */
export const DAG_RUN_RULES: FieldRules<DagRun> = {
  dagId: "text",
  runId: "text",
  runType: { oneOf: RUN_TYPES },
  state: { oneOf: DAG_RUN_STATES },
  logicalDate: "number",
  dataInterval: "interval",
  runAfter: "number",
  queuedAt: "number?",
  startDate: "number?",
  endDate: "number?",
  conf: "json",
  externalTrigger: "boolean",
  versionHash: "text",
  lastSchedulingDecision: "number?",
  clearNumber: "number",
  note: "text?",
  updatedAt: "number",
};

/** Rules for {@link TaskInstance}. */
export const TASK_INSTANCE_RULES: FieldRules<TaskInstance> = {
  dagId: "text",
  runId: "text",
  taskId: "text",
  mapIndex: "number",
  state: TASK_STATE,
  tryNumber: "number",
  maxTries: "number",
  startDate: "number?",
  endDate: "number?",
  duration: "number?",
  queuedAt: "number?",
  nextAttemptAt: "number?",
  pool: "text",
  poolSlots: "number",
  priorityWeight: "number",
  operator: "text",
  hostname: "text?",
  pid: "number?",
  executorId: "text?",
  renderedFields: "json?",
  note: "text?",
  updatedAt: "number",
};

/** Rules for {@link StateChange}. */
export const STATE_CHANGE_RULES: FieldRules<StateChange> = {
  dagId: "text",
  runId: "text",
  taskId: "text?",
  mapIndex: "number",
  tryNumber: "number?",
  from: "text?",
  to: "text?",
  reason: "text",
  at: "number",
};

/** Rules for {@link XCom}. */
export const XCOM_RULES: FieldRules<XCom> = {
  dagId: "text",
  runId: "text",
  taskId: "text",
  mapIndex: "number",
  key: "text",
  value: "json",
  timestamp: "number",
};

/** Rules for {@link Variable}. */
export const VARIABLE_RULES: FieldRules<Variable> = {
  key: "text",
  value: "text",
  description: "text?",
};

/** Rules for {@link Pool}. */
export const POOL_RULES: FieldRules<Pool> = {
  name: "text",
  slots: "number",
  description: "text?",
  includeDeferred: "boolean",
};

/** Rules for {@link User}. */
export const USER_RULES: FieldRules<User> = {
  username: "text",
  email: "text",
  firstName: "text",
  lastName: "text",
  role: { oneOf: ROLES },
  passwordHash: "text",
  createdAt: "number",
};

/** Rules for {@link Connection}; {@link checkConnection} adds the port and `extra` checks. */
export const CONNECTION_RULES: FieldRules<Connection> = {
  connId: "text",
  connType: "text",
  description: "text?",
  host: "text?",
  schema: "text?",
  login: "text?",
  password: "text?",
  port: "number?",
  extra: "text?",
};

/** Throws an Error naming `where` and the field when `connection` cannot be stored. */
export function checkConnection(connection: Connection, where: string): void {
  checkRecord(connection, CONNECTION_RULES, where);
  if (connection.connId === "") throw new Error(`${where}: field connId must not be empty`);
  if (connection.port !== null && !Number.isSafeInteger(connection.port)) {
    throw new Error(`${where}: field port must be an integer, got ${connection.port}`);
  }
  if (connection.extra !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(connection.extra);
    } catch {
      throw new Error(`${where}: field extra must be JSON object text, got invalid JSON`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      const kind = parsed === null ? "null" : Array.isArray(parsed) ? "an array" : typeof parsed;
      throw new Error(`${where}: field extra must be JSON object text, not ${kind}`);
    }
  }
}

/** Rules for {@link JobHeartbeat}. */
export const HEARTBEAT_RULES: FieldRules<JobHeartbeat> = {
  jobId: "text",
  kind: { oneOf: ["scheduler", "executor"] },
  hostname: "text",
  startedAt: "number",
  heartbeatAt: "number",
};

/** Rules for the scheduling bookkeeping a step writes on a DAG. */
export const DAG_SCHEDULE_RULES: FieldRules<DagScheduleUpdate> = {
  dagId: "text",
  expectedRevision: "number",
  nextRun: "nextRun?",
  lastAutomatedRun: "interval?",
};

/** Check every record of a scheduling step before any of it is written. */
export function checkSchedulingStep(step: SchedulingStep): void {
  const where = "applying a scheduling step";
  for (const [index, update] of step.runs.entries()) {
    checkRecord(update.run, DAG_RUN_RULES, `${where}: runs[${index}].run`);
    checkRevision(update.expectedRevision, `${where}: runs[${index}]`);
    checkChanges(update.changes, `${where}: runs[${index}]`);
  }
  for (const [index, update] of step.taskInstances.entries()) {
    checkRecord(update.instance, TASK_INSTANCE_RULES, `${where}: taskInstances[${index}].instance`);
    checkRevision(update.expectedRevision, `${where}: taskInstances[${index}]`);
    checkChanges(update.changes, `${where}: taskInstances[${index}]`);
  }
  for (const [index, update] of step.dags.entries()) {
    checkRecord(update, DAG_SCHEDULE_RULES, `${where}: dags[${index}]`);
  }
  for (const [index, xcom] of step.xcoms.entries()) {
    checkRecord(xcom, XCOM_RULES, `${where}: xcoms[${index}]`);
  }
  for (const [index, key] of step.clearXcoms.entries()) {
    checkRecord(key, TASK_INSTANCE_KEY_RULES, `${where}: clearXcoms[${index}]`);
  }
}

const TASK_INSTANCE_KEY_RULES: FieldRules<TaskInstanceKey> = {
  dagId: "text",
  runId: "text",
  taskId: "text",
  mapIndex: "number",
};

function checkRevision(revision: unknown, where: string): void {
  if (revision !== null && !Number.isSafeInteger(revision)) {
    throw new Error(`${where}: expectedRevision must be an integer or null, got ${revision}`);
  }
}

function checkChanges(changes: unknown, where: string): void {
  if (!Array.isArray(changes)) throw new Error(`${where}: changes must be an array`);
  for (const [index, change] of changes.entries()) {
    checkRecord(change as StateChange, STATE_CHANGE_RULES, `${where}.changes[${index}]`);
  }
}
