/**
 * DAG files, DAGs, versions, bundles and import errors in SQLite.
 *
 * @module
 */

import type { DagRecord, ParsedFile } from "../../core/mod.ts";
import type { ParsedFileResult, RecordParsedFileOptions } from "../store.ts";
import { RecordNotFoundError } from "../store.ts";
import {
  checkParsedFile,
  type ParsedFileOk,
  type ParsedFilePlan,
  planParsedFile,
  type StoredDagState,
  versionHashOf,
} from "../_parsed_file_plan.ts";
import type { Database } from "./_database.ts";
import { dagFromRow } from "./_rows.ts";

/** Record one file's parse outcome (see `Store.recordParsedFile`). */
export async function recordParsedFile(
  database: Database,
  file: ParsedFile,
  options: RecordParsedFileOptions,
): Promise<ParsedFileResult> {
  checkParsedFile(file);
  const action = `recording parsed file ${file.fileloc}`;
  if (!file.ok) {
    database.write(action, () => {
      upsertImportError(database, file.fileloc, file.message, file.line, options.now);
    });
    return { added: [], updated: [], deactivated: [], conflicts: [] };
  }
  const versionHashes = await Promise.all(
    file.dags.map((definition) => versionHashOf(file.bundle.bundleHash, definition)),
  );
  return database.write(action, () => {
    const stored = storedDagStates(database, file);
    const plan = planParsedFile(file, { stored, versionHashes, options });
    applyPlan(database, file, plan, options.now);
    return plan.result;
  });
}

function storedDagStates(database: Database, file: ParsedFileOk): Map<string, StoredDagState> {
  const rows = database.all<
    { dag_id: string; fileloc: string; is_active: number; version_hash: string }
  >(
    "SELECT dag_id, fileloc, is_active, version_hash FROM dags " +
      "WHERE dag_id IN (SELECT value FROM json_each(?)) OR (fileloc = ? AND is_active = 1) " +
      "ORDER BY dag_id",
    JSON.stringify(file.dags.map((definition) => definition.dagId)),
    file.fileloc,
  );
  return new Map(rows.map((row) => [row.dag_id, {
    dagId: row.dag_id,
    fileloc: row.fileloc,
    isActive: row.is_active === 1,
    versionHash: row.version_hash,
  }]));
}

function applyPlan(database: Database, file: ParsedFileOk, plan: ParsedFilePlan, now: number) {
  const { bundle } = plan;
  database.run(
    "INSERT INTO dag_bundles (bundle_hash, fileloc, source, code, created_at) " +
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (bundle_hash) DO NOTHING",
    bundle.bundleHash,
    bundle.fileloc,
    bundle.source,
    bundle.code,
    bundle.createdAt,
  );
  for (const version of plan.versions) {
    database.run(
      "INSERT INTO dag_versions (version_hash, dag_id, definition, bundle_hash, created_at) " +
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_hash) DO NOTHING",
      version.versionHash,
      version.dagId,
      JSON.stringify(version.definition),
      version.bundleHash,
      version.createdAt,
    );
  }
  for (const dag of plan.inserts) {
    database.run(
      "INSERT INTO dags (dag_id, fileloc, is_paused, is_active, version_hash, last_parsed_at, " +
        "revision) VALUES (?, ?, ?, 1, ?, ?, 1)",
      dag.dagId,
      dag.fileloc,
      dag.isPaused ? 1 : 0,
      dag.versionHash,
      dag.lastParsedAt,
    );
  }
  for (const refresh of plan.refreshes) {
    const resetNextRun = refresh.resetNextRun
      ? ", next_run_logical_date = NULL, next_run_interval_start = NULL, " +
        "next_run_interval_end = NULL, next_run_after = NULL"
      : "";
    database.run(
      "UPDATE dags SET fileloc = ?, is_active = 1, version_hash = ?, last_parsed_at = ?, " +
        `revision = revision + 1${resetNextRun} WHERE dag_id = ?`,
      file.fileloc,
      refresh.versionHash,
      now,
      refresh.dagId,
    );
  }
  for (const dagId of plan.deactivate) {
    database.run(
      "UPDATE dags SET is_active = 0, revision = revision + 1 WHERE dag_id = ?",
      dagId,
    );
  }
  if (plan.importError === null) {
    database.run("DELETE FROM import_errors WHERE fileloc = ?", file.fileloc);
  } else {
    upsertImportError(database, file.fileloc, plan.importError, null, now);
  }
}

function upsertImportError(
  database: Database,
  fileloc: string,
  message: string,
  line: number | null,
  now: number,
) {
  database.run(
    "INSERT INTO import_errors (fileloc, message, line, timestamp) VALUES (?, ?, ?, ?) " +
      "ON CONFLICT (fileloc) DO UPDATE SET message = excluded.message, line = excluded.line, " +
      "timestamp = excluded.timestamp",
    fileloc,
    message,
    line,
    now,
  );
}

/** A deleted file: its DAGs become inactive and its import error goes. */
export function forgetFile(database: Database, fileloc: string): string[] {
  return database.write(`forgetting DAG file ${fileloc}`, () => {
    const dagIds = database.all<{ dag_id: string }>(
      "SELECT dag_id FROM dags WHERE fileloc = ? AND is_active = 1 ORDER BY dag_id",
      fileloc,
    ).map((row) => row.dag_id);
    database.run(
      "UPDATE dags SET is_active = 0, revision = revision + 1 WHERE fileloc = ? AND is_active = 1",
      fileloc,
    );
    database.run("DELETE FROM import_errors WHERE fileloc = ?", fileloc);
    return dagIds;
  });
}

/** Files with active DAGs or an import error, with the bundle of their last good parse. */
export function listKnownFiles(database: Database) {
  return database.read("listing known DAG files", () => {
    return database.all<{ fileloc: string; bundleHash: string | null }>(
      "SELECT fileloc, MAX(bundle_hash) AS bundleHash FROM (" +
        "SELECT d.fileloc, v.bundle_hash FROM dags d " +
        "JOIN dag_versions v ON v.version_hash = d.version_hash WHERE d.is_active = 1 " +
        "UNION ALL SELECT fileloc, NULL FROM import_errors) GROUP BY fileloc ORDER BY fileloc",
    ).map((row) => ({ fileloc: row.fileloc, bundleHash: row.bundleHash }));
  });
}

/** Pause or unpause a DAG; unpausing clears its next run so the scheduler recomputes it. */
export function setDagPaused(database: Database, dagId: string, paused: boolean): DagRecord {
  return database.write(`${paused ? "pausing" : "unpausing"} DAG ${dagId}`, () => {
    const resetNextRun = paused ? "" : ", next_run_logical_date = NULL, " +
      "next_run_interval_start = NULL, next_run_interval_end = NULL, next_run_after = NULL";
    const changed = database.run(
      `UPDATE dags SET is_paused = ?, revision = revision + 1${resetNextRun} WHERE dag_id = ?`,
      paused ? 1 : 0,
      dagId,
    );
    if (changed === 0) throw new RecordNotFoundError(`DAG ${dagId}`);
    return dagFromRow(database.get("SELECT * FROM dags WHERE dag_id = ?", dagId)!);
  });
}
