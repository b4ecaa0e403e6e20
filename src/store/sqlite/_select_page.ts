/**
 * One page of a listing: how many rows match in all, then the rows of the page, read in one
 * transaction so the two agree.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type { Page } from "../store.ts";
import type { Conditions } from "./_conditions.ts";
import type { Database } from "./_database.ts";

/** What to list: the selected columns, ` FROM …`, the filter and ` ORDER BY …`. */
export interface PageSelect {
  select: string;
  from: string;
  where?: Conditions;
  order: string;
  limit: number;
  offset: number;
}

/** Count and read one page; `read` runs the page's statement and maps its rows. */
export function selectPage<T>(
  database: Database,
  action: string,
  query: PageSelect,
  read: (sql: string, parameters: SQLInputValue[]) => T[],
): Page<T> {
  const where = query.where?.toString() ?? "";
  const parameters = query.where?.parameters ?? [];
  return database.read(action, () => {
    const total = database.get<{ total: number }>(
      `SELECT COUNT(*) AS total${query.from}${where}`,
      ...parameters,
    )!.total;
    const items = read(
      `SELECT ${query.select}${query.from}${where}${query.order} LIMIT ? OFFSET ?`,
      [...parameters, query.limit, query.offset],
    );
    return { items, total };
  });
}
