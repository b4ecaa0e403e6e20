import { dagPageUrl, formatTime, LINK, Pagination, StateCell, TABLE } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import {
  DAG_STATUS_FILTERS,
  type DagListFilters,
  dagListQuery,
  dagListUrl,
  type DagStatusFilter,
} from "./dag_list_filters.ts";
import { PauseToggle, QuickTrigger } from "./DagRowControls.tsx";

/** One run in a DAG's recent runs. */
export interface RecentRun {
  runId: string;
  state: string;
  logicalDate: number;
}

/** One DAG as the list shows it. */
export interface DagListRow {
  dagId: string;
  description: string | null;
  owner: string;
  isPaused: boolean;
  /** The schedule in words ("At 06:00 on Monday through Friday"). */
  scheduleWords: string;
  /** The schedule as written (a preset, a cron expression, "6h"), null for none. */
  scheduleText: string | null;
  /** The cron expression a preset stands for, when the schedule is a preset. */
  scheduleExpression: string | null;
  /** The next automated run's logical date and when it may be created; null when none. */
  nextRun: { logicalDate: number; runAfter: number } | null;
  tags: string[];
  /** The latest runs, oldest first. */
  recentRuns: RecentRun[];
}

/** The list's live part: status tabs with counts, the table, the pages. */
export interface DagListView {
  rows: DagListRow[];
  /** How many DAGs match the filters in all. */
  total: number;
  limit: number;
  filters: DagListFilters;
  /** How many DAGs each status tab holds (with the search and tag filters applied). */
  counts: Record<DagStatusFilter, number>;
}

/** Where the live region fetches itself. */
export const DAG_TABLE_FRAGMENT_PATH = "/ui/dag-list";

const TAB_LABELS: Record<DagStatusFilter, { label: string; title: string }> = {
  all: { label: "All", title: "Every DAG" },
  active: { label: "Active", title: "DAGs that are not paused" },
  paused: { label: "Paused", title: "Paused DAGs" },
  failed: { label: "Failed", title: "DAGs whose latest run failed" },
};

const TAB = "rounded-t border-b-2 px-3 py-1.5 text-sm";
const TAB_CURRENT = `${TAB} border-sky-700 font-semibold dark:border-sky-400`;
const TAB_OTHER = `${TAB} border-transparent hover:border-gray-300 dark:hover:border-gray-600`;
const TAG = "rounded bg-gray-100 px-1.5 py-0.5 text-xs hover:underline dark:bg-gray-800";

/** The live region of the DAG list (refetched from its fragment route on state changes). */
export function DagTableRegion(props: { view: DagListView }) {
  const { view } = props;
  const { filters } = view;
  return (
    <section
      id="dag-table"
      data-live={`${DAG_TABLE_FRAGMENT_PATH}${dagListQuery(filters)}`}
      aria-label="DAGs"
    >
      <nav class="mb-2 flex flex-wrap gap-1 border-b border-gray-200 dark:border-gray-700">
        {DAG_STATUS_FILTERS.map((status) => (
          <a
            key={status}
            href={dagListUrl(filters, { status, offset: 0 })}
            class={status === filters.status ? TAB_CURRENT : TAB_OTHER}
            aria-current={status === filters.status ? "page" : undefined}
            title={TAB_LABELS[status].title}
            data-testid={`status-${status}`}
          >
            {TAB_LABELS[status].label}{" "}
            <span class="text-gray-500 dark:text-gray-400">{view.counts[status]}</span>
          </a>
        ))}
      </nav>
      {view.rows.length === 0 ? <EmptyState view={view} /> : <DagTable view={view} />}
      <Pagination
        path={dagListUrl(filters, { offset: 0 })}
        offset={filters.offset}
        limit={view.limit}
        total={view.total}
      />
    </section>
  );
}

function EmptyState(props: { view: DagListView }) {
  const filtered = props.view.counts.all > 0 || props.view.filters.search !== "" ||
    props.view.filters.tags.length > 0;
  return (
    <div id="dag-list-empty" class="rounded border border-dashed border-gray-300 p-6 text-center">
      {filtered
        ? (
          <p>
            No DAG matches these filters. <a class={LINK} href="/dags">Clear the filters</a>
          </p>
        )
        : (
          <p>
            No DAGs yet. Put a DAG file in the DAGs folder: its DAGs appear here once it is parsed
            (files that fail to load are listed under{" "}
            <a class={LINK} href="/import-errors">
              import errors
            </a>).
          </p>
        )}
    </div>
  );
}

function DagTable(props: { view: DagListView }) {
  const viewer = useViewer();
  const { filters } = props.view;
  const mayTrigger = viewer.can("dag_runs", "create");
  const back = dagListUrl(filters);
  const sortNext = filters.sort === "dag_id" ? "-dag_id" : "dag_id";
  return (
    <div class="overflow-x-auto">
      <table class={TABLE.table} id="dag-list-table">
        <thead class={TABLE.head}>
          <tr>
            <th class={TABLE.headCell} scope="col">
              <span class="sr-only">Paused</span>
            </th>
            <th
              class={TABLE.headCell}
              scope="col"
              aria-sort={filters.sort === "dag_id" ? "ascending" : "descending"}
            >
              <a class={LINK} href={dagListUrl(filters, { sort: sortNext, offset: 0 })}>
                DAG {filters.sort === "dag_id" ? "▲" : "▼"}
              </a>
            </th>
            <th class={`${TABLE.headCell} hidden md:table-cell`} scope="col">Owner</th>
            <th class={TABLE.headCell} scope="col">Schedule</th>
            <th class={`${TABLE.headCell} hidden md:table-cell`} scope="col">Next run</th>
            <th class={TABLE.headCell} scope="col">Recent runs</th>
            <th class={`${TABLE.headCell} hidden md:table-cell`} scope="col">Tags</th>
            {mayTrigger && (
              <th class={TABLE.headCell} scope="col">
                <span class="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.view.rows.map((row) => (
            <DagRow
              key={row.dagId}
              row={row}
              filters={filters}
              back={back}
              mayTrigger={mayTrigger}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DagRow(
  props: { row: DagListRow; filters: DagListFilters; back: string; mayTrigger: boolean },
) {
  const { row, filters } = props;
  return (
    <tr class={TABLE.row} data-dag-id={row.dagId}>
      <td class={TABLE.cell}>
        <PauseToggle dagId={row.dagId} isPaused={row.isPaused} back={props.back} />
      </td>
      <td class={TABLE.cell}>
        <a class={`${LINK} font-medium break-all`} href={dagPageUrl(row.dagId)}>{row.dagId}</a>
        {row.description && (
          <div class="text-xs text-gray-500 dark:text-gray-400">{row.description}</div>
        )}
      </td>
      <td class={`${TABLE.cell} hidden md:table-cell`}>{row.owner}</td>
      <td class={TABLE.cell}>
        <div>{row.scheduleWords}</div>
        {row.scheduleText !== null && (
          <code class="text-xs text-gray-500 dark:text-gray-400">
            {row.scheduleText}
            {row.scheduleExpression !== null && ` (${row.scheduleExpression})`}
          </code>
        )}
      </td>
      <td class={`${TABLE.cell} hidden whitespace-nowrap md:table-cell`}>
        {row.nextRun === null
          ? "—"
          : (
            <span title={`created after ${formatTime(row.nextRun.runAfter)} UTC`}>
              {formatTime(row.nextRun.logicalDate)}
            </span>
          )}
      </td>
      <td class={TABLE.cell}>
        {row.recentRuns.length === 0
          ? <span class="text-xs text-gray-500 dark:text-gray-400">no runs yet</span>
          : (
            <ol
              class="flex flex-wrap gap-0.5"
              aria-label={`Recent runs of ${row.dagId}, oldest first`}
            >
              {row.recentRuns.map((run) => (
                <li key={run.runId}>
                  <a href={dagPageUrl(row.dagId, { run_id: run.runId })} class="block">
                    <StateCell
                      state={run.state}
                      label={`${formatTime(run.logicalDate)} ${run.runId}`}
                    />
                  </a>
                </li>
              ))}
            </ol>
          )}
      </td>
      <td class={`${TABLE.cell} hidden md:table-cell`}>
        <div class="flex flex-wrap gap-1">
          {row.tags.map((tag) => (
            <a
              key={tag}
              class={TAG}
              href={dagListUrl(filters, {
                tags: filters.tags.includes(tag) ? filters.tags : [...filters.tags, tag],
                offset: 0,
              })}
              title={`Show DAGs tagged ${tag}`}
            >
              {tag}
            </a>
          ))}
        </div>
      </td>
      {props.mayTrigger && (
        <td class={TABLE.cell}>
          <QuickTrigger dagId={row.dagId} back={props.back} />
        </td>
      )}
    </tr>
  );
}
