/**
 * Run-level actions of the DAG page: mark a run success or failed, clear it (all tasks or only
 * the failed ones, after a dry-run page that lists what would be cleared), delete it, and
 * delete the DAG's history. Each wakes the scheduler, tells open pages, and redirects with a
 * notice.
 *
 * @module
 */

import { clearTaskInstances, markDagRun } from "../../scheduler/mod.ts";
import { DagBusyError } from "../../store/mod.ts";
import { ClearConfirmPage, dagPageUrl, dagSubHref } from "../../../ui/dag/mod.ts";
import {
  type ActionResult,
  type DashboardRequest,
  type DashboardRouter,
  PageError,
  safeRedirect,
} from "./_page_router.ts";

/** Add the run actions. */
export function addRunActionRoutes(router: DashboardRouter): void {
  const { services } = router;
  const changed = () => {
    services.wake();
    services.changes.notify();
  };

  router.action(
    "/dags/:dagId/run/mark",
    { resource: "dag_runs", action: "edit" },
    async (request) => {
      const { dagId, runId } = runOf(request, "mark the run");
      const state = request.form.state;
      if (state !== "success" && state !== "failed") {
        throw new PageError(
          400,
          `Cannot mark run ${runId}: state must be success or failed, got '${state ?? ""}'.`,
        );
      }
      await markDagRun(
        services.store,
        { dagId, runId, state, requestedBy: request.user.username },
        services.clock.now(),
      );
      changed();
      return done(request, dagPageUrl(dagId, { run_id: runId }), `Run ${runId} marked ${state}.`);
    },
  );

  router.page(
    "/dags/:dagId/run/clear",
    { resource: "dag_runs", action: "edit" },
    async (request) => {
      const dagId = request.params.dagId;
      const runId = request.query.get("run_id");
      if (!runId) {
        throw new PageError(
          400,
          "Cannot clear a run: run_id is missing from the address.",
        );
      }
      const onlyFailed = request.query.get("only_failed") === "true";
      const instances = await clearTaskInstances(
        services.store,
        { dagId, runIds: [runId], onlyFailed, dryRun: true },
        services.clock.now(),
      );
      instances.sort((a, b) => a.taskId.localeCompare(b.taskId) || a.mapIndex - b.mapIndex);
      return {
        title: `Clear ${runId}`,
        body: (
          <ClearConfirmPage
            dagId={dagId}
            runId={runId}
            onlyFailed={onlyFailed}
            instances={instances}
          />
        ),
      };
    },
  );

  router.action(
    "/dags/:dagId/run/clear",
    { resource: "dag_runs", action: "edit" },
    async (request) => {
      const { dagId, runId } = runOf(request, "clear the run");
      const onlyFailed = request.form.only_failed === "true";
      if (request.form.confirmed !== "true") {
        // Nothing is cleared before the list of what would be was shown.
        return {
          redirect: dagSubHref(dagId, "run/clear", {
            run_id: runId,
            only_failed: onlyFailed ? "true" : null,
          }),
        };
      }
      const cleared = await clearTaskInstances(
        services.store,
        {
          dagId,
          runIds: [runId],
          onlyFailed,
          resetDagRuns: true,
          requestedBy: request.user.username,
        },
        services.clock.now(),
      );
      changed();
      return {
        redirect: dagPageUrl(dagId, { run_id: runId }),
        notice: {
          kind: "success",
          text: `Cleared ${cleared.length} ${
            onlyFailed ? "failed " : ""
          }task instance(s) of run ${runId}.`,
        },
      };
    },
  );

  router.action(
    "/dags/:dagId/run/delete",
    { resource: "dag_runs", action: "delete" },
    async (request) => {
      const { dagId, runId } = runOf(request, "delete the run");
      if (!(await services.store.deleteDagRun({ dagId, runId }))) {
        throw new PageError(404, `Cannot delete run ${runId}: DAG '${dagId}' has no such run.`);
      }
      changed();
      return {
        redirect: dagPageUrl(dagId),
        notice: { kind: "success", text: `Run ${runId} of ${dagId} deleted.` },
      };
    },
  );

  router.action("/dags/:dagId/delete", { resource: "dags", action: "delete" }, async (request) => {
    const dagId = request.params.dagId;
    try {
      if (!(await services.store.deleteDag(dagId))) {
        throw new PageError(404, `Cannot delete the history of DAG '${dagId}': it was not found.`);
      }
    } catch (error) {
      if (!(error instanceof DagBusyError)) throw error;
      throw new PageError(
        409,
        `Cannot delete the history of DAG '${dagId}': ${error.executing} task instance(s) are ` +
          "queued or running. Mark them or wait until they finish.",
      );
    }
    changed();
    return {
      redirect: "/dags",
      notice: {
        kind: "success",
        text: `Deleted the runs, task instances, XComs and history of ${dagId}. ` +
          "It comes back when its file is parsed again.",
      },
    };
  });
}

/** The DAG in the path and the run in the form (refused naming the field when missing). */
function runOf(request: DashboardRequest, doing: string): { dagId: string; runId: string } {
  const runId = request.form.run_id;
  if (!runId) throw new PageError(400, `Cannot ${doing}: the form has no run_id.`);
  return { dagId: request.params.dagId, runId };
}

/** Redirect back where the form said (same site only), else to `fallback`, with a notice. */
function done(request: DashboardRequest, fallback: string, text: string): ActionResult {
  const back = request.form._back;
  return {
    redirect: back ? safeRedirect(back, request.context) : fallback,
    notice: { kind: "success", text },
  };
}
