/**
 * The in-memory store's tables: plain maps of immutable records, and transactions that undo
 * every change when the work throws. Stored records are never mutated in place; a write puts
 * a new object, so the undo journal can restore the old one.
 *
 * @module
 */

import type {
  Connection,
  DagBundle,
  DagRecord,
  DagRun,
  DagVersion,
  ImportError,
  JobHeartbeat,
  Pool,
  RunKey,
  StateChange,
  TaskInstance,
  TaskInstanceKey,
  User,
  Variable,
  XCom,
} from "../../core/mod.ts";

/** A DAG row. */
export interface DagRow {
  record: DagRecord;
  revision: number;
}

/** A DAG run row; `id` gives creation order. */
export interface RunRow {
  record: DagRun;
  revision: number;
  id: number;
}

/** A task instance row. */
export interface TaskRow {
  record: TaskInstance;
  revision: number;
}

/** A history row; `id` gives insertion order. */
export interface ChangeRow {
  change: StateChange;
  id: number;
}

/** The key of a run in {@link Tables.runs}. */
export function runKey(key: RunKey): string {
  // Stored text never contains NUL, so NUL separates key parts unambiguously.
  return `${key.dagId}\u0000${key.runId}`;
}

/** The key of a task instance in {@link Tables.tasks}. */
export function taskKey(key: TaskInstanceKey): string {
  return `${key.dagId}\u0000${key.runId}\u0000${key.taskId}\u0000${key.mapIndex}`;
}

/** The key of an XCom in {@link Tables.xcoms}. */
export function xcomKey(key: TaskInstanceKey & { key: string }): string {
  return `${taskKey(key)}\u0000${key.key}`;
}

/** Every table of the in-memory store. */
export class Tables {
  bundles = new Map<string, DagBundle>();
  versions = new Map<string, DagVersion>();
  dags = new Map<string, DagRow>();
  /** By fileloc. */
  importErrors = new Map<string, ImportError>();
  runs = new Map<string, RunRow>();
  tasks = new Map<string, TaskRow>();
  changes: ChangeRow[] = [];
  xcoms = new Map<string, XCom>();
  variables = new Map<string, Variable>();
  pools = new Map<string, Pool>();
  users = new Map<string, User>();
  connections = new Map<string, Connection>();
  heartbeats = new Map<string, JobHeartbeat>();
  /** The last id handed out per sequence. */
  sequences = { run: 0, importError: 0, change: 0 };
}

/** The tables with journaled writes. */
export class MemoryState {
  tables = new Tables();
  #journal: (() => void)[] | null = null;

  /** Run `work` as one transaction: if it throws, every write it made is undone. */
  transaction<T>(work: () => T): T {
    if (this.#journal !== null) throw new Error("a memory store transaction is already open");
    this.#journal = [];
    try {
      return work();
    } catch (error) {
      for (const undo of this.#journal.reverse()) undo();
      throw error;
    } finally {
      this.#journal = null;
    }
  }

  /** Put `value` under `key`. */
  put<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const old = map.get(key);
    this.#record(() => had ? map.set(key, old as V) : map.delete(key));
    map.set(key, value);
  }

  /** Remove `key`; whether it was there. */
  remove<K, V>(map: Map<K, V>, key: K): boolean {
    if (!map.has(key)) return false;
    const old = map.get(key) as V;
    this.#record(() => map.set(key, old));
    return map.delete(key);
  }

  /** Replace the history list. */
  setChanges(changes: ChangeRow[]): void {
    const old = this.tables.changes;
    this.#record(() => this.tables.changes = old);
    this.tables.changes = changes;
  }

  /** Append to the history. */
  appendChange(change: StateChange): void {
    const id = this.next("change");
    const length = this.tables.changes.length;
    this.#record(() => this.tables.changes.length = length);
    this.tables.changes.push({ change, id });
  }

  /** The next id of a sequence. */
  next(sequence: keyof Tables["sequences"]): number {
    const sequences = this.tables.sequences;
    const old = sequences[sequence];
    this.#record(() => sequences[sequence] = old);
    return sequences[sequence] = old + 1;
  }

  #record(undo: () => void): void {
    if (this.#journal === null) {
      throw new Error("a memory store write happened outside a transaction");
    }
    this.#journal.push(undo);
  }
}
