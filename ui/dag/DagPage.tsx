import type { ComponentChildren, VNode } from "preact";
import type { DagRun, TaskInstance } from "../../src/core/mod.ts";
import { BUTTON, formatDuration, formatTime, INPUT, StateBadge } from "../components/mod.ts";
import { allLooks } from "../states.ts";
import { DagHeader } from "./DagHeader.tsx";
import { dagPageUrl, type DagSelection, type DagSummary, type DagTab } from "./props.ts";

/** The DAG page: its header with the tabs, then the tab's content. */
export function DagPage(
  props: {
    dag: DagSummary;
    tab: DagTab;
    selection: DagSelection;
    back: string;
    children: ComponentChildren;
  },
) {
  return (
    <div data-testid="dag-page" data-dag-id={props.dag.dagId}>
      <DagHeader dag={props.dag} tab={props.tab} selection={props.selection} back={props.back} />
      {props.children}
    </div>
  );
}

/** A tab's main content with a side panel: beside it on wide screens, below it on narrow. */
export function WithPanel(
  // deno-lint-ignore no-explicit-any
  props: { children: ComponentChildren; panel: VNode<any> | null },
) {
  return (
    <div class="flex flex-col gap-4 lg:flex-row">
      <div class="min-w-0 space-y-2 lg:flex-1">{props.children}</div>
      {props.panel && (
        <aside class="min-w-0 lg:w-[40rem] lg:shrink-0" id="dag-side-panel">
          {props.panel}
        </aside>
      )}
    </div>
  );
}

/** Choose the run a tab shows: a select that submits on change (a button without scripts). */
export function RunSelector(
  props: {
    dagId: string;
    tab: DagTab;
    runs: Pick<DagRun, "runId" | "state" | "logicalDate">[];
    selectedRunId: string | null;
  },
) {
  if (props.runs.length === 0) return null;
  return (
    <form method="get" action={dagPageUrl(props.dagId)} class="flex items-end gap-2 text-sm">
      <input type="hidden" name="tab" value={props.tab} />
      <label class="flex flex-col gap-0.5">
        <span>Run</span>
        <select name="run_id" class={INPUT} data-autosubmit id="run-selector">
          {props.runs.map((run) => (
            <option key={run.runId} value={run.runId} selected={run.runId === props.selectedRunId}>
              {`${formatTime(run.logicalDate)} · ${run.runId} · ${run.state}`}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" class={BUTTON.plain}>Show</button>
      </noscript>
    </form>
  );
}

/** How many runs the grid shows: 25, 50 or 100. */
export function RunCountSelector(
  props: { dagId: string; runLimit: number; selection: DagSelection },
) {
  const { selection } = props;
  return (
    <form method="get" action={dagPageUrl(props.dagId)} class="flex items-center gap-2 text-sm">
      <input type="hidden" name="tab" value="grid" />
      {selection.runId && <input type="hidden" name="run_id" value={selection.runId} />}
      {selection.taskId && <input type="hidden" name="task_id" value={selection.taskId} />}
      {selection.taskId && selection.mapIndex !== null && selection.mapIndex >= 0 && (
        <input type="hidden" name="map_index" value={selection.mapIndex} />
      )}
      <label class="flex items-center gap-1">
        <span>Runs shown</span>
        <select name="runs" class={INPUT} data-autosubmit id="grid-run-count">
          {[25, 50, 100].map((count) => (
            <option key={count} value={count} selected={count === props.runLimit}>{count}</option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" class={BUTTON.plain}>Show</button>
      </noscript>
    </form>
  );
}

/** What each colour and icon means. */
export function StateLegend() {
  return (
    <ul class="flex flex-wrap gap-1 text-xs" aria-label="State legend">
      {allLooks().map(([state]) => (
        <li key={state}>
          <StateBadge state={state === "none" ? null : state} />
        </li>
      ))}
    </ul>
  );
}

/** A short summary of a task instance, shown when no fuller panel is available. */
export function TaskInstanceSummary(props: { instance: TaskInstance | null; taskId: string }) {
  const { instance } = props;
  return (
    <section
      class="space-y-2 rounded border border-gray-200 p-3 text-sm dark:border-gray-700"
      id="task-instance-summary"
      aria-label={`Task ${props.taskId}`}
    >
      <h2 class="text-base font-semibold break-all">Task {props.taskId}</h2>
      {instance === null
        ? <p>This run has no instance of this task.</p>
        : (
          <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt class="text-gray-500">State</dt>
            <dd>
              <StateBadge state={instance.state} />
            </dd>
            <dt class="text-gray-500">Run</dt>
            <dd class="break-all">{instance.runId}</dd>
            <dt class="text-gray-500">Try</dt>
            <dd>{instance.tryNumber} of {instance.maxTries + 1}</dd>
            <dt class="text-gray-500">Operator</dt>
            <dd>{instance.operator}</dd>
            <dt class="text-gray-500">Started</dt>
            <dd>{formatTime(instance.startDate)}</dd>
            <dt class="text-gray-500">Ended</dt>
            <dd>{formatTime(instance.endDate)}</dd>
            <dt class="text-gray-500">Duration</dt>
            <dd>{formatDuration(instance.duration === null ? null : instance.duration * 1000)}</dd>
          </dl>
        )}
    </section>
  );
}
