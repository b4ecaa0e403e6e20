import { ActionForm, BUTTON, LINK, StateBadge, TABLE } from "../components/mod.ts";
import { type ClearConfirmProps, dagPageUrl, dagSubHref } from "./props.ts";

/**
 * The dry run of clearing a run, as Airflow asks first: the task instances that would be
 * cleared, and the button that clears them. Nothing has changed yet when this shows.
 */
export function ClearConfirmPage(props: ClearConfirmProps) {
  const { dagId, runId, instances } = props;
  const back = dagPageUrl(dagId, { run_id: runId });
  const what = props.onlyFailed ? "failed task instances" : "task instances";
  return (
    <section class="max-w-3xl space-y-3" id="clear-confirm" data-testid="clear-confirm">
      <h1 class="text-2xl font-bold break-all">Clear run {runId} of {dagId}?</h1>
      {instances.length === 0
        ? (
          <p id="clear-nothing">
            Run {runId} has no {what} to clear. <a class={LINK} href={back}>Back to the run</a>
          </p>
        )
        : (
          <>
            <p>
              These {instances.length} {what}{" "}
              will be cleared: a running one is stopped and restarted, the others lose their state
              and run again with a fresh retry budget. A finished run goes back to queued.
            </p>
            <div class="overflow-x-auto">
              <table class={TABLE.table} id="clear-list">
                <thead class={TABLE.head}>
                  <tr>
                    <th scope="col" class={TABLE.headCell}>Task</th>
                    <th scope="col" class={TABLE.headCell}>Map index</th>
                    <th scope="col" class={TABLE.headCell}>State now</th>
                    <th scope="col" class={TABLE.headCell}>Try</th>
                  </tr>
                </thead>
                <tbody>
                  {instances.map((instance) => (
                    <tr
                      key={`${instance.taskId}/${instance.mapIndex}`}
                      class={TABLE.row}
                      data-task-id={instance.taskId}
                    >
                      <td class={TABLE.cell}>{instance.taskId}</td>
                      <td class={TABLE.cell}>{instance.mapIndex >= 0 ? instance.mapIndex : "—"}</td>
                      <td class={TABLE.cell}>
                        <StateBadge state={instance.state} />
                      </td>
                      <td class={TABLE.cell}>{instance.tryNumber}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="flex flex-wrap items-center gap-3">
              <ActionForm action={dagSubHref(dagId, "run/clear")} id="clear-confirm-form">
                <input type="hidden" name="run_id" value={runId} />
                <input
                  type="hidden"
                  name="only_failed"
                  value={props.onlyFailed ? "true" : "false"}
                />
                <input type="hidden" name="confirmed" value="true" />
                <button type="submit" class={BUTTON.primary}>
                  Clear {instances.length} task instance(s)
                </button>
              </ActionForm>
              <a class={LINK} href={back}>Cancel</a>
            </div>
          </>
        )}
    </section>
  );
}
