import type { TaskInstanceState } from "../../src/core/mod.ts";
import { BUTTON } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import type { TaskInstanceLinks } from "./props.ts";

const BOX = "flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-gray-200 p-2 " +
  "text-sm dark:border-gray-700";

function Check(props: { id: string; name: string; label: string; checked?: boolean }) {
  return (
    <label for={props.id} class="inline-flex items-center gap-1">
      <input type="checkbox" id={props.id} name={props.name} value="1" checked={props.checked} />
      {props.label}
    </label>
  );
}

/**
 * Clear and mark, for roles that may edit task instances. Both forms only lead to a dry-run
 * page (GET) that lists what would change; the change itself is confirmed there.
 */
export function TaskInstanceActions(
  props: { links: TaskInstanceLinks; state: TaskInstanceState },
) {
  const viewer = useViewer();
  if (!viewer.can("task_instances", "edit")) return null;
  return (
    <div class="flex flex-wrap gap-3" data-testid="task-instance-actions">
      <form method="get" action={props.links.clear} class={BOX} aria-label="Clear">
        <input type="hidden" name="back" value={props.links.back} />
        <Check id="clear-downstream" name="downstream" label="Downstream" checked />
        <Check id="clear-upstream" name="upstream" label="Upstream" />
        <Check id="clear-failed" name="only_failed" label="Failed only" />
        <Check id="clear-past" name="past" label="Past" />
        <Check id="clear-future" name="future" label="Future" />
        <button type="submit" class={BUTTON.plain} id="clear-button">Clear…</button>
      </form>
      <form method="get" action={props.links.mark} class={BOX} aria-label="Mark">
        <input type="hidden" name="back" value={props.links.back} />
        <Check id="mark-upstream" name="upstream" label="Upstream" />
        <Check id="mark-downstream" name="downstream" label="Downstream" />
        <Check id="mark-past" name="past" label="Past" />
        <Check id="mark-future" name="future" label="Future" />
        <button
          type="submit"
          name="state"
          value="success"
          class={BUTTON.plain}
          id="mark-success-button"
          disabled={props.state === "success"}
        >
          Mark success…
        </button>
        <button
          type="submit"
          name="state"
          value="failed"
          class={BUTTON.plain}
          id="mark-failed-button"
          disabled={props.state === "failed"}
        >
          Mark failed…
        </button>
      </form>
    </div>
  );
}
