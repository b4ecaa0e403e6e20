/**
 * DAG files, DAGs, versions, bundles and import errors in memory.
 *
 * @module
 */

import type { DagRecord, DagRunState, ImportError, ParsedFile } from "../../core/mod.ts";
import {
  type DagQuery,
  type DagWithDefinition,
  type Page,
  type PageQuery,
  type ParsedFileResult,
  RecordNotFoundError,
  type RecordParsedFileOptions,
} from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import {
  checkParsedFile,
  planParsedFile,
  type StoredDagState,
  versionHashOf,
} from "../_parsed_file_plan.ts";
import type { DagRow, MemoryState } from "./_state.ts";
import { asciiLower, compareText, sortPage, type SortValue } from "./_ordering.ts";

/** Record one file's parse outcome (see `Store.recordParsedFile`). */
export async function recordParsedFile(
  state: MemoryState,
  file: ParsedFile,
  options: RecordParsedFileOptions,
): Promise<ParsedFileResult> {
  checkParsedFile(file);
  if (!file.ok) {
    state.transaction(() =>
      putImportError(state, file.fileloc, file.message, file.line, options.now)
    );
    return { added: [], updated: [], deactivated: [], conflicts: [] };
  }
  const dags = file.dags.map((definition) => JSON.parse(JSON.stringify(definition)));
  const copy = { ...file, bundle: { ...file.bundle }, dags };
  const versionHashes = await Promise.all(
    file.dags.map((definition) => versionHashOf(file.bundle.bundleHash, definition)),
  );
  return state.transaction(() => {
    const { tables } = state;
    const ids = new Set(dags.map((definition) => definition.dagId));
    const stored = new Map<string, StoredDagState>();
    for (const { record } of tables.dags.values()) {
      if (ids.has(record.dagId) || (record.fileloc === file.fileloc && record.isActive)) {
        stored.set(record.dagId, record);
      }
    }
    const plan = planParsedFile(copy, { stored, versionHashes, options });
    if (!tables.bundles.has(plan.bundle.bundleHash)) {
      state.put(tables.bundles, plan.bundle.bundleHash, plan.bundle);
    }
    for (const version of plan.versions) {
      if (!tables.versions.has(version.versionHash)) {
        state.put(tables.versions, version.versionHash, version);
      }
    }
    for (const record of plan.inserts) {
      state.put(tables.dags, record.dagId, { record, revision: 1 });
    }
    for (const refresh of plan.refreshes) {
      const row = tables.dags.get(refresh.dagId)!;
      writeDag(state, row, {
        fileloc: file.fileloc,
        isActive: true,
        versionHash: refresh.versionHash,
        lastParsedAt: options.now,
        ...(refresh.resetNextRun ? { nextRun: null } : {}),
      });
    }
    for (const dagId of plan.deactivate) {
      writeDag(state, tables.dags.get(dagId)!, { isActive: false });
    }
    if (plan.importError === null) state.remove(tables.importErrors, file.fileloc);
    else putImportError(state, file.fileloc, plan.importError, null, options.now);
    return plan.result;
  });
}

/** Replace a DAG row with changed fields and the next revision. */
export function writeDag(state: MemoryState, row: DagRow, changes: Partial<DagRecord>): DagRecord {
  const record = { ...row.record, ...changes };
  state.put(state.tables.dags, record.dagId, { record, revision: row.revision + 1 });
  return record;
}

function putImportError(
  state: MemoryState,
  fileloc: string,
  message: string,
  line: number | null,
  timestamp: number,
): void {
  const id = state.tables.importErrors.get(fileloc)?.id ?? state.next("importError");
  state.put(state.tables.importErrors, fileloc, { id, fileloc, message, line, timestamp });
}

/** A deleted file: its DAGs become inactive and its import error goes. */
export function forgetFile(state: MemoryState, fileloc: string): string[] {
  return state.transaction(() => {
    const rows = [...state.tables.dags.values()]
      .filter((row) => row.record.fileloc === fileloc && row.record.isActive)
      .sort((a, b) => compareText(a.record.dagId, b.record.dagId));
    for (const row of rows) writeDag(state, row, { isActive: false });
    state.remove(state.tables.importErrors, fileloc);
    return rows.map((row) => row.record.dagId);
  });
}

/** Files with active DAGs or an import error, with the bundle of their last good parse. */
export function listKnownFiles(state: MemoryState) {
  const { tables } = state;
  const files = new Map<string, string | null>();
  for (const { record } of tables.dags.values()) {
    if (!record.isActive) continue;
    const bundleHash = tables.versions.get(record.versionHash)!.bundleHash;
    const known = files.get(record.fileloc) ?? null;
    files.set(
      record.fileloc,
      known === null || compareText(bundleHash, known) > 0 ? bundleHash : known,
    );
  }
  for (const fileloc of tables.importErrors.keys()) {
    if (!files.has(fileloc)) files.set(fileloc, null);
  }
  return [...files].sort(([a], [b]) => compareText(a, b))
    .map(([fileloc, bundleHash]) => ({ fileloc, bundleHash }));
}

/** Pause or unpause a DAG; unpausing clears its next run. */
export function setDagPaused(state: MemoryState, dagId: string, paused: boolean): DagRecord {
  return state.transaction(() => {
    const row = state.tables.dags.get(dagId);
    if (row === undefined) throw new RecordNotFoundError(`DAG ${dagId}`);
    return writeDag(state, row, { isPaused: paused, ...(paused ? {} : { nextRun: null }) });
  });
}

const DAG_ORDER: Record<OrderField<"dags">, (item: DagWithDefinition) => SortValue> = {
  dag_id: (item) => item.dag.dagId,
  dag_display_name: (item) => item.dag.dagId,
  is_paused: (item) => item.dag.isPaused,
  is_active: (item) => item.dag.isActive,
  fileloc: (item) => item.dag.fileloc,
  last_parsed_time: (item) => item.dag.lastParsedAt,
  next_dagrun: (item) => item.dag.nextRun?.logicalDate ?? null,
  next_dagrun_create_after: (item) => item.dag.nextRun?.runAfter ?? null,
  description: (item) => item.definition.description,
  owners: (item) => item.definition.owner,
};

/** DAGs matching a query, with their current definitions (shared, not copied). */
export function listDags(state: MemoryState, query: DagQuery): Page<DagWithDefinition> {
  const page = planPage("dags", query);
  const pattern = query.dagIdPattern ? asciiLower(query.dagIdPattern) : undefined;
  const tags = query.tags?.length ? query.tags : undefined;
  const lastRunStates = query.lastRunStates?.length ? latestRunStates(state) : undefined;
  const matches: DagWithDefinition[] = [];
  for (const { record } of state.tables.dags.values()) {
    if ((query.onlyActive ?? true) && !record.isActive) continue;
    if (query.paused !== undefined && record.isPaused !== query.paused) continue;
    if (pattern !== undefined && !asciiLower(record.dagId).includes(pattern)) continue;
    if (lastRunStates !== undefined) {
      const latest = lastRunStates.get(record.dagId);
      if (latest === undefined || !query.lastRunStates!.includes(latest)) continue;
    }
    const definition = state.tables.versions.get(record.versionHash)!.definition;
    if (tags !== undefined && !definition.tags.some((tag) => tags.includes(tag))) continue;
    matches.push({ dag: record, definition });
  }
  return sortPage(matches, {
    primary: DAG_ORDER[page.field],
    descending: page.descending,
    tieBreak: (item) => [item.dag.dagId],
    limit: page.limit,
    offset: page.offset,
  });
}

/** Each DAG's latest run state, by logical date. */
function latestRunStates(state: MemoryState): Map<string, DagRunState> {
  const latest = new Map<string, { logicalDate: number; state: DagRunState }>();
  for (const { record } of state.tables.runs.values()) {
    const known = latest.get(record.dagId);
    if (known === undefined || record.logicalDate > known.logicalDate) {
      latest.set(record.dagId, { logicalDate: record.logicalDate, state: record.state });
    }
  }
  return new Map([...latest].map(([dagId, run]) => [dagId, run.state]));
}

const IMPORT_ERROR_ORDER: Record<OrderField<"importErrors">, (error: ImportError) => SortValue> = {
  import_error_id: (error) => error.id,
  timestamp: (error) => error.timestamp,
  filename: (error) => error.fileloc,
};

/** A page of import errors. */
export function listImportErrors(state: MemoryState, query: PageQuery): Page<ImportError> {
  const page = planPage("importErrors", query);
  return sortPage([...state.tables.importErrors.values()], {
    primary: IMPORT_ERROR_ORDER[page.field],
    descending: page.descending,
    tieBreak: (error) => [error.id],
    limit: page.limit,
    offset: page.offset,
  });
}
