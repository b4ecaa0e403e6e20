import { LINK, StateBadge } from "../components/mod.ts";
import type { TaskInstancePanelProps } from "./props.ts";
import { TaskInstanceDetails } from "./TaskInstanceDetails.tsx";
import { TaskInstanceActions } from "./TaskInstanceActions.tsx";
import { TriesTable } from "./TriesTable.tsx";
import { WaitingChecks } from "./WaitingChecks.tsx";
import { TaskInstanceData } from "./TaskInstanceData.tsx";
import { TaskLog } from "./TaskLog.tsx";

/**
 * The panel of one task instance: its live part (state, tries, checks, XCom, templates,
 * permissions, actions), refreshed on every state change, and the selected try's log below it,
 * which tails on its own and so stays outside the live region.
 */
export function TaskInstancePanel(props: TaskInstancePanelProps) {
  return (
    <div id="task-instance" data-testid="task-instance-panel" class="space-y-4">
      <TaskInstanceLive {...props} />
      <TaskLog log={props.log} />
    </div>
  );
}

/** The live region of the panel (the fragment route answers this alone). */
export function TaskInstanceLive(props: TaskInstancePanelProps) {
  const mapped = props.mapIndex >= 0 ? ` [${props.mapIndex}]` : "";
  return (
    <section
      id="task-instance-live"
      data-live={props.links.fragment}
      aria-labelledby="task-instance-heading"
      class="space-y-4"
    >
      <div class="flex flex-wrap items-center gap-2">
        <h2 id="task-instance-heading" class="text-xl font-bold break-all">
          {props.taskId}
          {mapped}
        </h2>
        <span id="task-instance-state">
          <StateBadge state={props.state} />
        </span>
        <span class="text-sm text-gray-500 dark:text-gray-400 break-all">
          in run {props.runId} of {props.dagId}
        </span>
      </div>
      <TaskInstanceActions links={props.links} state={props.state} />
      <div class="grid gap-4 lg:grid-cols-2">
        <TaskInstanceDetails {...props} />
        <WaitingChecks waiting={props.waiting} />
      </div>
      <TriesTable tries={props.tries} />
      <TaskInstanceData
        xcoms={props.xcoms}
        templates={props.templates}
        permissions={props.permissions}
      />
    </section>
  );
}

/** The task instance's own page: where it sits (DAG, run) and the panel. */
export function TaskInstancePage(props: TaskInstancePanelProps) {
  return (
    <div class="space-y-3">
      <nav aria-label="Breadcrumb" class="text-sm text-gray-500 dark:text-gray-400 break-all">
        <a class={LINK} href="/dags">DAGs</a> /{" "}
        <a class={LINK} href={props.links.dag}>
          {props.dagId}
        </a>{" "}
        / {props.runId} / {props.taskId}
      </nav>
      <TaskInstancePanel {...props} />
    </div>
  );
}
