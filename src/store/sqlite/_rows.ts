/**
 * Rows to records and records to named parameters, one pair per table.
 *
 * @module
 */

import type { DefinitionCache } from "./_definition_cache.ts";
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
  User,
  XCom,
} from "../../core/mod.ts";
import type { Row } from "./_database.ts";

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
export function versionFromRow(row: Row, cache: DefinitionCache): DagVersion {
  const r = row as AnyRow;
  return {
    versionHash: r.version_hash,
    dagId: r.dag_id,
    definition: cache.get(r.version_hash) ?? cache.add(r.version_hash, r.definition),
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
