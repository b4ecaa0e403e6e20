/**
 * Paging and ordering of list queries, shared by all Store implementations: the REST API's
 * `order_by` field names each list accepts, defaults, and checks of `limit` and `offset`.
 *
 * @module
 */

import type { PageQuery } from "./store.ts";

/** The fields each list may be ordered by (REST API names), the first being the default. */
export const ORDER_FIELDS = {
  dags: [
    "dag_id",
    "dag_display_name",
    "is_paused",
    "is_active",
    "fileloc",
    "last_parsed_time",
    "next_dagrun",
    "next_dagrun_create_after",
    "description",
    "owners",
  ],
  dagRuns: [
    "id",
    "state",
    "dag_id",
    "execution_date",
    "dag_run_id",
    "start_date",
    "end_date",
    "updated_at",
    "external_trigger",
    "conf",
    "run_type",
  ],
  taskInstances: [
    "dag_id",
    "dag_run_id",
    "task_id",
    "map_index",
    "execution_date",
    "start_date",
    "end_date",
    "duration",
    "state",
    "try_number",
    "priority_weight",
    "pool",
    "operator",
    "queued_when",
    "updated_at",
  ],
  xcoms: ["dag_id", "task_id", "dag_run_id", "map_index", "key", "timestamp"],
  importErrors: ["import_error_id", "timestamp", "filename"],
  variables: ["key", "value", "description"],
  pools: ["name", "slots", "description", "include_deferred"],
  users: ["username", "email", "first_name", "last_name", "role", "created_at"],
  connections: ["connection_id", "conn_type", "description", "host", "port"],
} as const;

/** A list that can be paged. */
export type ListName = keyof typeof ORDER_FIELDS;

/** An order field of one list. */
export type OrderField<L extends ListName> = (typeof ORDER_FIELDS)[L][number];

/** A checked page request. */
export interface PagePlan<L extends ListName> {
  limit: number;
  offset: number;
  field: OrderField<L>;
  descending: boolean;
}

/** The default page size. */
export const DEFAULT_LIMIT = 100;

/**
 * Check and complete a page request for list `list`.
 *
 * @throws {Error} naming the field and the allowed ones when `orderBy` is unknown, or when
 * `limit` or `offset` is not a non-negative integer.
 */
export function planPage<L extends ListName>(list: L, query: PageQuery): PagePlan<L> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  for (const [name, value] of [["limit", limit], ["offset", offset]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`listing ${list}: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  const allowed: readonly string[] = ORDER_FIELDS[list];
  const orderBy = query.orderBy ?? allowed[0];
  const descending = orderBy.startsWith("-");
  const field = descending ? orderBy.slice(1) : orderBy;
  if (!allowed.includes(field)) {
    throw new Error(
      `listing ${list}: cannot order by "${field}"; allowed fields are ${allowed.join(", ")} ` +
        `(prefix "-" for descending)`,
    );
  }
  return { limit, offset, field: field as OrderField<L>, descending };
}
