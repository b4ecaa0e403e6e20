import type { ComponentChildren } from "preact";
import { formatTime, LINK, StateBadge } from "../components/mod.ts";
import type { TaskInstancePanelProps } from "./props.ts";

/** The task instance's facts as a definition list. */
export function TaskInstanceDetails(props: TaskInstancePanelProps) {
  const row = (label: string, value: ComponentChildren, id?: string) => (
    <div class="flex gap-2 border-b border-gray-100 py-1 dark:border-gray-800">
      <dt class="w-36 shrink-0 text-gray-500 dark:text-gray-400">{label}</dt>
      <dd class="min-w-0 break-all" id={id}>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="task-instance-details-heading">
      <h3 id="task-instance-details-heading" class="mb-1 font-semibold">Details</h3>
      <dl class="text-sm" data-testid="task-instance-details">
        {row("DAG", <a class={LINK} href={props.links.dag}>{props.dagId}</a>)}
        {row("Run", props.runId)}
        {row("Run state", <StateBadge state={props.runState} />)}
        {row("Logical date", formatTime(props.logicalDate))}
        {row("Task", props.taskId)}
        {props.mapIndex >= 0 && row("Map index", String(props.mapIndex))}
        {row("State", <StateBadge state={props.state} />)}
        {row(
          "Operator",
          props.kind === null
            ? `${props.operator} (not in this run's DAG version)`
            : `${props.operator} (${props.kind})`,
          "task-instance-operator",
        )}
        {row("Pool", `${props.pool} (${props.poolSlots} slot${props.poolSlots === 1 ? "" : "s"})`)}
        {row("Priority weight", String(props.priorityWeight))}
        {row("Queue", props.queue)}
        {props.triggerRule !== null && row("Trigger rule", props.triggerRule)}
        {row("Try number", String(props.tryNumber))}
        {row("Max tries", String(props.maxTries))}
        {props.note !== null && row("Note", props.note)}
      </dl>
    </section>
  );
}
