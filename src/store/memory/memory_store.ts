/**
 * The in-memory Store: plain maps, the same behaviour as the SQLite store, nothing on disk.
 * Records are checked and copied on the way in and deep-copied on the way out, so callers can
 * never change stored state by mutating objects. Used by `updraft dags test` and by tests.
 *
 * @module
 */

import type {
  ActiveRun,
  Connection,
  DagBundle,
  DagRecord,
  DagRun,
  DagVersion,
  ImportError,
  JobHeartbeat,
  ParsedFile,
  Pool,
  PreviousRunStates,
  RunKey,
  SchedulingSnapshot,
  SchedulingStep,
  StateChange,
  StepResult,
  TaskInstance,
  TaskInstanceKey,
  User,
  Variable,
  XCom,
} from "../../core/mod.ts";
import type {
  DagQuery,
  DagRunQuery,
  DagWithDefinition,
  Page,
  PageQuery,
  ParsedFileResult,
  RecordParsedFileOptions,
  SecretRotation,
  Store,
  TaskInstanceQuery,
  XComQuery,
} from "../store.ts";
import { checkDefaultPoolSlots, DEFAULT_POOL_NAME, defaultPool } from "../_store_rules.ts";
import { MemoryState, runKey, Tables, taskKey, xcomKey } from "./_state.ts";
import * as dagFiles from "./_dag_files.ts";
import { deleteDag } from "./_dag_deletion.ts";
import * as scheduling from "./_scheduling.ts";
import { applySchedulingStep } from "./_step.ts";
import * as queries from "./_queries.ts";
import * as admin from "./_admin.ts";
import * as connections from "./_connections.ts";

/** Options for a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Slots of `default_pool` when `migrate()` creates it; default 128. */
  defaultPoolSlots?: number;
}

/** The version `migrate()` reports, matching the SQLite schema version. */
const SCHEMA_VERSION = 4;

/** A {@link Store} in memory. */
export class MemoryStore implements Store {
  readonly #state = new MemoryState();
  readonly #defaultPoolSlots: number;
  #closed = false;
  /** Writes to what a scheduling snapshot reads (see `schedulingVersion`). */
  #writes = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#defaultPoolSlots = checkDefaultPoolSlots(options.defaultPoolSlots);
  }

  /** Run a store call and hand out a deep copy of its result; what it throws rejects. */
  #call<T>(work: (state: MemoryState) => T | Promise<T>): Promise<T> {
    try {
      if (this.#closed) throw new Error("using the memory store failed: it is closed");
      const result = work(this.#state);
      if (result instanceof Promise) return result.then((value) => structuredClone(value));
      return Promise.resolve(structuredClone(result));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * A store call that writes what scheduling snapshots read: the scheduling version moves once
   * the write is done (a snapshot read meanwhile is then reloaded, never kept as current).
   */
  #write<T>(work: (state: MemoryState) => T | Promise<T>): Promise<T> {
    return this.#call(work).finally(() => this.#writes++);
  }

  schedulingVersion(): Promise<string> {
    return this.#call(() => String(this.#writes));
  }

  migrate(): Promise<number> {
    return this.#write((state) => {
      if (!state.tables.pools.has(DEFAULT_POOL_NAME)) {
        const pool = defaultPool(this.#defaultPoolSlots);
        state.transaction(() => state.put(state.tables.pools, pool.name, pool));
      }
      return SCHEMA_VERSION;
    });
  }
  reset(): Promise<void> {
    return this.#write((state) => {
      state.tables = new Tables();
    }).then(() => this.migrate()).then(() => {});
  }
  close(): Promise<void> {
    return this.#call(() => {
      this.#closed = true;
    });
  }

  recordParsedFile(file: ParsedFile, options: RecordParsedFileOptions): Promise<ParsedFileResult> {
    return this.#write((state) => dagFiles.recordParsedFile(state, file, options));
  }
  forgetFile(fileloc: string, _now: number): Promise<string[]> {
    return this.#write((state) => dagFiles.forgetFile(state, fileloc));
  }
  listKnownFiles(): Promise<{ fileloc: string; bundleHash: string | null }[]> {
    return this.#call((state) => dagFiles.listKnownFiles(state));
  }
  listDags(query: DagQuery): Promise<Page<DagWithDefinition>> {
    return this.#call((state) => dagFiles.listDags(state, query));
  }
  getDag(dagId: string): Promise<DagWithDefinition | null> {
    return this.#call((state) => {
      const row = state.tables.dags.get(dagId);
      if (row === undefined) return null;
      return {
        dag: row.record,
        definition: state.tables.versions.get(row.record.versionHash)!.definition,
      };
    });
  }
  setDagPaused(dagId: string, paused: boolean, _now: number): Promise<DagRecord> {
    return this.#write((state) => dagFiles.setDagPaused(state, dagId, paused));
  }
  deleteDag(dagId: string): Promise<boolean> {
    return this.#write((state) => deleteDag(state, dagId));
  }
  getDagVersion(versionHash: string): Promise<DagVersion | null> {
    return this.#call((state) => state.tables.versions.get(versionHash) ?? null);
  }
  getBundle(bundleHash: string): Promise<DagBundle | null> {
    return this.#call((state) => state.tables.bundles.get(bundleHash) ?? null);
  }
  listImportErrors(query: PageQuery): Promise<Page<ImportError>> {
    return this.#call((state) => dagFiles.listImportErrors(state, query));
  }
  getImportError(id: number): Promise<ImportError | null> {
    return this.#call((state) => {
      return [...state.tables.importErrors.values()].find((error) => error.id === id) ?? null;
    });
  }

  loadSchedulingSnapshot(): Promise<SchedulingSnapshot> {
    return this.#call((state) => scheduling.loadSchedulingSnapshot(state));
  }
  loadRunState(key: RunKey): Promise<ActiveRun | null> {
    return this.#call((state) => scheduling.loadRunState(state, key));
  }
  loadPreviousRunStates(
    dagId: string,
    logicalDate: number,
    options: { excludeManual: boolean },
  ): Promise<PreviousRunStates | null> {
    return this.#call((state) => {
      return scheduling.previousRunStates(state, { dagId, logicalDate }, options.excludeManual);
    });
  }
  applySchedulingStep(step: SchedulingStep): Promise<StepResult> {
    return this.#write((state) => ({
      ...applySchedulingStep(state, step),
      version: String(this.#writes + 1),
    }));
  }
  listExecutingTaskInstances(): Promise<{ instance: TaskInstance; revision: number }[]> {
    return this.#call((state) => scheduling.listExecutingTaskInstances(state));
  }

  getDagRun(key: RunKey): Promise<DagRun | null> {
    return this.#call((state) => state.tables.runs.get(runKey(key))?.record ?? null);
  }
  listDagRuns(query: DagRunQuery): Promise<Page<DagRun>> {
    return this.#call((state) => queries.listDagRuns(state, query));
  }
  deleteDagRun(key: RunKey): Promise<boolean> {
    return this.#write((state) => queries.deleteDagRun(state, key));
  }
  getTaskInstance(key: TaskInstanceKey): Promise<TaskInstance | null> {
    return this.#call((state) => state.tables.tasks.get(taskKey(key))?.record ?? null);
  }
  listTaskInstances(query: TaskInstanceQuery): Promise<Page<TaskInstance>> {
    return this.#call((state) => queries.listTaskInstances(state, query));
  }
  listStateChanges(key: RunKey & { taskId?: string }): Promise<StateChange[]> {
    return this.#call((state) => queries.listStateChanges(state, key));
  }
  listXComs(query: XComQuery): Promise<Page<XCom>> {
    return this.#call((state) => queries.listXComs(state, query));
  }
  getXCom(key: TaskInstanceKey & { key: string }): Promise<XCom | null> {
    return this.#call((state) => state.tables.xcoms.get(xcomKey(key)) ?? null);
  }

  getVariable(key: string): Promise<Variable | null> {
    return this.#call((state) => state.tables.variables.get(key) ?? null);
  }
  getVariables(keys: string[]): Promise<Variable[]> {
    return this.#call((state) => admin.getVariables(state, keys));
  }
  listVariables(query: PageQuery): Promise<Page<Variable>> {
    return this.#call((state) => admin.listVariables(state, query));
  }
  setVariable(variable: Variable): Promise<void> {
    return this.#call((state) => admin.setVariable(state, variable));
  }
  deleteVariable(key: string): Promise<boolean> {
    return this.#call((state) =>
      state.transaction(() => state.remove(state.tables.variables, key))
    );
  }
  listPools(query: PageQuery): Promise<Page<Pool>> {
    return this.#call((state) => admin.listPools(state, query));
  }
  getPool(name: string): Promise<Pool | null> {
    return this.#call((state) => state.tables.pools.get(name) ?? null);
  }
  setPool(pool: Pool): Promise<void> {
    return this.#write((state) => admin.setPool(state, pool));
  }
  deletePool(name: string): Promise<boolean> {
    return this.#write((state) => admin.deletePool(state, name));
  }
  getUser(username: string): Promise<User | null> {
    return this.#call((state) => state.tables.users.get(username) ?? null);
  }
  listUsers(query: PageQuery): Promise<Page<User>> {
    return this.#call((state) => admin.listUsers(state, query));
  }
  createUser(user: User): Promise<void> {
    return this.#call((state) => admin.writeUser(state, user, false));
  }
  updateUser(user: User): Promise<void> {
    return this.#call((state) => admin.writeUser(state, user, true));
  }
  deleteUser(username: string): Promise<boolean> {
    return this.#call((state) =>
      state.transaction(() => state.remove(state.tables.users, username))
    );
  }
  countUsers(): Promise<number> {
    return this.#call((state) => state.tables.users.size);
  }

  getConnection(connId: string): Promise<Connection | null> {
    return this.#call((state) => state.tables.connections.get(connId) ?? null);
  }
  listConnections(query: PageQuery): Promise<Page<Connection>> {
    return this.#call((state) => connections.listConnections(state, query));
  }
  createConnection(connection: Connection): Promise<void> {
    return this.#call((state) => connections.writeConnection(state, connection, false));
  }
  updateConnection(connection: Connection): Promise<void> {
    return this.#call((state) => connections.writeConnection(state, connection, true));
  }
  /** Always zeros: this store keeps secrets as plaintext, as nothing it holds reaches a disk. */
  rotateSecrets(): Promise<SecretRotation> {
    return this.#call(() => ({ connections: 0, variables: 0 }));
  }
  deleteConnection(connId: string): Promise<boolean> {
    return this.#call((state) =>
      state.transaction(() => state.remove(state.tables.connections, connId))
    );
  }

  recordHeartbeat(job: JobHeartbeat): Promise<void> {
    return this.#call((state) => admin.recordHeartbeat(state, job));
  }
  latestHeartbeat(kind: JobHeartbeat["kind"]): Promise<JobHeartbeat | null> {
    return this.#call((state) => admin.latestHeartbeat(state, kind));
  }
}
