/**
 * The DAG list's filters and how they read in its URL, shared by the page's links and the HTTP
 * layer (which reads them back and points the live region at the same query).
 *
 * @module
 */

/** Which DAGs a status tab shows: all, unpaused ("active", as Airflow calls them), paused, or
 * those whose latest run failed. */
export type DagStatusFilter = "all" | "active" | "paused" | "failed";

/** The status tabs, in the order shown. */
export const DAG_STATUS_FILTERS: readonly DagStatusFilter[] = ["all", "active", "paused", "failed"];

/** The sort orders the list offers. */
export type DagListSort = "dag_id" | "-dag_id";

/** What the DAG list shows. */
export interface DagListFilters {
  /** A case-insensitive substring of the DAG id. */
  search: string;
  /** DAGs having any of these tags. */
  tags: string[];
  status: DagStatusFilter;
  sort: DagListSort;
  offset: number;
}

/** No filter: every DAG, by DAG id, first page. */
export const NO_DAG_FILTERS: DagListFilters = {
  search: "",
  tags: [],
  status: "all",
  sort: "dag_id",
  offset: 0,
};

/**
 * The query string (with its `?`, or "" for none) of `filters` changed by `change`; defaults
 * are left out so links stay short.
 */
export function dagListQuery(
  filters: DagListFilters,
  change: Partial<DagListFilters> = {},
): string {
  const next = { ...filters, ...change };
  const query = new URLSearchParams();
  if (next.search !== "") query.set("search", next.search);
  for (const tag of next.tags) query.append("tags", tag);
  if (next.status !== "all") query.set("status", next.status);
  if (next.sort !== "dag_id") query.set("sort", next.sort);
  if (next.offset > 0) query.set("offset", String(next.offset));
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

/** The DAG list's URL for `filters` changed by `change`. */
export function dagListUrl(filters: DagListFilters, change: Partial<DagListFilters> = {}): string {
  return `/dags${dagListQuery(filters, change)}`;
}
