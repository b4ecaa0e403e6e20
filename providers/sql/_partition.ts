/**
 * Partition clauses of the check operators: conditions (Airflow's `partition_clause`) that
 * restrict the rows a check reads, written with or without a leading `WHERE`.
 *
 * @module
 */

/** ` WHERE (a) AND (b)` for the clauses given, or "" when there are none. */
export function whereClause(...clauses: (string | undefined)[]): string {
  const conditions = clauses
    .map((clause) => clause?.trim().replace(/^where\s+/i, "") ?? "")
    .filter((clause) => clause !== "");
  return conditions.length === 0
    ? ""
    : ` WHERE ${conditions.map((condition) => `(${condition})`).join(" AND ")}`;
}
