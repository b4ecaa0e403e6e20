import { formatDuration, formatTime, LINK, StateBadge, TABLE } from "../components/mod.ts";
import type { TryRow } from "./props.ts";

/** Every try of the task instance, newest first, each linking to its log. */
export function TriesTable(props: { tries: TryRow[] }) {
  return (
    <section aria-labelledby="task-instance-tries-heading">
      <h3 id="task-instance-tries-heading" class="mb-1 font-semibold">Tries</h3>
      {props.tries.length === 0
        ? <p class="text-sm text-gray-500 dark:text-gray-400">No try has started yet.</p>
        : (
          <div class="overflow-x-auto">
            <table class={TABLE.table} data-testid="task-instance-tries">
              <thead class={TABLE.head}>
                <tr>
                  <th class={TABLE.headCell} scope="col">Try</th>
                  <th class={TABLE.headCell} scope="col">State</th>
                  <th class={TABLE.headCell} scope="col">Start</th>
                  <th class={TABLE.headCell} scope="col">End</th>
                  <th class={TABLE.headCell} scope="col">Duration</th>
                  <th class={TABLE.headCell} scope="col">Host</th>
                  <th class={TABLE.headCell} scope="col">Log</th>
                </tr>
              </thead>
              <tbody>
                {[...props.tries].reverse().map((row) => (
                  <tr class={TABLE.row} data-try={row.tryNumber} key={row.tryNumber}>
                    <td class={TABLE.cell}>{row.tryNumber}</td>
                    <td class={TABLE.cell}>
                      <StateBadge state={row.state} />
                      {row.cleared && <span class="ml-1 text-xs text-gray-500">then cleared</span>}
                    </td>
                    <td class={TABLE.cell}>{formatTime(row.start)}</td>
                    <td class={TABLE.cell}>{formatTime(row.end)}</td>
                    <td class={TABLE.cell}>{formatDuration(row.durationMs)}</td>
                    <td class={TABLE.cell}>{row.hostname ?? "—"}</td>
                    <td class={TABLE.cell}>
                      {row.selected
                        ? <span aria-current="true">shown below</span>
                        : <a class={LINK} href={row.href}>log of try {row.tryNumber}</a>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
