/**
 * The Store: every read and write of Updraft's state, behind intent-named methods. SQL lives
 * only in the implementations under this folder. Every implementation passes the same contract
 * tests (`contract_test_suite.ts`).
 *
 * @module
 */

import type {
  ActiveRun,
  Connection,
  DagBundle,
  DagDefinition,
  DagRecord,
  DagRun,
  DagRunState,
  DagVersion,
  ImportError,
  JobHeartbeat,
  ParsedFile,
  Pool,
  PreviousRunStates,
  RunKey,
  RunType,
  SchedulingSnapshot,
  SchedulingStep,
  StateChange,
  StepResult,
  TaskInstance,
  TaskInstanceKey,
  TaskInstanceState,
  User,
  Variable,
  XCom,
} from "../core/mod.ts";

/** A page of results and how many match in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Paging and ordering shared by list queries. `orderBy` is a field name, `-` for descending. */
export interface PageQuery {
  limit?: number;
  offset?: number;
  orderBy?: string;
}

/** Inclusive time bounds, epoch ms. */
export interface TimeRange {
  gte?: number;
  lte?: number;
}

/** Filters for listing DAGs. */
export interface DagQuery extends PageQuery {
  /** Case-insensitive substring of the DAG id. */
  dagIdPattern?: string;
  /** DAGs having any of these tags. */
  tags?: string[];
  paused?: boolean;
  /** DAGs whose latest run (by logical date) is in one of these states; never DAGs without runs. */
  lastRunStates?: DagRunState[];
  /** Default true: inactive (deleted) DAGs are left out. */
  onlyActive?: boolean;
}

/** A DAG with the definition of its current version. */
export interface DagWithDefinition {
  dag: DagRecord;
  definition: DagDefinition;
}

/** Filters for listing DAG runs. */
export interface DagRunQuery extends PageQuery {
  dagIds?: string[];
  states?: DagRunState[];
  runTypes?: RunType[];
  logicalDate?: TimeRange;
  startDate?: TimeRange;
  endDate?: TimeRange;
  updatedAt?: TimeRange;
}

/** Filters for listing task instances. */
export interface TaskInstanceQuery extends PageQuery {
  dagIds?: string[];
  runIds?: string[];
  taskIds?: string[];
  /** `null` in the list matches instances with no state yet. */
  states?: TaskInstanceState[];
  pools?: string[];
  logicalDate?: TimeRange;
  startDate?: TimeRange;
  endDate?: TimeRange;
  updatedAt?: TimeRange;
  duration?: { gte?: number; lte?: number };
}

/** Filters for listing XComs of one task instance or more. */
export interface XComQuery extends PageQuery {
  dagId?: string;
  runId?: string;
  taskId?: string;
  mapIndex?: number;
  key?: string;
}

/** What recording a parsed file did. */
export interface ParsedFileResult {
  /** DAG ids new to the store. */
  added: string[];
  /** DAG ids whose version changed. */
  updated: string[];
  /** DAG ids no longer defined by the file, now inactive. */
  deactivated: string[];
  /** DAG ids already defined, active, by another file; recorded as this file's import error. */
  conflicts: { dagId: string; fileloc: string }[];
}

/** Options for recording a parsed file. */
export interface RecordParsedFileOptions {
  now: number;
  /** Whether DAGs new to the store start paused when their definition does not say. */
  pausedAtCreation: boolean;
}

/** Thrown when a run with the same run id or logical date exists (fact 12); HTTP 409. */
export class RunAlreadyExistsError extends Error {
  constructor(readonly dagId: string, readonly detail: string) {
    super(`DAG ${dagId} already has a run with ${detail}`);
    this.name = "RunAlreadyExistsError";
  }
}

/** Thrown when a stored record that must exist does not; HTTP 404. */
export class RecordNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = "RecordNotFoundError";
  }
}

/** How many stored values a Fernet key rotation re-encrypted, by kind. */
export interface SecretRotation {
  /** Connection passwords and `extra` texts. */
  connections: number;
  /** Variable values. */
  variables: number;
}

/** Thrown when creating a record whose key is taken (user, connection); HTTP 409. */
export class RecordExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = "RecordExistsError";
  }
}

/** Thrown when deleting a DAG whose task instances are queued or running; HTTP 409. */
export class DagBusyError extends Error {
  constructor(readonly dagId: string, readonly executing: number) {
    super(`DAG ${dagId} has ${executing} task instance(s) queued or running`);
    this.name = "DagBusyError";
  }
}

/**
 * Updraft's state. All methods are safe to call concurrently; each is one transaction. Records
 * returned are the caller's to change, except DAG definitions: a version never changes, so they
 * may be shared (parsed once) and deeply frozen. Treat definitions as read-only.
 */
export interface Store {
  /** Create or upgrade the schema; returns the schema version now in place. */
  migrate(): Promise<number>;
  /** Drop everything and recreate the schema. */
  reset(): Promise<void>;
  close(): Promise<void>;

  // DAG files and DAGs
  /**
   * Record one DAG file's parse outcome. On success: store the bundle and new versions, add or
   * update its DAGs (new ones paused per the options), deactivate DAGs it no longer defines,
   * remove its import error. On failure: record the import error and change nothing else, so
   * the last good version keeps running.
   */
  recordParsedFile(file: ParsedFile, options: RecordParsedFileOptions): Promise<ParsedFileResult>;
  /** A DAG file was deleted: its DAGs become inactive and its import error goes. */
  forgetFile(fileloc: string, now: number): Promise<string[]>;
  /** Files with stored DAGs or import errors, with the hash of their last good bundle. */
  listKnownFiles(): Promise<{ fileloc: string; bundleHash: string | null }[]>;
  listDags(query: DagQuery): Promise<Page<DagWithDefinition>>;
  getDag(dagId: string): Promise<DagWithDefinition | null>;
  setDagPaused(dagId: string, paused: boolean, now: number): Promise<DagRecord>;
  /**
   * Delete a DAG's metadata: its runs with their task instances, XComs and history, its
   * versions and its row. Bundles stay (other DAGs of the file share them); parsing the file
   * again adds the DAG back. False when there is no such DAG.
   *
   * @throws {DagBusyError} while any of its task instances is queued or running; nothing is
   * deleted then.
   */
  deleteDag(dagId: string): Promise<boolean>;
  getDagVersion(versionHash: string): Promise<DagVersion | null>;
  getBundle(bundleHash: string): Promise<DagBundle | null>;
  listImportErrors(query: PageQuery): Promise<Page<ImportError>>;
  getImportError(id: number): Promise<ImportError | null>;

  // Scheduling
  /** Active DAGs, their definitions, queued and running runs with their task instances. */
  loadSchedulingSnapshot(): Promise<SchedulingSnapshot>;
  /**
   * A token that changes with every write to what {@link loadSchedulingSnapshot} reads, by any
   * caller of this store or by another process sharing the database. The same token as at some
   * earlier point means nothing the snapshot reads changed since; a step's result carries the
   * token after that step, so a caller can keep a snapshot patched with its own writes.
   */
  schedulingVersion(): Promise<string>;
  /** One run (any state) with its task instances and decisions, for clearing and marking. */
  loadRunState(key: RunKey): Promise<ActiveRun | null>;
  /** The latest run before `logicalDate` (optionally only non-manual ones), with states. */
  loadPreviousRunStates(
    dagId: string,
    logicalDate: number,
    options: { excludeManual: boolean },
  ): Promise<PreviousRunStates | null>;
  /**
   * Apply one step in one transaction. Updates whose row's revision differs from
   * `expectedRevision` are skipped (counted as conflicts). A new run that repeats an existing
   * run id or logical date throws {@link RunAlreadyExistsError} and nothing of the step is
   * written.
   */
  applySchedulingStep(step: SchedulingStep): Promise<StepResult>;
  /** Task instances in `queued` or `running`, for finding tries whose sandbox was lost. */
  listExecutingTaskInstances(): Promise<{ instance: TaskInstance; revision: number }[]>;

  // Runs, task instances, history, XCom
  getDagRun(key: RunKey): Promise<DagRun | null>;
  listDagRuns(query: DagRunQuery): Promise<Page<DagRun>>;
  /** Delete a run with its task instances, XComs and history (the API's DELETE). */
  deleteDagRun(key: RunKey): Promise<boolean>;
  getTaskInstance(key: TaskInstanceKey): Promise<TaskInstance | null>;
  listTaskInstances(query: TaskInstanceQuery): Promise<Page<TaskInstance>>;
  /** State changes of one run (and optionally one task), oldest first. */
  listStateChanges(key: RunKey & { taskId?: string }): Promise<StateChange[]>;
  listXComs(query: XComQuery): Promise<Page<XCom>>;
  getXCom(key: TaskInstanceKey & { key: string }): Promise<XCom | null>;

  // Variables, pools, users. Records hold plaintext; the SQLite store keeps variable values as
  // Fernet tokens when opened with a key, the memory store keeps them as given.
  getVariable(key: string): Promise<Variable | null>;
  /** Values of several variables at once (missing keys are left out). */
  getVariables(keys: string[]): Promise<Variable[]>;
  listVariables(query: PageQuery): Promise<Page<Variable>>;
  /** Create or overwrite. */
  setVariable(variable: Variable): Promise<void>;
  deleteVariable(key: string): Promise<boolean>;
  listPools(query: PageQuery): Promise<Page<Pool>>;
  getPool(name: string): Promise<Pool | null>;
  /** Create or update a pool. */
  setPool(pool: Pool): Promise<void>;
  /** Deleting `default_pool` is refused with an error. */
  deletePool(name: string): Promise<boolean>;
  getUser(username: string): Promise<User | null>;
  listUsers(query: PageQuery): Promise<Page<User>>;
  /** @throws {RecordExistsError} when the username is taken. */
  createUser(user: User): Promise<void>;
  updateUser(user: User): Promise<void>;
  deleteUser(username: string): Promise<boolean>;
  countUsers(): Promise<number>;

  // Connections: records hold plaintext; the SQLite store keeps the password and `extra` as
  // Fernet tokens when opened with a key, the memory store keeps them as given.
  getConnection(connId: string): Promise<Connection | null>;
  listConnections(query: PageQuery): Promise<Page<Connection>>;
  /** @throws {RecordExistsError} when the connection id is taken; the stored one is kept. */
  createConnection(connection: Connection): Promise<void>;
  /** Replace every field of a stored connection. @throws {RecordNotFoundError} when absent. */
  updateConnection(connection: Connection): Promise<void>;
  deleteConnection(connId: string): Promise<boolean>;

  // Secrets at rest
  /**
   * Re-encrypt every encrypted secret (connection passwords and `extra`, variable values) with
   * the first Fernet key, in one transaction (Airflow's `rotate-fernet-key`); returns how many
   * values of each it re-encrypted. A store keeping plaintext returns zeros.
   */
  rotateSecrets(): Promise<SecretRotation>;

  // Liveness
  recordHeartbeat(job: JobHeartbeat): Promise<void>;
  latestHeartbeat(kind: JobHeartbeat["kind"]): Promise<JobHeartbeat | null>;
}
