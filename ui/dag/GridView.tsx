import { formatTime, StateCell } from "../components/mod.ts";
import { lookOf } from "../states.ts";
import type { GridCell, GridProps, GridRow } from "./props.ts";

// Static class strings: each distinct class attribute is compiled once, and 5 000 cells render
// with a handful of them.
const CELL = "p-px text-center";
const CELL_ON_RUN = "p-px text-center bg-sky-100 dark:bg-sky-900";
const LINK = "inline-block rounded-sm focus:outline-none focus:ring-2 focus:ring-sky-500";
const LINK_SELECTED =
  "inline-block rounded-sm ring-2 ring-sky-600 focus:outline-none focus:ring-sky-500";
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
  let base = `/dags/${encodeURIComponent(dagId)}?tab=grid`;
  if (props.runLimit !== 25) base += `&runs=${props.runLimit}`;
  const runParts = runs.map((run) => `&run_id=${encodeURIComponent(run.runId)}`);
  const selectedColumn = runs.findIndex((run) => run.runId === selection.runId);
  return (
    <div id="dag-grid" data-live={props.liveUrl} data-testid="dag-grid" class="overflow-x-auto">
      {runs.length === 0
        ? <p class="py-4 text-sm text-gray-500">This DAG has no runs yet.</p>
        : (
          <table class="border-collapse text-xs" aria-label={`Task states of ${dagId} per run`}>
            <thead>
              <tr>
                <th scope="col" class={TASK_HEAD}>Task \ Run</th>
                {runs.map((run, index) => (
                  <th
                    key={run.runId}
                    scope="col"
                    class={index === selectedColumn ? CELL_ON_RUN : CELL}
                    data-run-id={run.runId}
                  >
                    <a
                      href={base + runParts[index]}
                      class={index === selectedColumn && selection.taskId === null
                        ? LINK_SELECTED
                        : LINK}
                      aria-label={`run ${run.runId}: ${lookOf(run.state).label}`}
                    >
                      <StateCell
                        state={run.state}
                        label={`run ${run.runId} (${formatTime(run.logicalDate)}, ${run.runType})`}
                      />
                    </a>
                  </th>
                ))}
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
                          href: base + runParts[index],
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

function cellOf(
  row: GridRow,
  cell: GridCell | null,
  where: { href: string; runId: string; onRun: boolean; selected: boolean },
) {
  const tdClass = where.onRun ? CELL_ON_RUN : CELL;
  if (cell === null) return <td class={tdClass}></td>;
  const label = `${row.taskId} @ ${where.runId}${cell.count > 1 ? ` (${cell.count} mapped)` : ""}`;
  let href = `${where.href}&task_id=${encodeURIComponent(row.taskId)}`;
  if (cell.mapIndex >= 0) href += `&map_index=${cell.mapIndex}`;
  return (
    <td class={tdClass}>
      <a
        href={href}
        class={where.selected ? LINK_SELECTED : LINK}
        aria-label={`${label}: ${lookOf(cell.state).label}`}
        aria-current={where.selected ? "true" : undefined}
      >
        <StateCell state={cell.state} label={label} />
      </a>
    </td>
  );
}
