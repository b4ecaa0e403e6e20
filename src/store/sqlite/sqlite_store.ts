/**
 * The default Store: one SQLite file through `node:sqlite`, in WAL mode so a CLI process and
 * the server can share it. Every method is one transaction; writes use `BEGIN IMMEDIATE`.
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
  FernetCipher,
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
import { checkDefaultPoolSlots } from "../_store_rules.ts";
import { DefinitionCache } from "./_definition_cache.ts";
import { Database } from "./_database.ts";
import { migrate, reset } from "./_migrations.ts";
import * as dagFiles from "./_dag_files.ts";
import { deleteDag } from "./_dag_deletion.ts";
import * as dagQueries from "./_dag_queries.ts";
import * as scheduling from "./_scheduling.ts";
import { applySchedulingStep, readDataVersion } from "./_step.ts";
import * as runs from "./_run_queries.ts";
import * as admin from "./_admin.ts";
import * as connections from "./_connections.ts";
import * as connectionSecrets from "./_connection_secrets.ts";
import * as secrets from "./_secrets.ts";
import * as variables from "./_variables.ts";
import { poolFromRow, userFromRow } from "./_rows.ts";

/** Options for {@link SqliteStore.open}. */
export interface SqliteStoreOptions {
  /** Slots of `default_pool` when `migrate()` creates it; default 128. */
  defaultPoolSlots?: number;
  /**
   * The Fernet key(s) that encrypt connection passwords and `extra` and variable values at
   * rest, as Airflow's `fernet_key`. Without one they are stored as given, and encrypted values
   * cannot be read.
   */
  cipher?: FernetCipher;
}

/** A {@link Store} in one SQLite database file. */
export class SqliteStore implements Store {
  readonly #database: Database;
  readonly #definitions = new DefinitionCache();
  readonly #defaultPoolSlots: number;
  readonly #cipher: FernetCipher | null;

  private constructor(database: Database, defaultPoolSlots: number, cipher: FernetCipher | null) {
    this.#database = database;
    this.#defaultPoolSlots = defaultPoolSlots;
    this.#cipher = cipher;
  }

  /**
   * Open (creating if needed) the database at `path`; `":memory:"` gives a private in-memory
   * database. Opening is synchronous; call {@link SqliteStore.migrate} before use.
   *
   * @throws {Error} naming the path when the database cannot be opened.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    const slots = checkDefaultPoolSlots(options.defaultPoolSlots);
    return new SqliteStore(new Database(path), slots, options.cipher ?? null);
  }

  /** Writes through this store to what a scheduling snapshot reads (see `schedulingVersion`). */
  #writes = 0;

  /** Run a synchronous store call, turning what it throws into a rejected promise. */
  #call<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * A store call that writes what scheduling snapshots read: the scheduling version moves once
   * the write is done (a snapshot read meanwhile is then reloaded, never kept as current).
   */
  #write<T>(work: () => T | Promise<T>): Promise<T> {
    return this.#call(work).finally(() => this.#writes++);
  }

  schedulingVersion(): Promise<string> {
    return this.#call(() => `${readDataVersion(this.#database)}:${this.#writes}`);
  }

  /** Migrate, then (with a cipher) encrypt the secrets stored as plaintext. */
  migrate(): Promise<number> {
    return this.#write(async () => {
      const version = migrate(this.#database, this.#defaultPoolSlots);
      if (this.#cipher !== null) {
        await secrets.encryptPlaintextSecrets(this.#database, this.#cipher);
      }
      return version;
    });
  }
  reset(): Promise<void> {
    return this.#write(() => {
      reset(this.#database, this.#defaultPoolSlots);
    });
  }
  close(): Promise<void> {
    return this.#call(() => {
      this.#database.close();
    });
  }

  recordParsedFile(file: ParsedFile, options: RecordParsedFileOptions): Promise<ParsedFileResult> {
    return this.#write(() => dagFiles.recordParsedFile(this.#database, file, options));
  }
  forgetFile(fileloc: string, _now: number): Promise<string[]> {
    return this.#write(() => dagFiles.forgetFile(this.#database, fileloc));
  }
  listKnownFiles(): Promise<{ fileloc: string; bundleHash: string | null }[]> {
    return this.#call(() => dagFiles.listKnownFiles(this.#database));
  }
  listDags(query: DagQuery): Promise<Page<DagWithDefinition>> {
    return this.#call(() => dagQueries.listDags(this.#database, query, this.#definitions));
  }
  getDag(dagId: string): Promise<DagWithDefinition | null> {
    return this.#call(() => dagQueries.getDag(this.#database, dagId, this.#definitions));
  }
  setDagPaused(dagId: string, paused: boolean, _now: number): Promise<DagRecord> {
    return this.#write(() => dagFiles.setDagPaused(this.#database, dagId, paused));
  }
  deleteDag(dagId: string): Promise<boolean> {
    return this.#write(() => deleteDag(this.#database, dagId));
  }
  getDagVersion(versionHash: string): Promise<DagVersion | null> {
    return this.#call(() =>
      dagQueries.getDagVersion(this.#database, versionHash, this.#definitions)
    );
  }
  getBundle(bundleHash: string): Promise<DagBundle | null> {
    return this.#call(() => dagQueries.getBundle(this.#database, bundleHash));
  }
  listImportErrors(query: PageQuery): Promise<Page<ImportError>> {
    return this.#call(() => dagQueries.listImportErrors(this.#database, query));
  }
  getImportError(id: number): Promise<ImportError | null> {
    return this.#call(() => dagQueries.getImportError(this.#database, id));
  }

  loadSchedulingSnapshot(): Promise<SchedulingSnapshot> {
    return this.#call(() => scheduling.loadSchedulingSnapshot(this.#database, this.#definitions));
  }
  loadRunState(key: RunKey): Promise<ActiveRun | null> {
    return this.#call(() => scheduling.loadRunState(this.#database, key));
  }
  loadPreviousRunStates(
    dagId: string,
    logicalDate: number,
    options: { excludeManual: boolean },
  ): Promise<PreviousRunStates | null> {
    return this.#call(() => {
      const key = { dagId, logicalDate };
      return scheduling.loadPreviousRunStates(this.#database, key, options.excludeManual);
    });
  }
  applySchedulingStep(step: SchedulingStep): Promise<StepResult> {
    return this.#write(() => {
      const { dataVersion, ...result } = applySchedulingStep(this.#database, step);
      return { ...result, version: `${dataVersion}:${this.#writes + 1}` };
    });
  }
  listExecutingTaskInstances(): Promise<{ instance: TaskInstance; revision: number }[]> {
    return this.#call(() => runs.listExecutingTaskInstances(this.#database));
  }

  getDagRun(key: RunKey): Promise<DagRun | null> {
    return this.#call(() => runs.getDagRun(this.#database, key));
  }
  listDagRuns(query: DagRunQuery): Promise<Page<DagRun>> {
    return this.#call(() => runs.listDagRuns(this.#database, query));
  }
  deleteDagRun(key: RunKey): Promise<boolean> {
    return this.#write(() => runs.deleteDagRun(this.#database, key));
  }
  getTaskInstance(key: TaskInstanceKey): Promise<TaskInstance | null> {
    return this.#call(() => runs.getTaskInstance(this.#database, key));
  }
  listTaskInstances(query: TaskInstanceQuery): Promise<Page<TaskInstance>> {
    return this.#call(() => runs.listTaskInstances(this.#database, query));
  }
  listStateChanges(key: RunKey & { taskId?: string }): Promise<StateChange[]> {
    return this.#call(() => runs.listStateChanges(this.#database, key));
  }
  listXComs(query: XComQuery): Promise<Page<XCom>> {
    return this.#call(() => runs.listXComs(this.#database, query));
  }
  getXCom(key: TaskInstanceKey & { key: string }): Promise<XCom | null> {
    return this.#call(() => runs.getXCom(this.#database, key));
  }

  getVariable(key: string): Promise<Variable | null> {
    return this.#call(() => variables.getVariable(this.#database, this.#cipher, key));
  }
  getVariables(keys: string[]): Promise<Variable[]> {
    return this.#call(() => variables.getVariables(this.#database, this.#cipher, keys));
  }
  listVariables(query: PageQuery): Promise<Page<Variable>> {
    return this.#call(() => variables.listVariables(this.#database, this.#cipher, query));
  }
  setVariable(variable: Variable): Promise<void> {
    return this.#call(() => variables.setVariable(this.#database, this.#cipher, variable));
  }
  deleteVariable(key: string): Promise<boolean> {
    return this.#call(() => admin.deleteRow(this.#database, "variables", key));
  }
  listPools(query: PageQuery): Promise<Page<Pool>> {
    return this.#call(() =>
      admin.listTable(this.#database, "pools", { ...query, fromRow: poolFromRow })
    );
  }
  getPool(name: string): Promise<Pool | null> {
    return this.#call(() => admin.getPool(this.#database, name));
  }
  setPool(pool: Pool): Promise<void> {
    return this.#write(() => {
      admin.setPool(this.#database, pool);
    });
  }
  deletePool(name: string): Promise<boolean> {
    return this.#write(() => admin.deletePool(this.#database, name));
  }
  getUser(username: string): Promise<User | null> {
    return this.#call(() => admin.getUser(this.#database, username));
  }
  listUsers(query: PageQuery): Promise<Page<User>> {
    return this.#call(() =>
      admin.listTable(this.#database, "users", { ...query, fromRow: userFromRow })
    );
  }
  createUser(user: User): Promise<void> {
    return this.#call(() => {
      admin.writeUser(this.#database, user, false);
    });
  }
  updateUser(user: User): Promise<void> {
    return this.#call(() => {
      admin.writeUser(this.#database, user, true);
    });
  }
  deleteUser(username: string): Promise<boolean> {
    return this.#call(() => admin.deleteRow(this.#database, "users", username));
  }
  countUsers(): Promise<number> {
    return this.#call(() => admin.countUsers(this.#database));
  }

  getConnection(connId: string): Promise<Connection | null> {
    return this.#call(() => {
      const stored = connections.getConnection(this.#database, connId);
      return stored === null ? null : connectionSecrets.openConnection(this.#cipher, stored);
    });
  }
  listConnections(query: PageQuery): Promise<Page<Connection>> {
    return this.#call(async () => {
      const page = connections.listConnections(this.#database, query);
      const open = (stored: connections.StoredConnection) =>
        connectionSecrets.openConnection(this.#cipher, stored);
      return { ...page, items: await Promise.all(page.items.map(open)) };
    });
  }
  createConnection(connection: Connection): Promise<void> {
    return this.#writeConnection(connection, false);
  }
  updateConnection(connection: Connection): Promise<void> {
    return this.#writeConnection(connection, true);
  }
  async #writeConnection(connection: Connection, update: boolean): Promise<void> {
    const action = `${update ? "updating" : "creating"} connection ${connection?.connId}`;
    const sealed = await connectionSecrets.sealConnection(this.#cipher, connection, action);
    connections.writeConnection(this.#database, sealed, update);
  }
  deleteConnection(connId: string): Promise<boolean> {
    return this.#call(() => connections.deleteConnection(this.#database, connId));
  }

  /** Re-encrypt every encrypted secret with the first key; how many of each it did. */
  rotateSecrets(): Promise<SecretRotation> {
    return this.#call(() => secrets.rotateSecrets(this.#database, this.#cipher));
  }

  recordHeartbeat(job: JobHeartbeat): Promise<void> {
    return this.#call(() => {
      admin.recordHeartbeat(this.#database, job);
    });
  }
  latestHeartbeat(kind: JobHeartbeat["kind"]): Promise<JobHeartbeat | null> {
    return this.#call(() => admin.latestHeartbeat(this.#database, kind));
  }
}
