import { ActionForm, BUTTON, LINK } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";

const SWITCH_ON =
  "relative inline-flex h-5 w-9 items-center rounded-full bg-sky-700 focus:outline-none focus:ring-2 focus:ring-sky-400";
const SWITCH_OFF =
  "relative inline-flex h-5 w-9 items-center rounded-full bg-gray-300 focus:outline-none focus:ring-2 focus:ring-sky-400 dark:bg-gray-600";
const KNOB_ON = "inline-block h-4 w-4 translate-x-4 rounded-full bg-white shadow";
const KNOB_OFF = "inline-block h-4 w-4 translate-x-0.5 rounded-full bg-white shadow";

/**
 * A DAG's paused state: a switch that pauses or unpauses it for those who may edit DAGs, the
 * state in words for everyone else.
 */
export function PauseToggle(props: { dagId: string; isPaused: boolean; back: string }) {
  const viewer = useViewer();
  const { dagId, isPaused } = props;
  if (!viewer.can("dags", "edit")) {
    return (
      <span class="text-xs text-gray-500 dark:text-gray-400" data-testid="paused-state">
        {isPaused ? "‖ paused" : "▶ active"}
      </span>
    );
  }
  return (
    <ActionForm action={`/dags/${encodeURIComponent(dagId)}/pause`} class="inline">
      <input type="hidden" name="paused" value={isPaused ? "false" : "true"} />
      <input type="hidden" name="_back" value={props.back} />
      <button
        type="submit"
        role="switch"
        aria-checked={isPaused ? "false" : "true"}
        class={isPaused ? SWITCH_OFF : SWITCH_ON}
        title={isPaused ? `${dagId} is paused: unpause it` : `${dagId} is active: pause it`}
        data-testid="pause-toggle"
      >
        <span class="sr-only">{isPaused ? `Unpause ${dagId}` : `Pause ${dagId}`}</span>
        <span aria-hidden="true" class={isPaused ? KNOB_OFF : KNOB_ON} />
      </button>
    </ActionForm>
  );
}

/** "Trigger now" (default conf) and a link to the trigger form; only for who may trigger. */
export function QuickTrigger(props: { dagId: string; back: string }) {
  const viewer = useViewer();
  if (!viewer.can("dag_runs", "create")) return null;
  const path = `/dags/${encodeURIComponent(props.dagId)}/trigger`;
  return (
    <div class="flex items-center gap-2 whitespace-nowrap">
      <ActionForm
        action={path}
        class="inline"
        confirm={`Trigger ${props.dagId} now with its default configuration?`}
      >
        <input type="hidden" name="_back" value={props.back} />
        <button
          type="submit"
          class={BUTTON.plain}
          title={`Trigger ${props.dagId} now`}
          data-testid="trigger-now"
        >
          <span aria-hidden="true">▶</span> Trigger<span class="sr-only">{props.dagId} now</span>
        </button>
      </ActionForm>
      <a class={LINK} href={path} title={`Trigger ${props.dagId} with a configuration`}>
        with config…
      </a>
    </div>
  );
}
