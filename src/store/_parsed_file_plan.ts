/**
 * What recording a successfully parsed DAG file writes, decided once for every Store
 * implementation: which DAGs are added, updated, taken over, deactivated or refused as
 * conflicts, and which import error the file keeps.
 *
 * @module
 */

import type { DagBundle, DagDefinition, DagRecord, DagVersion, ParsedFile } from "../core/mod.ts";
import type { ParsedFileResult, RecordParsedFileOptions } from "./store.ts";
import { jsonProblem, textProblem } from "./_validate.ts";

/** A successfully parsed file. */
export type ParsedFileOk = Extract<ParsedFile, { ok: true }>;

/** What the store holds about a DAG the file defines or used to define. */
export interface StoredDagState {
  dagId: string;
  fileloc: string;
  isActive: boolean;
  versionHash: string;
}

/** An existing DAG row to point at this file's new parse. */
export interface DagRefresh {
  dagId: string;
  versionHash: string;
  /** Reactivated or given a new version: the scheduler must recompute its next run. */
  resetNextRun: boolean;
}

/** Every write of one successful parse. */
export interface ParsedFilePlan {
  /** Inserted unless stored already. */
  bundle: DagBundle;
  /** Inserted unless stored already. */
  versions: DagVersion[];
  inserts: DagRecord[];
  /** Rows to set active, owned by this file, parsed now, at the given version. */
  refreshes: DagRefresh[];
  deactivate: string[];
  /** The file's import error after this parse; null deletes it. */
  importError: string | null;
  result: ParsedFileResult;
}

/**
 * The version hash of a DAG definition parsed from a bundle: the first 16 hex digits of the
 * SHA-256 of `bundleHash + "\n" + JSON.stringify(definition)`.
 */
export async function versionHashOf(bundleHash: string, definition: DagDefinition) {
  const text = `${bundleHash}\n${JSON.stringify(definition)}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).subarray(0, 8), (byte) => {
    return byte.toString(16).padStart(2, "0");
  }).join("");
}

/** Refuse a parsed file whose bundle or definitions could not be stored faithfully. */
export function checkParsedFile(file: ParsedFile): void {
  const where = `recording parsed file ${JSON.stringify(file.fileloc)}`;
  const problems: [string, string | null][] = [["fileloc", textOrNot(file.fileloc)]];
  if (file.ok) {
    for (const field of ["bundleHash", "fileloc", "source", "code"] as const) {
      problems.push([`bundle.${field}`, textOrNot(file.bundle[field])]);
    }
    const seen = new Set<string>();
    for (const [index, definition] of file.dags.entries()) {
      problems.push([`dags[${index}].dagId`, textOrNot(definition?.dagId)]);
      problems.push([`dags[${index}]`, jsonProblem(definition)]);
      if (seen.has(definition?.dagId)) {
        problems.push([`dags[${index}].dagId`, `repeats DAG id ${definition.dagId}`]);
      }
      seen.add(definition?.dagId);
    }
  } else {
    problems.push(["message", textOrNot(file.message)]);
    const line = file.line;
    if (line !== null && !(Number.isSafeInteger(line) && line >= 0)) {
      problems.push(["line", `must be a non-negative integer or null, got ${line}`]);
    }
  }
  for (const [field, problem] of problems) {
    if (problem !== null) throw new Error(`${where}: field ${field} ${problem}`);
  }
}

/**
 * Decide the writes of one successful parse.
 *
 * @param stored the stored DAGs with the ids the file defines, and the active DAGs whose
 *   fileloc is this file.
 */
export function planParsedFile(
  file: ParsedFileOk,
  context: {
    stored: Map<string, StoredDagState>;
    versionHashes: string[];
    options: RecordParsedFileOptions;
  },
): ParsedFilePlan {
  const { stored, versionHashes, options } = context;
  const { now } = options;
  const plan: ParsedFilePlan = {
    bundle: { ...file.bundle, createdAt: now },
    versions: [],
    inserts: [],
    refreshes: [],
    deactivate: [],
    importError: null,
    result: { added: [], updated: [], deactivated: [], conflicts: [] },
  };
  const defined = new Set<string>();
  for (const [index, definition] of file.dags.entries()) {
    const { dagId } = definition;
    const versionHash = versionHashes[index];
    const existing = stored.get(dagId);
    if (existing && existing.isActive && existing.fileloc !== file.fileloc) {
      plan.result.conflicts.push({ dagId, fileloc: existing.fileloc });
      continue;
    }
    defined.add(dagId);
    plan.versions.push({
      versionHash,
      dagId,
      definition,
      bundleHash: file.bundle.bundleHash,
      createdAt: now,
    });
    if (!existing) {
      plan.inserts.push({
        dagId,
        fileloc: file.fileloc,
        isPaused: definition.isPausedUponCreation ?? options.pausedAtCreation,
        isActive: true,
        versionHash,
        lastParsedAt: now,
        nextRun: null,
        lastAutomatedRun: null,
      });
      plan.result.added.push(dagId);
      continue;
    }
    // A reactivated DAG counts as updated even with its old version: it is back in service.
    const changed = existing.versionHash !== versionHash || !existing.isActive;
    plan.refreshes.push({ dagId, versionHash, resetNextRun: changed });
    if (changed) plan.result.updated.push(dagId);
  }
  for (const dag of stored.values()) {
    if (dag.isActive && dag.fileloc === file.fileloc && !defined.has(dag.dagId)) {
      plan.deactivate.push(dag.dagId);
    }
  }
  plan.deactivate.sort();
  plan.result.deactivated = [...plan.deactivate];
  if (plan.result.conflicts.length > 0) {
    plan.importError = plan.result.conflicts.map(({ dagId, fileloc }) => {
      return `${file.fileloc}: DAG id "${dagId}" is already defined by ${fileloc}; ` +
        `it was not loaded from this file (rename it or remove it from one of the files)`;
    }).join("\n");
  }
  return plan;
}

function textOrNot(value: unknown): string | null {
  if (typeof value !== "string") return `must be text, got ${typeof value}`;
  return textProblem(value);
}
