/**
 * The DAG whose build function is running: task builders register into it.
 *
 * @module
 */

import { DefinitionError } from "../core/mod.ts";
import type { Dag } from "./dag.ts";

const stack: Dag[] = [];

/** Run `build` with `dag` as the current DAG. */
export function withCurrentDag<T>(dag: Dag, build: () => T): T {
  stack.push(dag);
  try {
    return build();
  } finally {
    stack.pop();
  }
}

/** The current DAG; `builder` names the caller for the error when there is none. */
export function currentDag(builder: string): Dag {
  const dag = stack.at(-1);
  if (!dag) {
    throw new DefinitionError(
      `${builder} was called outside a DAG: call it inside the build function of dag({ id, … }, () => { … })`,
    );
  }
  return dag;
}
