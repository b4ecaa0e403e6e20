/**
 * Deleting a DAG's metadata in memory (the REST API's `DELETE /dags/{dag_id}`).
 *
 * @module
 */

import { EXECUTING_TASK_STATES } from "../../core/mod.ts";
import { DagBusyError } from "../store.ts";
import type { MemoryState } from "./_state.ts";

/** Delete a DAG with its runs, task instances, XComs, history and versions; false when absent. */
export function deleteDag(state: MemoryState, dagId: string): boolean {
  return state.transaction(() => {
    const { tables } = state;
    if (!tables.dags.has(dagId)) return false;
    const owned = (item: { dagId: string }) => item.dagId === dagId;
    const instances = [...tables.tasks].filter(([, row]) => owned(row.record));
    const executing = instances.filter(([, row]) => EXECUTING_TASK_STATES.has(row.record.state));
    if (executing.length > 0) throw new DagBusyError(dagId, executing.length);
    for (const [key] of instances) state.remove(tables.tasks, key);
    for (const [key, xcom] of [...tables.xcoms]) if (owned(xcom)) state.remove(tables.xcoms, key);
    for (const [key, row] of [...tables.runs]) {
      if (owned(row.record)) state.remove(tables.runs, key);
    }
    state.setChanges(tables.changes.filter((row) => !owned(row.change)));
    state.remove(tables.dags, dagId);
    for (const [hash, version] of [...tables.versions]) {
      if (owned(version)) state.remove(tables.versions, hash);
    }
    return true;
  });
}
