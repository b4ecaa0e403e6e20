import {
  ActionForm,
  BUTTON,
  formatDuration,
  formatJson,
  formatTime,
  LINK,
  StateBadge,
} from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { dagPageUrl, dagSubHref, type RunDetailsProps } from "./props.ts";

const TERM = "text-gray-500 dark:text-gray-400";
const PRE =
  "max-h-48 overflow-auto rounded bg-gray-100 p-2 text-xs dark:bg-gray-800 whitespace-pre-wrap break-all";

/**
 * A run's state, type, dates, duration, conf and note, with its actions for those allowed:
 * mark success or failed, clear (all or failed tasks, after a dry run), delete. A live region.
 */
export function RunDetails(props: RunDetailsProps) {
  const { run, dagId } = props;
  const duration = run.startDate === null ? null : (run.endDate ?? props.now) - run.startDate;
  return (
    <section
      id="run-details"
      data-live={props.liveUrl}
      data-testid="run-details"
      class="space-y-3 rounded border border-gray-200 p-3 text-sm dark:border-gray-700"
      aria-label={`Run ${run.runId}`}
    >
      <h2 class="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span class="break-all">Run {run.runId}</span> <StateBadge state={run.state} />
      </h2>
      <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt class={TERM}>Run type</dt>
        <dd>{run.runType}{run.externalTrigger ? " (external trigger)" : ""}</dd>
        <dt class={TERM}>Logical date</dt>
        <dd>{formatTime(run.logicalDate)}</dd>
        <dt class={TERM}>Data interval</dt>
        <dd>{formatTime(run.dataInterval.start)} → {formatTime(run.dataInterval.end)}</dd>
        <dt class={TERM}>Queued at</dt>
        <dd>{formatTime(run.queuedAt)}</dd>
        <dt class={TERM}>Started</dt>
        <dd>{formatTime(run.startDate)}</dd>
        <dt class={TERM}>Ended</dt>
        <dd>{formatTime(run.endDate)}</dd>
        <dt class={TERM}>Duration</dt>
        <dd>
          {formatDuration(duration)}
          {run.endDate === null && duration !== null ? " so far" : ""}
        </dd>
        <dt class={TERM}>Cleared</dt>
        <dd>{run.clearNumber} time(s)</dd>
        <dt class={TERM}>Version</dt>
        <dd>
          <a class={LINK} href={dagPageUrl(dagId, { tab: "code", run_id: run.runId })}>
            <code>{run.versionHash.slice(0, 12)}</code>
          </a>
          {props.olderVersion && " (older than the current version)"}
        </dd>
        <dt class={TERM}>Note</dt>
        <dd class="whitespace-pre-wrap">{run.note ?? "—"}</dd>
      </dl>
      <div>
        <h3 class={TERM}>Conf</h3>
        <pre class={PRE}>{formatJson(run.conf)}</pre>
      </div>
      <p class="flex flex-wrap gap-3">
        <a class={LINK} href={dagPageUrl(dagId, { tab: "graph", run_id: run.runId })}>Graph</a>
        <a class={LINK} href={dagPageUrl(dagId, { tab: "gantt", run_id: run.runId })}>Gantt</a>
        <a class={LINK} href={dagPageUrl(dagId, { tab: "code", run_id: run.runId })}>Code</a>
      </p>
      <RunActions dagId={dagId} runId={run.runId} />
    </section>
  );
}

/** The run's action buttons, shown only to those whose role may change runs. */
function RunActions(props: { dagId: string; runId: string }) {
  const viewer = useViewer();
  const { dagId, runId } = props;
  if (!viewer.can("dag_runs", "edit")) return null;
  const back = dagPageUrl(dagId, { run_id: runId });
  return (
    <div class="flex flex-wrap gap-2 border-t border-gray-200 pt-3 dark:border-gray-700">
      <ActionForm action={dagSubHref(dagId, "run/mark")} id="run-mark-success">
        <input type="hidden" name="run_id" value={runId} />
        <input type="hidden" name="state" value="success" />
        <input type="hidden" name="_back" value={back} />
        <button type="submit" class={BUTTON.plain}>✓ Mark success</button>
      </ActionForm>
      <ActionForm action={dagSubHref(dagId, "run/mark")} id="run-mark-failed">
        <input type="hidden" name="run_id" value={runId} />
        <input type="hidden" name="state" value="failed" />
        <input type="hidden" name="_back" value={back} />
        <button type="submit" class={BUTTON.plain}>✕ Mark failed</button>
      </ActionForm>
      <a
        class={BUTTON.plain}
        id="run-clear"
        href={dagSubHref(dagId, "run/clear", { run_id: runId })}
      >
        ↻ Clear…
      </a>
      <a
        class={BUTTON.plain}
        id="run-clear-failed"
        href={dagSubHref(dagId, "run/clear", { run_id: runId, only_failed: "true" })}
      >
        ↻ Clear failed…
      </a>
      {viewer.can("dag_runs", "delete") && (
        <ActionForm
          action={dagSubHref(dagId, "run/delete")}
          id="run-delete"
          confirm={`Delete run ${runId} with its task instances, XComs and history?`}
        >
          <input type="hidden" name="run_id" value={runId} />
          <button type="submit" class={BUTTON.danger}>Delete run</button>
        </ActionForm>
      )}
    </div>
  );
}
