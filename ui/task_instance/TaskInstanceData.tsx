import type { Permissions } from "../../src/core/mod.ts";
import { formatJson, formatTime, TABLE } from "../components/mod.ts";
import type { TemplateFieldsView, XComRow } from "./props.ts";

const PRE = "max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-gray-100 p-2 " +
  "text-xs dark:bg-gray-800";
const HEADING = "mb-1 font-semibold";
const EMPTY = "text-sm text-gray-500 dark:text-gray-400";

const PERMISSION_NAMES: (keyof Permissions)[] = ["net", "read", "write", "env", "run"];

/** XComs, templated fields and sandbox permissions of a task instance. */
export function TaskInstanceData(
  props: { xcoms: XComRow[]; templates: TemplateFieldsView; permissions: Permissions | null },
) {
  const templateNames = Object.keys(props.templates.fields);
  return (
    <div class="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="task-instance-xcom-heading" class="lg:col-span-2">
        <h3 id="task-instance-xcom-heading" class={HEADING}>XCom</h3>
        {props.xcoms.length === 0
          ? <p class={EMPTY}>No XCom entries.</p>
          : (
            <div class="overflow-x-auto">
              <table class={TABLE.table} data-testid="task-instance-xcoms">
                <thead class={TABLE.head}>
                  <tr>
                    <th class={TABLE.headCell} scope="col">Key</th>
                    <th class={TABLE.headCell} scope="col">Value</th>
                    <th class={TABLE.headCell} scope="col">Pushed</th>
                  </tr>
                </thead>
                <tbody>
                  {props.xcoms.map((xcom) => (
                    <tr class={TABLE.row} key={xcom.key}>
                      <td class={TABLE.cell}>{xcom.key}</td>
                      <td class={TABLE.cell}>
                        <pre class={PRE}>{xcom.json}</pre>
                      </td>
                      <td class={TABLE.cell}>{formatTime(xcom.timestamp)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
      <section aria-labelledby="task-instance-templates-heading" data-testid="task-templates">
        <h3 id="task-instance-templates-heading" class={HEADING}>
          {props.templates.rendered
            ? `Rendered templates (try ${props.templates.renderedForTry})`
            : "Templates (not rendered yet)"}
        </h3>
        {!props.templates.rendered && templateNames.length > 0 && (
          <p class={EMPTY}>
            Shown as written: the executor renders them when a try starts.
          </p>
        )}
        {templateNames.length === 0
          ? <p class={EMPTY}>This task has no templated fields.</p>
          : (
            <dl class="space-y-1 text-sm">
              {templateNames.map((name) => (
                <div key={name}>
                  <dt class="font-mono text-xs text-gray-500 dark:text-gray-400">{name}</dt>
                  <dd>
                    <pre class={PRE}>{textOf(props.templates.fields[name])}</pre>
                  </dd>
                </div>
              ))}
            </dl>
          )}
      </section>
      <section aria-labelledby="task-instance-permissions-heading">
        <h3 id="task-instance-permissions-heading" class={HEADING}>Permissions</h3>
        {props.permissions === null
          ? <p class={EMPTY}>Unknown: this run's DAG version has no such task.</p>
          : (
            <dl class="text-sm" data-testid="task-permissions">
              {PERMISSION_NAMES.map((name) => {
                const granted = props.permissions![name] ?? [];
                return (
                  <div key={name} class="flex gap-2 py-0.5" data-permission={name}>
                    <dt class="w-12 shrink-0 font-mono">{name}</dt>
                    <dd class="break-all">
                      {granted.length === 0
                        ? <span class="text-gray-500 dark:text-gray-400">none (denied)</span>
                        : granted.join(", ")}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
      </section>
    </div>
  );
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : formatJson(value);
}
