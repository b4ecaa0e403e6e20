/**
 * Clearing and marking a task instance, as Airflow's UI does it: the panel's form leads to a
 * dry-run page (GET `…/clear`, `…/mark?state=`) listing exactly the task instances that would
 * change, whose confirm form (POST to the same path) makes the change through the scheduler's
 * actions, wakes the scheduler, tells open pages and goes back with a notice.
 *
 * @module
 */

import { h } from "preact";
import { TaskActionConfirm, type TaskActionOptions } from "../../../ui/task_instance/mod.ts";
import type { TaskInstance, TaskInstanceKey } from "../../core/mod.ts";
import { clearTaskInstances, markTaskInstances } from "../../scheduler/mod.ts";
import {
  type DashboardRequest,
  type DashboardRouter,
  PageError,
  type Permission,
  safeRedirect,
} from "./_page_router.ts";
import type { DashboardServices } from "./_services.ts";
import { TASK_INSTANCE_ROUTE, taskInstanceKeyOf } from "./_task_instance_paths.ts";
import { taskInstancePageUrl } from "../../../ui/components/mod.ts";

const EDIT: Permission = { resource: "task_instances", action: "edit" };

/** How many instances a notice names before it says "and N more". */
const NAMED_IN_NOTICE = 10;

/** Add the dry-run pages and the confirm actions of clear and mark. */
export function addTaskInstanceActionRoutes(router: DashboardRouter): void {
  const services = router.services;
  router.page(`${TASK_INSTANCE_ROUTE}/clear`, EDIT, async (request) => {
    const key = taskInstanceKeyOf(request);
    const options = optionsOf((name) => request.query.get(name));
    const instances = await clear(services, request, { key, options, dryRun: true });
    return {
      title: `Clear ${key.taskId}?`,
      body: h(TaskActionConfirm, confirmProps(request, key, instances, { options, state: null })),
    };
  });
  router.action(`${TASK_INSTANCE_ROUTE}/clear`, EDIT, async (request) => {
    const key = taskInstanceKeyOf(request);
    const options = optionsOf((name) => request.form[name]);
    const cleared = await clear(services, request, { key, options, dryRun: false });
    changed(services);
    return {
      redirect: backOf(request, key, request.form._back),
      notice: { kind: "success", text: summary("Cleared", cleared) },
    };
  });
  router.page(`${TASK_INSTANCE_ROUTE}/mark`, EDIT, async (request) => {
    const key = taskInstanceKeyOf(request);
    const state = markStateOf(request.query.get("state"));
    const options = optionsOf((name) => request.query.get(name));
    const instances = await mark(services, request, { key, options, state, dryRun: true });
    return {
      title: `Mark ${key.taskId} ${state}?`,
      body: h(TaskActionConfirm, confirmProps(request, key, instances, { options, state })),
    };
  });
  router.action(`${TASK_INSTANCE_ROUTE}/mark`, EDIT, async (request) => {
    const key = taskInstanceKeyOf(request);
    const state = markStateOf(request.form.state);
    const options = optionsOf((name) => request.form[name]);
    const marked = await mark(services, request, { key, options, state, dryRun: false });
    changed(services);
    return {
      redirect: backOf(request, key, request.form._back),
      notice: { kind: "success", text: summary(`Marked ${state}`, marked) },
    };
  });
}

function clear(
  services: DashboardServices,
  request: DashboardRequest,
  what: { key: TaskInstanceKey; options: TaskActionOptions; dryRun: boolean },
): Promise<TaskInstance[]> {
  const { key, options } = what;
  return clearTaskInstances(services.store, {
    dagId: key.dagId,
    runIds: [key.runId],
    taskIds: [key.taskId],
    includeUpstream: options.upstream,
    includeDownstream: options.downstream,
    onlyFailed: options.onlyFailed,
    includePast: options.past,
    includeFuture: options.future,
    resetDagRuns: true,
    dryRun: what.dryRun,
    requestedBy: request.user.username,
  }, services.clock.now());
}

function mark(
  services: DashboardServices,
  request: DashboardRequest,
  what: {
    key: TaskInstanceKey;
    options: TaskActionOptions;
    state: "success" | "failed";
    dryRun: boolean;
  },
): Promise<TaskInstance[]> {
  const { key, options } = what;
  return markTaskInstances(services.store, {
    dagId: key.dagId,
    runIds: [key.runId],
    taskIds: [key.taskId],
    state: what.state,
    includeUpstream: options.upstream,
    includeDownstream: options.downstream,
    includePast: options.past,
    includeFuture: options.future,
    dryRun: what.dryRun,
    requestedBy: request.user.username,
  }, services.clock.now());
}

function changed(services: DashboardServices): void {
  services.wake();
  services.changes.notify();
}

/** Checkbox options: present with any value but "0"/"false" means on. */
function optionsOf(read: (name: string) => string | null | undefined): TaskActionOptions {
  const on = (name: string) => {
    const value = read(name);
    return value !== null && value !== undefined && value !== "0" && value !== "false";
  };
  return {
    upstream: on("upstream"),
    downstream: on("downstream"),
    past: on("past"),
    future: on("future"),
    onlyFailed: on("only_failed"),
  };
}

function markStateOf(text: string | null | undefined): "success" | "failed" {
  if (text === "success" || text === "failed") return text;
  throw new PageError(400, `state must be "success" or "failed", got "${text ?? ""}".`);
}

function backOf(request: DashboardRequest, key: TaskInstanceKey, back: string | null | undefined) {
  return safeRedirect(back || taskInstancePageUrl(key), request.context);
}

function confirmProps(
  request: DashboardRequest,
  key: TaskInstanceKey,
  instances: TaskInstance[],
  what: { options: TaskActionOptions; state: "success" | "failed" | null },
) {
  return {
    action: what.state === null ? "clear" as const : "mark" as const,
    state: what.state,
    dagId: key.dagId,
    runId: key.runId,
    taskId: key.taskId,
    options: what.options,
    instances: instances.map((instance) => ({
      runId: instance.runId,
      taskId: instance.taskId,
      mapIndex: instance.mapIndex,
      state: instance.state,
    })),
    confirmUrl: taskInstancePageUrl(key, what.state === null ? "/clear" : "/mark"),
    back: backOf(request, key, request.query.get("back")),
  };
}

function summary(verb: string, instances: TaskInstance[]): string {
  if (instances.length === 0) return `${verb} nothing: no task instance matched.`;
  const named = instances.slice(0, NAMED_IN_NOTICE).map((instance) =>
    `${instance.taskId}${
      instance.mapIndex >= 0 ? `[${instance.mapIndex}]` : ""
    } (${instance.runId})`
  );
  const more = instances.length - named.length;
  const count = `${instances.length} task instance${instances.length === 1 ? "" : "s"}`;
  return `${verb} ${count}: ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}
