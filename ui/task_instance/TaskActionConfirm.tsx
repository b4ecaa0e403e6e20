import { ActionForm, BUTTON, LINK, PageHeader, StateBadge, TABLE } from "../components/mod.ts";
import type { TaskActionConfirmProps, TaskActionOptions } from "./props.ts";

const OPTION_WORDS: [keyof TaskActionOptions, string][] = [
  ["upstream", "upstream"],
  ["downstream", "downstream"],
  ["onlyFailed", "failed only"],
  ["past", "past runs"],
  ["future", "future runs"],
];

const FIELD_NAMES: Record<keyof TaskActionOptions, string> = {
  upstream: "upstream",
  downstream: "downstream",
  onlyFailed: "only_failed",
  past: "past",
  future: "future",
};

/**
 * The dry run of a clear or mark: exactly which task instances it changes, and the form that
 * confirms it (as Airflow asks before clearing or marking).
 */
export function TaskActionConfirm(props: TaskActionConfirmProps) {
  const verb = props.action === "clear" ? "Clear" : `Mark ${props.state}`;
  const count = props.instances.length;
  const chosen = OPTION_WORDS.filter(([name]) => props.options[name]).map(([, word]) => word);
  return (
    <section class="space-y-3" data-testid="task-action-page">
      <PageHeader
        title={`${verb}: ${props.taskId}`}
        subtitle={`Run ${props.runId} of ${props.dagId}; with ${
          chosen.length === 0 ? "no options" : chosen.join(", ")
        }`}
      />
      {count === 0
        ? (
          <p id="task-action-nothing">
            Nothing would change: no task instance matches these options.
          </p>
        )
        : (
          <>
            <p id="task-action-summary">
              {props.action === "clear"
                ? `These ${count} task instance${count === 1 ? "" : "s"} will be cleared ` +
                  "(set to no status, or restarting while running) and run again:"
                : `These ${count} task instance${count === 1 ? "" : "s"} will be marked ` +
                  `${props.state}; failed tasks downstream of them are cleared so they run again:`}
            </p>
            <div class="overflow-x-auto">
              <table class={TABLE.table} data-testid="task-action-instances">
                <thead class={TABLE.head}>
                  <tr>
                    <th class={TABLE.headCell} scope="col">Run</th>
                    <th class={TABLE.headCell} scope="col">Task</th>
                    <th class={TABLE.headCell} scope="col">Map index</th>
                    <th class={TABLE.headCell} scope="col">State now</th>
                  </tr>
                </thead>
                <tbody>
                  {props.instances.map((instance) => (
                    <tr
                      class={TABLE.row}
                      key={`${instance.runId}/${instance.taskId}/${instance.mapIndex}`}
                      data-instance={`${instance.runId}/${instance.taskId}/${instance.mapIndex}`}
                    >
                      <td class={TABLE.cell}>{instance.runId}</td>
                      <td class={TABLE.cell}>{instance.taskId}</td>
                      <td class={TABLE.cell}>
                        {instance.mapIndex >= 0 ? instance.mapIndex : "—"}
                      </td>
                      <td class={TABLE.cell}>
                        <StateBadge state={instance.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      <div class="flex flex-wrap items-center gap-3">
        {count > 0 && (
          <ActionForm action={props.confirmUrl} id="task-action-form">
            <input type="hidden" name="_back" value={props.back} />
            {props.state !== null && <input type="hidden" name="state" value={props.state} />}
            {OPTION_WORDS.filter(([name]) => props.options[name]).map(([name]) => (
              <input type="hidden" name={FIELD_NAMES[name]} value="1" key={name} />
            ))}
            <button
              type="submit"
              class={props.state === "failed" ? BUTTON.danger : BUTTON.primary}
              id="task-action-confirm"
            >
              {`Confirm: ${verb.toLowerCase()} ${count} task instance${count === 1 ? "" : "s"}`}
            </button>
          </ActionForm>
        )}
        <a class={LINK} href={props.back} id="task-action-cancel">
          {count > 0 ? "Cancel" : "Back"}
        </a>
      </div>
    </section>
  );
}
