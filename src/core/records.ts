/**
 * The records the store keeps. Times are epoch milliseconds (UTC) throughout the domain;
 * the REST API and the CLI turn them into ISO-8601 at their edges.
 *
 * @module
 */

import type { DagDefinition, JsonObject, JsonValue } from "./definition.ts";
import type { DagRunState, RunType, TaskInstanceState } from "./states.ts";

/** A DAG known to Updraft, with its scheduling bookkeeping. */
export interface DagRecord {
  dagId: string;
  fileloc: string;
  isPaused: boolean;
  /** False once its file was deleted or stopped defining it; history stays. */
  isActive: boolean;
  /** The version new runs are created from. */
  versionHash: string;
  lastParsedAt: number;
  /** The next automated run, as the timetable computed it (fact 57); null when none is due. */
  nextRun: NextRunInfo | null;
  /** The interval of the latest automated run; where the next automated run continues from. */
  lastAutomatedRun: DataInterval | null;
}

/** A half-open data interval `[start, end)`. */
export interface DataInterval {
  start: number;
  end: number;
}

/** When and what the next automated run will be. */
export interface NextRunInfo {
  logicalDate: number;
  dataInterval: DataInterval;
  /** The earliest time the run may be created. */
  runAfter: number;
}

/** One parsed version of a DAG, pinned by every run created from it. */
export interface DagVersion {
  versionHash: string;
  dagId: string;
  definition: DagDefinition;
  /** Hash of the file bundle this DAG was parsed from. */
  bundleHash: string;
  createdAt: number;
}

/** A DAG file's bundled code: the source as written and the JavaScript the sandboxes run. */
export interface DagBundle {
  bundleHash: string;
  fileloc: string;
  /** The DAG file's source text as it was when parsed. */
  source: string;
  /** The bundled ES module (DAG file plus its relative imports). */
  code: string;
  createdAt: number;
}

/** The outcome of parsing one DAG file: its bundle and DAGs, or why it failed to load. */
export type ParsedFile =
  | { fileloc: string; ok: true; bundle: Omit<DagBundle, "createdAt">; dags: DagDefinition[] }
  | { fileloc: string; ok: false; message: string; line: number | null };

/** A DAG file that failed to load. */
export interface ImportError {
  id: number;
  fileloc: string;
  /** The message, naming the file, line and field where known. */
  message: string;
  line: number | null;
  timestamp: number;
}

/** Identifies a DAG run. */
export interface RunKey {
  dagId: string;
  runId: string;
}

/** A DAG run. */
export interface DagRun extends RunKey {
  runType: RunType;
  state: DagRunState;
  logicalDate: number;
  dataInterval: DataInterval;
  runAfter: number;
  queuedAt: number | null;
  startDate: number | null;
  endDate: number | null;
  conf: JsonObject;
  externalTrigger: boolean;
  /** The DAG version this run was created from and runs with. */
  versionHash: string;
  lastSchedulingDecision: number | null;
  clearNumber: number;
  note: string | null;
  updatedAt: number;
}

/** Identifies a task instance; `mapIndex` is -1 for unmapped tasks. */
export interface TaskInstanceKey extends RunKey {
  taskId: string;
  mapIndex: number;
}

/** A task instance: one task in one DAG run. */
export interface TaskInstance extends TaskInstanceKey {
  state: TaskInstanceState;
  /** The current or last attempt; 0 before the first (fact 75). */
  tryNumber: number;
  maxTries: number;
  startDate: number | null;
  endDate: number | null;
  /** Seconds, as Airflow reports it. */
  duration: number | null;
  queuedAt: number | null;
  /** When an `up_for_retry` or `up_for_reschedule` instance may be scheduled again. */
  nextAttemptAt: number | null;
  pool: string;
  poolSlots: number;
  priorityWeight: number;
  operator: string;
  hostname: string | null;
  pid: number | null;
  /** The executor that owns the running try, so a lost one can be detected. */
  executorId: string | null;
  /** Template fields as rendered for the current try. */
  renderedFields: JsonObject | null;
  note: string | null;
  updatedAt: number;
}

/** A recorded state change of a task instance or a DAG run, with its reason. */
export interface StateChange {
  dagId: string;
  runId: string;
  /** Null for a change of the run itself. */
  taskId: string | null;
  mapIndex: number;
  tryNumber: number | null;
  from: string | null;
  to: string | null;
  reason: string;
  at: number;
}

/** The XCom key under which branch and short-circuit decisions are kept (fact 85). */
export const SKIP_DECISION_KEY = "skipmixin_key";

/** An XCom entry (fact 110). */
export interface XCom extends TaskInstanceKey {
  key: string;
  value: JsonValue;
  timestamp: number;
}

/** A variable. */
export interface Variable {
  key: string;
  value: string;
  description: string | null;
}

/**
 * A connection to an external system, as Airflow keeps it (fact 155). The store keeps every
 * field exactly as given, `password` included: encrypting it at rest is the store's next step
 * (a key file and a Fernet-like cipher), so until then callers hand it plain text and get plain
 * text back. The REST API never returns `password`.
 */
export interface Connection {
  connId: string;
  connType: string;
  description: string | null;
  host: string | null;
  schema: string | null;
  login: string | null;
  password: string | null;
  port: number | null;
  /** JSON object text with the options no other field holds, or null. */
  extra: string | null;
}

/** A pool of execution slots (fact 107). */
export interface Pool {
  name: string;
  slots: number;
  description: string | null;
  includeDeferred: boolean;
}

/** Roles, in rising order of power. */
export const ROLES = ["Viewer", "User", "Op", "Admin"] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** A user who may log in. */
export interface User {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  /** A self-describing KDF hash, never the password. */
  passwordHash: string;
  createdAt: number;
}

/** A process that reports it is alive: a scheduler or an executor. */
export interface JobHeartbeat {
  jobId: string;
  kind: "scheduler" | "executor";
  hostname: string;
  startedAt: number;
  heartbeatAt: number;
}
