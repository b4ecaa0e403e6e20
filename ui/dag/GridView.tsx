import { formatTime } from "../components/mod.ts";
import { allLooks, lookOf } from "../states.ts";
import type { GridCell, GridProps, GridRow } from "./props.ts";

/**
 * 5 000 cells must render in a few milliseconds and stay small on the wire, so a cell is a bare
 * link (`<a data-state title>` with the state's icon) and the table styles them all from one
 * class attribute: the cell shape, and each state's look from {@link lookOf} keyed by
 * `data-state`. The title (the accessible name too, the icon being hidden) says
 * "task @ run: state", so state is never shown by colour alone.
 */
const TABLE_CLASS = [
  "border-collapse text-xs",
  "[&_td]:p-px [&_td]:text-center [&_thead_th]:p-px",
  ...["inline-flex", "h-4", "w-4", "items-center", "justify-center", "rounded-sm"]
    .map((utility) => `[&_a[data-state]]:${utility}`),
  "[&_a[data-state]]:text-[10px] [&_a[data-state]]:leading-none",
  "[&_a[data-state]:focus]:outline-none [&_a[data-state]:focus]:ring-2",
  "[&_a[data-state]:focus]:ring-sky-500",
  ...allLooks().flatMap(([state, look]) =>
    look.classes.split(" ").map((utility) => {
      const colon = utility.lastIndexOf(":");
      const selector = `[&_a[data-state=${state}]]:`;
      return colon < 0
        ? selector + utility
        : utility.slice(0, colon + 1) + selector + utility.slice(colon + 1);
    })
  ),
].join(" ");
const ON_RUN = "bg-sky-100 dark:bg-sky-900";
const SELECTED = "ring-2 ring-sky-600";
const TASK_HEAD =
  "sticky left-0 z-10 whitespace-nowrap bg-white pr-3 text-left font-normal dark:bg-gray-900";
const GROUP_HEAD =
  "sticky left-0 z-10 whitespace-nowrap bg-white pr-3 text-left font-semibold text-gray-600 dark:bg-gray-900 dark:text-gray-300";
const INDENT = ["pl-0", "pl-3", "pl-6", "pl-9", "pl-12"];

/**
 * The grid: one column per run (latest on the right) headed by the run's state, one row per
 * task, each cell a link that selects that task instance. A live region: its outer element
 * carries `data-live`, so the page refetches it when state changes.
 */
export function GridView(props: GridProps) {
  const { dagId, runs, rows, selection } = props;
  let base = `/dags/${encodeURIComponent(dagId)}?`;
  if (props.runLimit !== 25) base += `runs=${props.runLimit}&`;
  const runLinks = runs.map((run) => `${base}run_id=${encodeURIComponent(run.runId)}`);
  const selectedColumn = runs.findIndex((run) => run.runId === selection.runId);
  return (
    <div id="dag-grid" data-live={props.liveUrl} data-testid="dag-grid" class="overflow-x-auto">
      {runs.length === 0
        ? <p class="py-4 text-sm text-gray-500">This DAG has no runs yet.</p>
        : (
          <table class={TABLE_CLASS} aria-label={`Task states of ${dagId} per run`}>
            <thead>
              <tr>
                <th scope="col" class={TASK_HEAD}>Task ↓ · Run →</th>
                {runs.map((run, index) => {
                  const look = lookOf(run.state);
                  const selected = index === selectedColumn;
                  return (
                    <th
                      key={run.runId}
                      scope="col"
                      class={selected ? ON_RUN : undefined}
                      data-run-id={run.runId}
                    >
                      <a
                        href={runLinks[index]}
                        data-state={run.state}
                        class={selected && selection.taskId === null ? SELECTED : undefined}
                        aria-current={selected && selection.taskId === null ? "true" : undefined}
                        title={`run ${run.runId} (${
                          formatTime(run.logicalDate)
                        }, ${run.runType}): ${look.label}`}
                      >
                        <span aria-hidden="true">{look.icon}</span>
                      </a>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) =>
                row.group
                  ? <GroupRow key={`group:${row.taskId}`} row={row} span={runs.length} />
                  : (
                    <tr key={row.taskId} data-task-id={row.taskId}>
                      <th scope="row" class={TASK_HEAD} title={row.taskId}>
                        <span class={INDENT[Math.min(row.depth, INDENT.length - 1)]}>
                          {row.label}
                        </span>
                      </th>
                      {row.cells.map((cell, index) =>
                        cellOf(row, cell, {
                          href: runLinks[index],
                          runId: runs[index].runId,
                          onRun: index === selectedColumn,
                          selected: index === selectedColumn && row.taskId === selection.taskId,
                        })
                      )}
                    </tr>
                  )
              )}
            </tbody>
          </table>
        )}
    </div>
  );
}

function GroupRow(props: { row: GridRow; span: number }) {
  return (
    <tr data-group={props.row.taskId}>
      <th scope="row" class={GROUP_HEAD} title={`task group ${props.row.taskId}`}>
        <span class={INDENT[Math.min(props.row.depth, INDENT.length - 1)]}>
          ▾ {props.row.label}
        </span>
      </th>
      <td colSpan={props.span}></td>
    </tr>
  );
}

/** One cell: a link with the state's icon; its title (and accessible name) says it all. */
function cellOf(
  row: GridRow,
  cell: GridCell | null,
  where: { href: string; runId: string; onRun: boolean; selected: boolean },
) {
  const tdClass = where.onRun ? ON_RUN : undefined;
  if (cell === null) return <td class={tdClass}></td>;
  const look = lookOf(cell.state);
  const mapped = cell.count > 1 ? ` (${cell.count} mapped)` : "";
  let href = `${where.href}&task_id=${encodeURIComponent(row.taskId)}`;
  if (cell.mapIndex >= 0) href += `&map_index=${cell.mapIndex}`;
  return (
    <td class={tdClass}>
      <a
        href={href}
        data-state={cell.state ?? "none"}
        class={where.selected ? SELECTED : undefined}
        aria-current={where.selected ? "true" : undefined}
        title={`${row.taskId} @ ${where.runId}${mapped}: ${look.label}`}
      >
        <span aria-hidden="true">{look.icon}</span>
      </a>
    </td>
  );
}
