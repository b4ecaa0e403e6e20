/**
 * Triggering a DAG run from the dashboard: the form (conf prefilled from the DAG's params,
 * logical date, run id, note) and its action, which validates the conf and hands the rest to
 * the scheduler's `triggerDagRun`. A refused trigger goes back to the form with what was typed.
 *
 * @module
 */

import { h } from "preact";
import type { JsonObject } from "../../core/mod.ts";
import { ActionError, triggerDagRun } from "../../scheduler/mod.ts";
import { RunAlreadyExistsError } from "../../store/mod.ts";
import { TriggerPage } from "../../../ui/dag_list/mod.ts";
import { dagPageUrl } from "../../../ui/components/mod.ts";
import {
  type ActionResult,
  type DashboardRouter,
  PageError,
  safeRedirect,
} from "./_page_router.ts";
import { readUtcDateTime } from "./_browse_inputs.ts";

/** Longer confs are not carried back to the form in the URL after an error. */
const CARRIED_CONF_LIMIT = 4000;

const PERMISSION = { resource: "dag_runs", action: "create" } as const;

/** Add the trigger form and its action. */
export function addTriggerRoutes(router: DashboardRouter): void {
  const { services } = router;
  router.page("/dags/:dagId/trigger", PERMISSION, async (request) => {
    const { dagId } = request.params;
    const found = await services.store.getDag(dagId);
    if (!found || !found.dag.isActive) {
      throw new PageError(404, `Cannot trigger DAG ${dagId}: there is no such DAG.`);
    }
    const query = request.query;
    return {
      title: `Trigger ${dagId}`,
      body: h(TriggerPage, {
        dagId,
        description: found.definition.description,
        isPaused: found.dag.isPaused,
        conf: query.get("conf") ?? JSON.stringify(found.definition.params, null, 2),
        logicalDate: query.get("logical_date") ?? "",
        runId: query.get("run_id") ?? "",
        note: query.get("note") ?? "",
      }),
    };
  });

  router.action("/dags/:dagId/trigger", PERMISSION, async (request) => {
    const { dagId } = request.params;
    const { form } = request;
    const action = `Cannot trigger DAG ${dagId}`;
    const refuse = (text: string): ActionResult => ({
      redirect: formAgain(dagId, form),
      notice: { kind: "error", text },
    });
    const conf = readConf(form.conf, action);
    if (typeof conf === "string") return refuse(conf);
    let logicalDate: number | undefined;
    try {
      logicalDate = readUtcDateTime(form.logical_date, "logical_date", action);
    } catch (error) {
      return refuse((error as Error).message);
    }
    let runId: string;
    try {
      const run = await triggerDagRun(services.store, {
        dagId,
        conf,
        logicalDate,
        runId: form.run_id?.trim() || undefined,
        note: form.note?.trim() || null,
        triggeredBy: request.user.username,
      }, services.clock.now());
      runId = run.runId;
    } catch (error) {
      if (error instanceof ActionError && error.kind === "not_found") throw error;
      if (error instanceof ActionError || error instanceof RunAlreadyExistsError) {
        return refuse(`${action}: ${error.message}`);
      }
      throw error;
    }
    services.wake();
    services.changes.notify();
    const redirect = form._back
      ? safeRedirect(form._back, request.context)
      : dagPageUrl(dagId, { run_id: runId });
    return { redirect, notice: { kind: "success", text: `Triggered ${dagId}: run ${runId}.` } };
  });
}

/**
 * The conf as sent: a JSON object (an absent or empty field means `{}`, the default conf), or
 * the reason it is refused, naming the field.
 */
function readConf(text: string | undefined, action: string): JsonObject | string {
  if (text === undefined || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `${action}: conf is not valid JSON (${(error as Error).message}).`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return `${action}: conf must be a JSON object ({…}), got ${kind}.`;
  }
  return value as JsonObject;
}

/** The trigger form again, filled with what was sent. */
function formAgain(dagId: string, form: Record<string, string>): string {
  const query = new URLSearchParams();
  if (form.conf !== undefined && form.conf.length <= CARRIED_CONF_LIMIT) {
    query.set("conf", form.conf);
  }
  for (const name of ["logical_date", "run_id", "note"]) {
    if (form[name]) query.set(name, form[name]);
  }
  const text = query.toString();
  return `/dags/${encodeURIComponent(dagId)}/trigger${text === "" ? "" : `?${text}`}`;
}
