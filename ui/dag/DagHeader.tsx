import { ActionForm, BUTTON, formatTime, LINK } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import {
  DAG_TABS,
  dagPageUrl,
  type DagSelection,
  dagSubHref,
  type DagSummary,
  type DagTab,
} from "./props.ts";

const TAB_LABELS: Record<DagTab, string> = {
  grid: "Grid",
  graph: "Graph",
  gantt: "Gantt",
  runs: "Runs",
  code: "Code",
  details: "Details",
};

const TAB =
  "rounded-t border-b-2 px-3 py-1.5 text-sm hover:bg-gray-100 focus:outline-none focus:ring-2 focus:ring-sky-400 dark:hover:bg-gray-800";
const TAB_ON = `${TAB} border-sky-600 font-semibold`;
const TAB_OFF = `${TAB} border-transparent`;

/**
 * The top of the DAG page: id, description, paused state with its toggle, trigger and delete
 * actions, schedule, next run, tags, owner, and the tabs.
 */
export function DagHeader(
  props: { dag: DagSummary; tab: DagTab; selection: DagSelection; back: string },
) {
  const viewer = useViewer();
  const { dag, tab, selection } = props;
  const canEdit = viewer.can("dags", "edit");
  return (
    <header class="mb-3 space-y-2" id="dag-header">
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 class="text-2xl font-bold break-all">
            <span class="mr-2 text-base font-normal text-gray-500 dark:text-gray-400">DAG</span>
            {dag.dagId}
          </h1>
          {dag.description && (
            <p class="text-sm text-gray-600 dark:text-gray-300">{dag.description}</p>
          )}
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <span
            id="dag-paused-state"
            class="rounded border border-gray-300 px-2 py-1 text-sm dark:border-gray-600"
          >
            {dag.isPaused ? "‖ Paused" : "▶ Active"}
            {!dag.isActive && " · ⚠ file gone (inactive)"}
          </span>
          {canEdit && (
            <ActionForm action={dagSubHref(dag.dagId, "pause")} id="dag-pause-form">
              <input type="hidden" name="paused" value={dag.isPaused ? "false" : "true"} />
              <input type="hidden" name="_back" value={props.back} />
              <button type="submit" class={BUTTON.plain}>
                {dag.isPaused ? "Unpause" : "Pause"}
              </button>
            </ActionForm>
          )}
          {viewer.can("dag_runs", "create") && (
            <a class={BUTTON.primary} href={dagSubHref(dag.dagId, "trigger")} id="dag-trigger">
              ▶ Trigger
            </a>
          )}
          {viewer.can("dags", "delete") && (
            <ActionForm
              action={dagSubHref(dag.dagId, "delete")}
              id="dag-delete-form"
              confirm={`Delete every run, task instance, XCom and state history of ${dag.dagId}? The DAG comes back when its file is parsed again.`}
            >
              <button type="submit" class={BUTTON.danger}>Delete history</button>
            </ActionForm>
          )}
        </div>
      </div>
      <dl class="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div>
          <dt class="inline text-gray-500 dark:text-gray-400">Schedule:</dt>{" "}
          <dd class="inline" id="dag-schedule">
            {dag.schedule.words}
            {dag.schedule.expression && (
              <code class="ml-1 rounded bg-gray-100 px-1 dark:bg-gray-800">
                {dag.schedule.expression}
              </code>
            )}
          </dd>
        </div>
        <div>
          <dt class="inline text-gray-500 dark:text-gray-400">Next run:</dt>{" "}
          <dd class="inline" id="dag-next-run">
            {dag.nextRun
              ? `${formatTime(dag.nextRun.logicalDate)} (created after ${
                formatTime(dag.nextRun.runAfter)
              })`
              : "none due"}
          </dd>
        </div>
        <div>
          <dt class="inline text-gray-500 dark:text-gray-400">Owner:</dt>{" "}
          <dd class="inline">{dag.owner}</dd>
        </div>
        {dag.tags.length > 0 && (
          <div>
            <dt class="inline text-gray-500 dark:text-gray-400">Tags:</dt>{" "}
            <dd class="inline">
              {dag.tags.map((tag) => (
                <a
                  key={tag}
                  class="mr-1 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900 hover:underline dark:bg-sky-900 dark:text-sky-100"
                  href={`/dags?tags=${encodeURIComponent(tag)}`}
                >
                  {tag}
                </a>
              ))}
            </dd>
          </div>
        )}
        <div>
          <a class={LINK} href="/dags">← All DAGs</a>
        </div>
      </dl>
      <nav
        class="flex flex-wrap gap-1 border-b border-gray-200 dark:border-gray-700"
        aria-label="DAG views"
      >
        {DAG_TABS.map((name) => (
          <a
            key={name}
            id={`dag-tab-${name}`}
            class={name === tab ? TAB_ON : TAB_OFF}
            aria-current={name === tab ? "page" : undefined}
            href={dagPageUrl(dag.dagId, {
              tab: name,
              run_id: selection.runId,
              task_id: selection.taskId,
              map_index: selection.taskId !== null && selection.mapIndex !== null &&
                  selection.mapIndex >= 0
                ? selection.mapIndex
                : null,
            })}
          >
            {TAB_LABELS[name]}
          </a>
        ))}
      </nav>
    </header>
  );
}
