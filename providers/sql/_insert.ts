/**
 * The INSERT statements `insertRows` runs: multi-row VALUES lists, batched, with each dialect's
 * replace and upsert forms.
 *
 * @module
 */

import type { SqlDialect } from "./split_statements.ts";
import type { InsertRowsOptions, SqlRow, SqlValue } from "./types.ts";

/** One statement and its parameters. */
export interface InsertStatement {
  sql: string;
  parameters: SqlValue[];
  rowCount: number;
}

/** The most parameters one statement may bind, by dialect. */
const PARAMETER_LIMITS: Record<SqlDialect, number> = {
  sqlite: 32_766,
  postgres: 65_535,
  mysql: 65_535,
};

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const QUOTES: Record<SqlDialect, string> = { sqlite: '"', postgres: '"', mysql: "`" };

/**
 * The statements inserting `rows` into `table`, grouped by transaction (`batchSize` rows each).
 *
 * @throws {Error} naming the option or row that is wrong.
 */
export function insertBatches(
  dialect: SqlDialect,
  table: string,
  rows: readonly SqlRow[],
  options: InsertRowsOptions = {},
): InsertStatement[][] {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (typeof table !== "string" || table.trim() === "") {
    throw new Error("table must be a table name");
  }
  if (rows.length === 0) return [];
  const objects = !Array.isArray(rows[0]);
  const columns = options.columns ??
    (objects ? Object.keys(rows[0]) : null);
  if (columns !== null && columns.length === 0) throw new Error("columns must not be empty");
  const width = columns?.length ?? (rows[0] as SqlValue[]).length;
  const values = rows.map((row, index) => rowValues(row, index, objects, columns, width));
  const prefix = insertPrefix(dialect, table, columns, options);
  const suffix = conflictClause(dialect, columns, options);
  const perStatement = Math.max(1, Math.floor(PARAMETER_LIMITS[dialect] / Math.max(width, 1)));
  const batches: InsertStatement[][] = [];
  for (let start = 0; start < values.length; start += batchSize) {
    const batch = values.slice(start, start + batchSize);
    const statements: InsertStatement[] = [];
    for (let offset = 0; offset < batch.length; offset += perStatement) {
      const chunk = batch.slice(offset, offset + perStatement);
      statements.push({
        sql: `${prefix} VALUES ${valueLists(dialect, chunk.length, width)}${suffix}`,
        parameters: chunk.flat(),
        rowCount: chunk.length,
      });
    }
    batches.push(statements);
  }
  return batches;
}

/** A name as written when it is a plain (optionally schema-qualified) name, else quoted. */
export function quoteName(name: string, dialect: SqlDialect): string {
  if (name.split(".").every((part) => SIMPLE_NAME.test(part))) return name;
  if (/^["`[]/.test(name)) return name;
  const quote = QUOTES[dialect];
  return `${quote}${name.replaceAll(quote, quote + quote)}${quote}`;
}

function rowValues(
  row: SqlRow,
  index: number,
  objects: boolean,
  columns: string[] | null,
  width: number,
): SqlValue[] {
  if (Array.isArray(row) !== !objects || row === null || typeof row !== "object") {
    throw new Error(`row ${index + 1}: rows must all be lists or all be objects`);
  }
  if (objects) {
    const record = row as Readonly<Record<string, SqlValue | undefined>>;
    return columns!.map((column) => record[column] ?? null);
  }
  const list = row as readonly SqlValue[];
  if (list.length !== width) {
    throw new Error(`row ${index + 1} has ${list.length} values, expected ${width}`);
  }
  return [...list];
}

function insertPrefix(
  dialect: SqlDialect,
  table: string,
  columns: string[] | null,
  options: InsertRowsOptions,
): string {
  const keys = options.keyColumns ?? [];
  let verb = "INSERT INTO";
  if (options.replace && keys.length === 0) {
    if (dialect === "postgres") {
      throw new Error("replace on PostgreSQL needs keyColumns (the unique key to upsert on)");
    }
    verb = dialect === "sqlite" ? "INSERT OR REPLACE INTO" : "REPLACE INTO";
  }
  const list = columns
    ? ` (${columns.map((column) => quoteName(column, dialect)).join(", ")})`
    : "";
  return `${verb} ${quoteName(table, dialect)}${list}`;
}

function conflictClause(
  dialect: SqlDialect,
  columns: string[] | null,
  options: InsertRowsOptions,
): string {
  const keys = options.keyColumns ?? [];
  if (keys.length === 0) return "";
  if (!columns) throw new Error("keyColumns needs columns (or rows given as objects)");
  const missing = keys.filter((key) => !columns.includes(key));
  if (missing.length > 0) {
    throw new Error(`keyColumns ${missing.join(", ")} not among the columns inserted`);
  }
  const quoted = (name: string) => quoteName(name, dialect);
  const updated = columns.filter((column) => !keys.includes(column));
  if (dialect === "mysql") {
    const targets = updated.length > 0 ? updated : [keys[0]];
    const sets = targets.map((column) => `${quoted(column)} = VALUES(${quoted(column)})`);
    return ` ON DUPLICATE KEY UPDATE ${sets.join(", ")}`;
  }
  const target = `ON CONFLICT (${keys.map(quoted).join(", ")})`;
  if (updated.length === 0) return ` ${target} DO NOTHING`;
  const sets = updated.map((column) => `${quoted(column)} = excluded.${quoted(column)}`);
  return ` ${target} DO UPDATE SET ${sets.join(", ")}`;
}

function valueLists(dialect: SqlDialect, rows: number, width: number): string {
  const lists: string[] = [];
  let number = 1;
  for (let row = 0; row < rows; row++) {
    const marks: string[] = [];
    for (let column = 0; column < width; column++) {
      marks.push(dialect === "postgres" ? `$${number++}` : "?");
    }
    lists.push(`(${marks.join(", ")})`);
  }
  return lists.join(", ");
}
