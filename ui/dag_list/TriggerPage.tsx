import { ActionForm, BUTTON, dagPageUrl, INPUT, LINK, PageHeader } from "../components/mod.ts";

/** The trigger form's DAG and the values it starts with. */
export interface TriggerPageProps {
  dagId: string;
  description: string | null;
  isPaused: boolean;
  /** Pretty JSON: the DAG's params, or what the user sent before an error. */
  conf: string;
  /** `YYYY-MM-DDTHH:MM:SS` (UTC) or "". */
  logicalDate: string;
  runId: string;
  note: string;
}

const LABEL = "flex flex-col gap-1 text-sm font-medium";
const HINT = "text-xs font-normal text-gray-500 dark:text-gray-400";

/** The form that triggers a DAG run with a conf, a logical date, a run id and a note. */
export function TriggerPage(props: TriggerPageProps) {
  return (
    <div class="max-w-3xl">
      <PageHeader
        title={`Trigger ${props.dagId}`}
        subtitle={props.description ?? undefined}
      />
      {props.isPaused && (
        <p
          id="trigger-paused-warning"
          class="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-900 dark:text-amber-100"
        >
          ‖ This DAG is paused: the run is created but stays queued until the DAG is unpaused.
        </p>
      )}
      <ActionForm
        action={`/dags/${encodeURIComponent(props.dagId)}/trigger`}
        id="trigger-form"
        class="space-y-4"
      >
        <label class={LABEL} for="trigger-conf">
          Configuration (conf)
          <span class={HINT}>
            A JSON object. It starts as the DAG's params; the run's tasks read it as{" "}
            <code>dag_run.conf</code>, and its keys override the params.
          </span>
        </label>
        <textarea
          id="trigger-conf"
          name="conf"
          rows={12}
          spellcheck={false}
          class={`${INPUT} w-full font-mono`}
          data-json="trigger-conf-status"
          data-json-required="1"
        >
          {props.conf}
        </textarea>
        <p id="trigger-conf-status" class={HINT} aria-live="polite"></p>
        <div class="flex flex-wrap gap-4">
          <label class={LABEL}>
            Logical date (UTC, optional)
            <input
              type="datetime-local"
              name="logical_date"
              step={1}
              value={props.logicalDate}
              class={INPUT}
              id="trigger-logical-date"
            />
            <span class={HINT}>Empty: now.</span>
          </label>
          <label class={LABEL}>
            Run id (optional)
            <input
              type="text"
              name="run_id"
              value={props.runId}
              class={INPUT}
              placeholder="manual__<logical date>"
              pattern="[A-Za-z0-9_.~:+\-]+"
              id="trigger-run-id"
            />
            <span class={HINT}>Letters, digits and _ . ~ : + -</span>
          </label>
        </div>
        <label class={LABEL}>
          Note (optional)
          <textarea name="note" rows={2} class={`${INPUT} w-full`} id="trigger-note">
            {props.note}
          </textarea>
        </label>
        <div class="flex items-center gap-3">
          <button type="submit" class={BUTTON.primary} id="trigger-submit">
            <span aria-hidden="true">▶</span> Trigger
          </button>
          <a class={LINK} href={dagPageUrl(props.dagId)}>Cancel</a>
        </div>
      </ActionForm>
    </div>
  );
}
