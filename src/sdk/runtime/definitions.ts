/**
 * What a parse worker does with an evaluated bundle: serialize its exported DAGs.
 *
 * @module
 */

import type { DagDefinition } from "../../core/mod.ts";
import { DefinitionError } from "../../core/mod.ts";
import { attachCallSite } from "../_call_site.ts";
import { exportedDags } from "./run_task.ts";

/**
 * The definitions of every DAG the module exports (default and named exports, each DAG once).
 * Two different DAGs with the same id are a `DefinitionError` pointing at the second one.
 */
export function collectDefinitions(
  moduleExports: Record<string, unknown>,
  fileloc: string,
): DagDefinition[] {
  const seen = new Set<string>();
  const definitions: DagDefinition[] = [];
  for (const dag of exportedDags(moduleExports)) {
    if (seen.has(dag.dagId)) {
      const error = new DefinitionError(
        `DAG "${dag.dagId}", id: duplicate DAG id: the file defines two DAGs with this id`,
        { dagId: dag.dagId, field: "id" },
      );
      throw attachCallSite(error, dag.callSite);
    }
    seen.add(dag.dagId);
    definitions.push(dag.toDefinition(fileloc));
  }
  return definitions;
}
