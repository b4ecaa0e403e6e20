import { formatDuration, formatTime, LINK, StateBadge } from "../components/mod.ts";
import { lookOf } from "../states.ts";
import { dagPageUrl, type GanttProps, type GanttRow } from "./props.ts";

const TICKS = 5;
const ROW = "border-b border-gray-100 dark:border-gray-800";
const ROW_SELECTED = "border-b border-gray-100 bg-sky-50 dark:border-gray-800 dark:bg-sky-900";
const BAR =
  "absolute top-0.5 bottom-0.5 flex items-center overflow-hidden rounded-sm px-0.5 text-[10px] leading-none focus:outline-none focus:ring-2 focus:ring-sky-500";
const QUEUED = "absolute top-1.5 bottom-1.5 rounded-sm bg-gray-300 opacity-60 dark:bg-gray-600";

/**
 * The Gantt chart of one run: a bar per try from its start to its end on a shared time axis,
 * the time it waited in the queue drawn lighter before it, the state's colour, icon and word,
 * and the duration. Each row links to the task instance. A live region.
 */
export function GanttView(props: GanttProps) {
  const { rows } = props;
  const starts = rows.map((row) => row.queuedAt ?? row.startDate);
  const ends = rows.map((row) => row.endDate ?? props.now);
  const from = Math.min(...starts);
  const to = Math.max(...ends, from + 1000);
  const span = to - from;
  const percent = (time: number) => `${((Math.max(time, from) - from) / span * 100).toFixed(2)}%`;
  const width = (start: number, end: number) =>
    `${Math.max(((end - start) / span) * 100, 0.3).toFixed(2)}%`;
  return (
    <div id="dag-gantt" data-live={props.liveUrl} data-testid="dag-gantt" class="space-y-3">
      {rows.length === 0
        ? (
          <p class="py-4 text-sm text-gray-500">
            {props.runId === null
              ? "This DAG has no runs yet."
              : `No task of run ${props.runId} has started yet.`}
          </p>
        )
        : (
          <div class="overflow-x-auto">
            <table class="w-full min-w-[40rem] border-collapse text-xs">
              <thead>
                <tr class="border-b border-gray-300 text-left text-gray-500 dark:border-gray-700">
                  <th scope="col" class="w-48 py-1 pr-2 font-semibold">Task</th>
                  <th scope="col" class="py-1 font-normal">
                    <div
                      class="relative h-4"
                      aria-label={`from ${formatTime(from)} to ${formatTime(to)}`}
                    >
                      {Array.from({ length: TICKS }, (_, index) => (
                        <span
                          key={index}
                          class="absolute whitespace-nowrap"
                          style={{ left: `${(index / TICKS) * 100}%` }}
                        >
                          {formatTime(from + (span * index) / TICKS).slice(11)}
                        </span>
                      ))}
                    </div>
                  </th>
                  <th scope="col" class="w-40 py-1 pl-2 font-semibold">State · duration</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <Bar
                    key={`${row.taskId}/${row.mapIndex}/${row.tryNumber}`}
                    row={row}
                    props={props}
                    percent={percent}
                    width={width}
                  />
                ))}
              </tbody>
            </table>
            <p class="mt-1 text-xs text-gray-500">
              Times in UTC, {formatTime(from)} to{" "}
              {formatTime(to)}. The lighter part before a bar is the time the try waited in the
              queue.
            </p>
          </div>
        )}
      {props.notStarted.length > 0 && (
        <p class="text-xs text-gray-600 dark:text-gray-300">
          Not started:{" "}
          {props.notStarted.map((entry, index) => (
            <span key={`${entry.taskId}/${entry.mapIndex}`}>
              {index > 0 && ", "}
              <a class={LINK} href={hrefOf(props, entry)}>{nameOf(entry)}</a>{" "}
              ({lookOf(entry.state).label})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function Bar(
  { row, props, percent, width }: {
    row: GanttRow;
    props: GanttProps;
    percent: (time: number) => string;
    width: (start: number, end: number) => string;
  },
) {
  const look = lookOf(row.state);
  const end = row.endDate ?? props.now;
  const selected = props.selection.taskId === row.taskId &&
    (props.selection.mapIndex ?? -1) === row.mapIndex;
  const name = nameOf(row) + (row.retried ? ` (try ${row.tryNumber})` : "");
  const duration = formatDuration(end - row.startDate) + (row.endDate === null ? " so far" : "");
  const href = hrefOf(props, row);
  return (
    <tr class={selected ? ROW_SELECTED : ROW} data-task-id={row.taskId} data-try={row.tryNumber}>
      <th scope="row" class="py-0.5 pr-2 text-left font-normal whitespace-nowrap">
        <a class={LINK} href={href}>{name}</a>
      </th>
      <td class="py-0.5">
        <div class="relative h-5">
          {row.queuedAt !== null && row.queuedAt < row.startDate && (
            <span
              class={QUEUED}
              style={{ left: percent(row.queuedAt), width: width(row.queuedAt, row.startDate) }}
              title={`${name} queued at ${formatTime(row.queuedAt)}`}
            >
            </span>
          )}
          <a
            class={`${BAR} ${look.classes}`}
            style={{ left: percent(row.startDate), width: width(row.startDate, end) }}
            href={href}
            title={`${name}: ${look.label}, ${formatTime(row.startDate)} → ${
              row.endDate === null ? "now" : formatTime(row.endDate)
            } (${duration})`}
            data-gantt-bar={row.taskId}
          >
            <span aria-hidden="true">{look.icon}</span>
            <span class="sr-only">{`${name}: ${look.label}, ${duration}`}</span>
          </a>
        </div>
      </td>
      <td class="py-0.5 pl-2 whitespace-nowrap">
        <StateBadge state={row.state} /> {duration}
      </td>
    </tr>
  );
}

function nameOf(entry: { taskId: string; mapIndex: number }): string {
  return entry.mapIndex >= 0 ? `${entry.taskId} [${entry.mapIndex}]` : entry.taskId;
}

function hrefOf(props: GanttProps, entry: { taskId: string; mapIndex: number }): string {
  return dagPageUrl(props.dagId, {
    tab: "gantt",
    run_id: props.selection.runId ?? props.runId,
    task_id: entry.taskId,
    map_index: entry.mapIndex >= 0 ? entry.mapIndex : null,
  });
}
