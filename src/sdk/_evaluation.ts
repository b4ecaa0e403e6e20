/**
 * Whether the DAG file being evaluated was already checked. The loader evaluates a DAG file to
 * check and serialize it; a task's sandbox evaluates the same bundle again only to find its
 * task's code. That second evaluation is repeated for every task that runs, so it skips the
 * checks and builds each task's settings only when something reads them (a DAG of 1,000 tasks
 * cost ~19 ms of CPU per task evaluated eagerly in a fresh Worker).
 *
 * @module
 */

import { setCallSiteCapture } from "./_call_site.ts";

let trusted = false;

/** Whether builders may skip their checks (see the module doc). */
export function isTrustedEvaluation(): boolean {
  return trusted;
}

/**
 * Turn trusted evaluation on (a task's sandbox, for bundles the loader has checked) or off.
 * It also turns call-site capture off: call sites only serve definition errors.
 */
export function setTrustedEvaluation(enabled: boolean): void {
  trusted = enabled;
  setCallSiteCapture(!enabled);
}
