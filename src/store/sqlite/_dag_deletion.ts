/**
 * Deleting a DAG's metadata in SQLite (the REST API's `DELETE /dags/{dag_id}`).
 *
 * @module
 */

import { EXECUTING_TASK_STATES } from "../../core/mod.ts";
import { DagBusyError } from "../store.ts";
import type { Database } from "./_database.ts";

/** Delete a DAG with its runs, task instances, XComs, history and versions; false when absent. */
export function deleteDag(database: Database, dagId: string): boolean {
  return database.write(`deleting DAG ${dagId}`, () => {
    if (database.get("SELECT 1 AS found FROM dags WHERE dag_id = ?", dagId) === undefined) {
      return false;
    }
    const executing = database.get(
      "SELECT COUNT(*) AS count FROM task_instances WHERE dag_id = ? " +
        "AND state IN (SELECT value FROM json_each(?))",
      dagId,
      JSON.stringify([...EXECUTING_TASK_STATES]),
    )?.count as number;
    if (executing > 0) throw new DagBusyError(dagId, executing);
    // Children first: the foreign keys point from history, XComs and instances to runs, and
    // from runs and the DAG row to versions.
    for (
      const table of [
        "xcoms",
        "state_changes",
        "task_instances",
        "dag_runs",
        "dags",
        "dag_versions",
      ]
    ) {
      database.run(`DELETE FROM ${table} WHERE dag_id = ?`, dagId);
    }
    return true;
  });
}
