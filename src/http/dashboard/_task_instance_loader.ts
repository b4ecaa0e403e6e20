/**
 * Loading the task instance panel's props from the store: the instance, its run and task
 * definition, tries from the state history, XComs, templates, permissions, the dependency
 * checks and the selected try's log.
 *
 * @module
 */

import { formatJson } from "../../../ui/components/mod.ts";
import type {
  TaskInstancePanelProps,
  TaskLogView,
  TemplateFieldsView,
} from "../../../ui/task_instance/mod.ts";
import type { DagRun, TaskDefinition, TaskInstance, TaskInstanceKey } from "../../core/mod.ts";
import { PageError } from "./_page_router.ts";
import type { DashboardServices } from "./_services.ts";
import { taskInstancePageUrl } from "../../../ui/components/mod.ts";
import { triesOf, tryMayWrite } from "./_task_instance_tries.ts";
import { loadWaiting } from "./_task_instance_waiting_facts.ts";

/** Airflow's queue for every task: Updraft has one executor queue. */
const DEFAULT_QUEUE = "default";

/** The most log text the page shows at once; the download has the rest. */
const MAX_SHOWN_LOG_CHARS = 1_000_000;

/** The instance, its run and its task (null when the run's version lacks it); 404s otherwise. */
export async function loadTaskInstance(services: DashboardServices, key: TaskInstanceKey) {
  const { store } = services;
  const run = await store.getDagRun(key);
  if (!run) {
    throw new PageError(404, `DAG '${key.dagId}' has no run '${key.runId}'.`);
  }
  const instance = await store.getTaskInstance(key);
  if (!instance) {
    const index = key.mapIndex >= 0 ? ` with map index ${key.mapIndex}` : "";
    throw new PageError(
      404,
      `Run '${key.runId}' of '${key.dagId}' has no task '${key.taskId}'${index}.`,
    );
  }
  const version = await store.getDagVersion(run.versionHash);
  const definition = version?.definition ?? null;
  const task = definition?.tasks.find((entry) => entry.taskId === key.taskId) ?? null;
  return { run, instance, definition, task };
}

/** Everything the panel shows. `selectedTry` null picks the current try. */
export async function loadTaskInstancePanel(
  services: DashboardServices,
  key: TaskInstanceKey,
  options: { selectedTry: number | null; back: string },
): Promise<TaskInstancePanelProps> {
  const { store } = services;
  const loaded = await loadTaskInstance(services, key);
  const { run, instance, task } = loaded;
  const selected = options.selectedTry ?? Math.max(1, instance.tryNumber);
  const [changes, xcoms, waiting, log] = await Promise.all([
    store.listStateChanges({ dagId: key.dagId, runId: key.runId, taskId: key.taskId }),
    store.listXComs({ ...key, limit: 100, orderBy: "key" }),
    loadWaiting(services, loaded),
    loadLogView(services, instance, selected),
  ]);
  return {
    ...key,
    state: instance.state,
    runState: run.state,
    logicalDate: run.logicalDate,
    operator: instance.operator,
    kind: task?.kind ?? null,
    pool: instance.pool,
    poolSlots: instance.poolSlots,
    priorityWeight: instance.priorityWeight,
    queue: DEFAULT_QUEUE,
    triggerRule: task?.triggerRule ?? null,
    tryNumber: instance.tryNumber,
    maxTries: instance.maxTries,
    note: instance.note,
    tries: triesOf(changes, instance, {
      selected,
      href: (tryNumber) => taskInstancePageUrl(key, "", { try: tryNumber }),
    }),
    waiting,
    xcoms: xcoms.items.map((xcom) => ({
      key: xcom.key,
      json: formatJson(xcom.value),
      timestamp: xcom.timestamp,
    })),
    templates: templatesOf(instance, task),
    permissions: task?.permissions ?? null,
    log,
    links: linksOf(key, run, options),
  };
}

function templatesOf(instance: TaskInstance, task: TaskDefinition | null): TemplateFieldsView {
  if (instance.renderedFields !== null) {
    return { rendered: true, renderedForTry: instance.tryNumber, fields: instance.renderedFields };
  }
  return { rendered: false, renderedForTry: null, fields: task?.templateFields ?? {} };
}

function linksOf(
  key: TaskInstanceKey,
  run: DagRun,
  options: { selectedTry: number | null; back: string },
) {
  return {
    page: taskInstancePageUrl(key),
    fragment: taskInstancePageUrl(key, "/live", { try: options.selectedTry, back: options.back }),
    clear: taskInstancePageUrl(key, "/clear"),
    mark: taskInstancePageUrl(key, "/mark"),
    back: options.back,
    dag: `/dags/${encodeURIComponent(run.dagId)}`,
  };
}

/** The selected try's log as far as written, and its stream while the try may still write. */
export async function loadLogView(
  services: DashboardServices,
  instance: TaskInstance,
  tryNumber: number,
): Promise<TaskLogView> {
  const read = await services.readLog(instance, tryNumber, { offset: 0 });
  const live = tryMayWrite(instance, tryNumber);
  let text = read?.content ?? null;
  let truncated = false;
  if (text !== null && text.length > MAX_SHOWN_LOG_CHARS) {
    const tail = text.slice(-MAX_SHOWN_LOG_CHARS);
    text = tail.slice(tail.indexOf("\n") + 1);
    truncated = true;
  }
  return {
    tryNumber,
    text,
    truncated,
    streamUrl: live
      ? taskInstancePageUrl(instance, `/logs/${tryNumber}/stream`, {
        offset: read?.nextOffset ?? 0,
      })
      : null,
    downloadUrl: taskInstancePageUrl(instance, `/logs/${tryNumber}/download`),
  };
}
