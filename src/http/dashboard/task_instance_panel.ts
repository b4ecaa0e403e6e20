/**
 * The task instance panel: state, tries, "why is this task waiting?", XCom, templates,
 * permissions and actions, with the selected try's live log. A page of its own
 * (`/dags/:dagId/runs/:runId/tasks/:taskId`, `?map_index=`, `?try=`), a live fragment
 * (`…/live`), and what the DAG page shows beside its grid ({@link renderTaskInstancePanel}).
 *
 * @module
 */

import { h, type VNode } from "preact";
import {
  TaskInstanceLive,
  TaskInstancePage,
  TaskInstancePanel,
} from "../../../ui/task_instance/mod.ts";
import type { TaskInstanceKey } from "../../core/mod.ts";
import {
  type DashboardRequest,
  type DashboardRouter,
  PageError,
  type Permission,
  safeRedirect,
} from "./_page_router.ts";
import { loadTaskInstancePanel } from "./_task_instance_loader.ts";
import { integerOf, TASK_INSTANCE_ROUTE, taskInstanceKeyOf } from "./_task_instance_paths.ts";
import { taskInstancePageUrl } from "../../../ui/components/mod.ts";
import { addTaskInstanceLogRoutes } from "./task_instance_logs.ts";
import { addTaskInstanceActionRoutes } from "./task_instance_actions.ts";

const READ: Permission = { resource: "task_instances", action: "read" };

/** Add the panel page, its live fragment, the log stream and download, and the actions. */
export function addTaskInstanceRoutes(router: DashboardRouter): void {
  router.page(TASK_INSTANCE_ROUTE, READ, async (request) => {
    const key = taskInstanceKeyOf(request);
    const props = await loadTaskInstancePanel(router.services, key, {
      selectedTry: selectedTryOf(request, true),
      back: taskInstancePageUrl(key, "", { try: request.query.get("try") }),
    });
    const index = key.mapIndex >= 0 ? ` [${key.mapIndex}]` : "";
    return { title: `${key.taskId}${index} · ${key.runId}`, body: h(TaskInstancePage, props) };
  });
  router.fragment(`${TASK_INSTANCE_ROUTE}/live`, READ, async (request) => {
    const key = taskInstanceKeyOf(request);
    const props = await loadTaskInstancePanel(router.services, key, {
      selectedTry: selectedTryOf(request, true),
      back: safeRedirect(request.query.get("back") ?? taskInstancePageUrl(key), request.context),
    });
    return h(TaskInstanceLive, props);
  });
  addTaskInstanceLogRoutes(router);
  addTaskInstanceActionRoutes(router);
}

/**
 * The panel of one task instance, for pages that show it beside something else (the DAG
 * page's grid and graph call this when a cell is selected). `?try=` of the request selects the
 * try whose log is shown; actions come back to the request's page. Null when the run or the
 * task instance does not exist.
 */
export async function renderTaskInstancePanel(
  request: DashboardRequest,
  key: TaskInstanceKey,
  // deno-lint-ignore no-explicit-any
): Promise<VNode<any> | null> {
  const context = request.context;
  try {
    const props = await loadTaskInstancePanel(request.services, key, {
      selectedTry: selectedTryOf(request, false),
      back: context.req.path + new URL(context.req.url).search,
    });
    return h(TaskInstancePanel, props);
  } catch (error) {
    if (error instanceof PageError && error.status === 404) return null;
    throw error;
  }
}

/** `?try=`: a try number, or null for the current try (bad input is a 400 when `strict`). */
function selectedTryOf(request: DashboardRequest, strict: boolean): number | null {
  const text = request.query.get("try");
  if (text === null || text === "") return null;
  try {
    return integerOf(text, "try", 1);
  } catch (error) {
    if (strict) throw error;
    return null;
  }
}
