/**
 * Reads the routes share: a DAG or run that must exist (404 otherwise, worded as Airflow does),
 * the logical dates of runs for task instance and XCom objects, the files with import errors.
 *
 * @module
 */

import type { DagRun, RunKey } from "../../core/mod.ts";
import type { DagWithDefinition, Store } from "../../store/mod.ts";
import { ApiProblem } from "./_problem.ts";

/** The DAG, or a 404. */
export async function requireDag(store: Store, dagId: string): Promise<DagWithDefinition> {
  const found = await store.getDag(dagId);
  if (found === null) {
    throw new ApiProblem(404, `DAG with dag_id: '${dagId}' not found`, { title: "DAG not found" });
  }
  return found;
}

/** The run, or a 404. */
export async function requireRun(store: Store, key: RunKey): Promise<DagRun> {
  const run = await store.getDagRun(key);
  if (run === null) {
    throw new ApiProblem(
      404,
      `DAGRun with DAG ID: '${key.dagId}' and DagRun ID: '${key.runId}' not found`,
      { title: "DAGRun not found" },
    );
  }
  return run;
}

/** The DAG files that currently fail to load. */
export async function importErrorFiles(store: Store): Promise<Set<string>> {
  const page = await store.listImportErrors({ limit: 100_000 });
  return new Set(page.items.map((error) => error.fileloc));
}

/** Logical dates of the runs the items belong to, by {@link runKeyText}. */
export async function logicalDatesOf(
  store: Store,
  items: readonly RunKey[],
): Promise<Map<string, number>> {
  const dates = new Map<string, number>();
  for (const item of items) {
    const key = runKeyText(item);
    if (dates.has(key)) continue;
    const run = await store.getDagRun({ dagId: item.dagId, runId: item.runId });
    // A run deleted between the two reads leaves its items with the epoch; rare and harmless.
    dates.set(key, run?.logicalDate ?? 0);
  }
  return dates;
}

/** A map key for a run. */
export function runKeyText(key: RunKey): string {
  return `${key.dagId}\u0000${key.runId}`;
}
