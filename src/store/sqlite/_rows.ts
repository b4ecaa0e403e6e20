/**
 * Rows to records and records to named parameters, one pair per table.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type {
  DagBundle,
  DagRecord,
  DagRun,
  DagVersion,
  ImportError,
  JobHeartbeat,
  Pool,
  StateChange,
  TaskInstance,
  User,
  Variable,
  XCom,
} from "../../core/mod.ts";
import type { Row } from "./_database.ts";

type Named = Record<string, SQLInputValue>;

// Row values are typed loosely by node:sqlite; each mapper knows its table's columns.
// deno-lint-ignore no-explicit-any
type AnyRow = Record<string, any>;

/** A DAG row to a record. */
export function dagFromRow(row: Row): DagRecord {
  const r = row as AnyRow;
  return {
    dagId: r.dag_id,
    fileloc: r.fileloc,
    isPaused: r.is_paused === 1,
    isActive: r.is_active === 1,
    versionHash: r.version_hash,
    lastParsedAt: r.last_parsed_at,
    nextRun: r.next_run_logical_date === null ? null : {
      logicalDate: r.next_run_logical_date,
      dataInterval: { start: r.next_run_interval_start, end: r.next_run_interval_end },
      runAfter: r.next_run_after,
    },
    lastAutomatedRun: r.last_automated_interval_start === null
      ? null
      : { start: r.last_automated_interval_start, end: r.last_automated_interval_end },
  };
}

/** A DAG version row to a record. */
export function versionFromRow(row: Row): DagVersion {
  const r = row as AnyRow;
  return {
    versionHash: r.version_hash,
    dagId: r.dag_id,
    definition: JSON.parse(r.definition),
    bundleHash: r.bundle_hash,
    createdAt: r.created_at,
  };
}

/** A bundle row to a record. */
export function bundleFromRow(row: Row): DagBundle {
  const r = row as AnyRow;
  return {
    bundleHash: r.bundle_hash,
    fileloc: r.fileloc,
    source: r.source,
    code: r.code,
    createdAt: r.created_at,
  };
}

/** An import error row to a record. */
export function importErrorFromRow(row: Row): ImportError {
  const r = row as AnyRow;
  return { id: r.id, fileloc: r.fileloc, message: r.message, line: r.line, timestamp: r.timestamp };
}

/** A DAG run row to a record. */
export function runFromRow(row: Row): DagRun {
  const r = row as AnyRow;
  return {
    dagId: r.dag_id,
    runId: r.run_id,
    runType: r.run_type,
    state: r.state,
    logicalDate: r.logical_date,
    dataInterval: { start: r.data_interval_start, end: r.data_interval_end },
    runAfter: r.run_after,
    queuedAt: r.queued_at,
    startDate: r.start_date,
    endDate: r.end_date,
    conf: JSON.parse(r.conf),
    externalTrigger: r.external_trigger === 1,
    versionHash: r.version_hash,
    lastSchedulingDecision: r.last_scheduling_decision,
    clearNumber: r.clear_number,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

/** A DAG run record to named parameters. */
export function runToNamed(run: DagRun): Named {
  return {
    dag_id: run.dagId,
    run_id: run.runId,
    run_type: run.runType,
    state: run.state,
    logical_date: run.logicalDate,
    data_interval_start: run.dataInterval.start,
    data_interval_end: run.dataInterval.end,
    run_after: run.runAfter,
    queued_at: run.queuedAt,
    start_date: run.startDate,
    end_date: run.endDate,
    conf: JSON.stringify(run.conf),
    external_trigger: run.externalTrigger ? 1 : 0,
    version_hash: run.versionHash,
    last_scheduling_decision: run.lastSchedulingDecision,
    clear_number: run.clearNumber,
    note: run.note,
    updated_at: run.updatedAt,
  };
}

/** A task instance row to a record. */
export function taskInstanceFromRow(row: Row): TaskInstance {
  const r = row as AnyRow;
  return {
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    state: r.state,
    tryNumber: r.try_number,
    maxTries: r.max_tries,
    startDate: r.start_date,
    endDate: r.end_date,
    duration: r.duration,
    queuedAt: r.queued_at,
    nextAttemptAt: r.next_attempt_at,
    pool: r.pool,
    poolSlots: r.pool_slots,
    priorityWeight: r.priority_weight,
    operator: r.operator,
    hostname: r.hostname,
    pid: r.pid,
    executorId: r.executor_id,
    renderedFields: r.rendered_fields === null ? null : JSON.parse(r.rendered_fields),
    note: r.note,
    updatedAt: r.updated_at,
  };
}

/** A task instance record to named parameters. */
export function taskInstanceToNamed(instance: TaskInstance): Named {
  return {
    dag_id: instance.dagId,
    run_id: instance.runId,
    task_id: instance.taskId,
    map_index: instance.mapIndex,
    state: instance.state,
    try_number: instance.tryNumber,
    max_tries: instance.maxTries,
    start_date: instance.startDate,
    end_date: instance.endDate,
    duration: instance.duration,
    queued_at: instance.queuedAt,
    next_attempt_at: instance.nextAttemptAt,
    pool: instance.pool,
    pool_slots: instance.poolSlots,
    priority_weight: instance.priorityWeight,
    operator: instance.operator,
    hostname: instance.hostname,
    pid: instance.pid,
    executor_id: instance.executorId,
    rendered_fields: instance.renderedFields === null
      ? null
      : JSON.stringify(instance.renderedFields),
    note: instance.note,
    updated_at: instance.updatedAt,
  };
}

/** A state change row to a record. */
export function stateChangeFromRow(row: Row): StateChange {
  const r = row as AnyRow;
  return {
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    tryNumber: r.try_number,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    at: r.at,
  };
}

/** A state change record to positional parameters, in table column order. */
export function stateChangeToValues(change: StateChange): SQLInputValue[] {
  return [
    change.dagId,
    change.runId,
    change.taskId,
    change.mapIndex,
    change.tryNumber,
    change.from,
    change.to,
    change.reason,
    change.at,
  ];
}

/** An XCom row to a record. */
export function xcomFromRow(row: Row): XCom {
  const r = row as AnyRow;
  return {
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    key: r.key,
    value: JSON.parse(r.value),
    timestamp: r.timestamp,
  };
}

/** A variable row to a record. */
export function variableFromRow(row: Row): Variable {
  const r = row as AnyRow;
  return { key: r.key, value: r.value, description: r.description };
}

/** A pool row to a record. */
export function poolFromRow(row: Row): Pool {
  const r = row as AnyRow;
  return {
    name: r.name,
    slots: r.slots,
    description: r.description,
    includeDeferred: r.include_deferred === 1,
  };
}

/** A user row to a record. */
export function userFromRow(row: Row): User {
  const r = row as AnyRow;
  return {
    username: r.username,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    role: r.role,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
  };
}

/** A heartbeat row to a record. */
export function heartbeatFromRow(row: Row): JobHeartbeat {
  const r = row as AnyRow;
  return {
    jobId: r.job_id,
    kind: r.kind,
    hostname: r.hostname,
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
  };
}
