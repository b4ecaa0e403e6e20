/**
 * Reading DAGs, versions, bundles and import errors from SQLite.
 *
 * @module
 */

import type { DagBundle, DagVersion, ImportError } from "../../core/mod.ts";
import type { DagQuery, DagWithDefinition, Page, PageQuery } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import type { Database, Row } from "./_database.ts";
import { Conditions, orderClause } from "./_conditions.ts";
import { selectPage } from "./_select_page.ts";
import { bundleFromRow, dagFromRow, importErrorFromRow, versionFromRow } from "./_rows.ts";
import type { DefinitionCache } from "./_definition_cache.ts";

const DAG_ORDER: Record<OrderField<"dags">, string> = {
  dag_id: "d.dag_id",
  dag_display_name: "d.dag_id",
  is_paused: "d.is_paused",
  is_active: "d.is_active",
  fileloc: "d.fileloc",
  last_parsed_time: "d.last_parsed_at",
  next_dagrun: "d.next_run_logical_date",
  next_dagrun_create_after: "d.next_run_after",
  description: "json_extract(v.definition, '$.description')",
  owners: "json_extract(v.definition, '$.owner')",
};

const DAG_FROM = " FROM dags d JOIN dag_versions v ON v.version_hash = d.version_hash";

/** DAGs matching a query, with their current definitions. */
export function listDags(
  database: Database,
  query: DagQuery,
  cache: DefinitionCache,
): Page<DagWithDefinition> {
  const page = planPage("dags", query);
  const where = new Conditions();
  if (query.onlyActive ?? true) where.add("d.is_active = 1");
  if (query.paused !== undefined) where.add("d.is_paused = ?", query.paused ? 1 : 0);
  if (query.dagIdPattern !== undefined && query.dagIdPattern !== "") {
    where.add("instr(lower(d.dag_id), lower(?)) > 0", query.dagIdPattern);
  }
  if (query.tags !== undefined && query.tags.length > 0) {
    where.add(
      "EXISTS (SELECT 1 FROM json_each(v.definition, '$.tags') AS tag " +
        "WHERE tag.value IN (SELECT value FROM json_each(?)))",
      JSON.stringify(query.tags),
    );
  }
  if (query.lastRunStates !== undefined && query.lastRunStates.length > 0) {
    // The (dag_id, logical_date) unique index answers both lookups.
    where.add(
      "(SELECT r.state FROM dag_runs r WHERE r.dag_id = d.dag_id " +
        "ORDER BY r.logical_date DESC LIMIT 1) IN (SELECT value FROM json_each(?))",
      JSON.stringify(query.lastRunStates),
    );
  }
  const order = orderClause(DAG_ORDER[page.field], page.descending, "d.dag_id");
  return selectPage(
    database,
    "listing DAGs",
    {
      select: "d.*, v.definition",
      from: DAG_FROM,
      where,
      order,
      limit: page.limit,
      offset: page.offset,
    },
    (sql, parameters) =>
      database.all(sql, ...parameters).map((row) => dagWithDefinition(row, cache)),
  );
}

/** One DAG with its current definition. */
export function getDag(
  database: Database,
  dagId: string,
  cache: DefinitionCache,
): DagWithDefinition | null {
  return database.read(`reading DAG ${dagId}`, () => {
    const row = database.get(`SELECT d.*, v.definition${DAG_FROM} WHERE d.dag_id = ?`, dagId);
    return row === undefined ? null : dagWithDefinition(row, cache);
  });
}

function dagWithDefinition(row: Row, cache: DefinitionCache): DagWithDefinition {
  const hash = row.version_hash as string;
  const definition = cache.get(hash) ?? cache.add(hash, row.definition as string);
  return { dag: dagFromRow(row), definition };
}

/** One stored DAG version. */
export function getDagVersion(
  database: Database,
  versionHash: string,
  cache: DefinitionCache,
): DagVersion | null {
  return database.read(`reading DAG version ${versionHash}`, () => {
    const row = database.get("SELECT * FROM dag_versions WHERE version_hash = ?", versionHash);
    return row === undefined ? null : versionFromRow(row, cache);
  });
}

/** One stored bundle. */
export function getBundle(database: Database, bundleHash: string): DagBundle | null {
  return database.read(`reading bundle ${bundleHash}`, () => {
    const row = database.get("SELECT * FROM dag_bundles WHERE bundle_hash = ?", bundleHash);
    return row === undefined ? null : bundleFromRow(row);
  });
}

const IMPORT_ERROR_ORDER: Record<OrderField<"importErrors">, string> = {
  import_error_id: "id",
  timestamp: "timestamp",
  filename: "fileloc",
};

/** A page of import errors. */
export function listImportErrors(database: Database, query: PageQuery): Page<ImportError> {
  const page = planPage("importErrors", query);
  const order = orderClause(IMPORT_ERROR_ORDER[page.field], page.descending, "id");
  return selectPage(
    database,
    "listing import errors",
    { select: "*", from: " FROM import_errors", order, limit: page.limit, offset: page.offset },
    (sql, parameters) => database.all(sql, ...parameters).map(importErrorFromRow),
  );
}

/** One import error by id. */
export function getImportError(database: Database, id: number): ImportError | null {
  return database.read(`reading import error ${id}`, () => {
    const row = database.get("SELECT * FROM import_errors WHERE id = ?", id);
    return row === undefined ? null : importErrorFromRow(row);
  });
}
