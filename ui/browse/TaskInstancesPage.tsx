import {
  dagPageUrl,
  formatDuration,
  formatTime,
  LINK,
  PageHeader,
  Pagination,
  StateBadge,
  TABLE,
  taskInstancePageUrl,
} from "../components/mod.ts";
import { EmptyRow, FilterForm, queryOf, SelectField, TextField } from "./_filter_fields.tsx";

/** One task instance as the task instances page shows it. */
export interface TaskInstanceListRow {
  dagId: string;
  runId: string;
  taskId: string;
  /** -1 for an unmapped task. */
  mapIndex: number;
  state: string | null;
  tryNumber: number;
  operator: string;
  pool: string;
  startDate: number | null;
  endDate: number | null;
  durationMs: number | null;
}

/** The page's filters as the form holds them ("" for none; state "none" for no status). */
export interface TaskInstanceListFilters {
  dagId: string;
  taskId: string;
  state: string;
  pool: string;
  sort: string;
}

/** Everything the task instances page shows. */
export interface TaskInstancesPageProps {
  rows: TaskInstanceListRow[];
  total: number;
  offset: number;
  limit: number;
  filters: TaskInstanceListFilters;
  states: readonly string[];
  sorts: [string, string][];
}

/** The query string of the page's filters (without the offset). */
export function taskInstanceListQuery(filters: TaskInstanceListFilters): string {
  return queryOf({
    dag_id: filters.dagId,
    task_id: filters.taskId,
    state: filters.state,
    pool: filters.pool,
    sort: filters.sort,
  });
}

const COLUMNS = [
  "DAG",
  "Run id",
  "Task",
  "State",
  "Try",
  "Operator",
  "Pool",
  "Start",
  "End",
  "Duration",
];

/** Task instances across all DAGs, filtered and paged. */
export function TaskInstancesPage(props: TaskInstancesPageProps) {
  const { filters } = props;
  const filtered = Object.entries(filters).some(([name, value]) => name !== "sort" && value !== "");
  return (
    <div>
      <PageHeader title="Task instances" subtitle="Task instances of every DAG. Times are UTC." />
      <FilterForm action="/task-instances" filtered={filtered} id="task-instance-filters">
        <TextField label="DAG id" name="dag_id" value={filters.dagId} placeholder="exact id" />
        <TextField label="Task id" name="task_id" value={filters.taskId} placeholder="exact id" />
        <SelectField
          label="State"
          name="state"
          value={filters.state}
          options={[
            ["", "any"],
            ["none", "no status"],
            ...props.states.map((state): [string, string] => [state, state.replaceAll("_", " ")]),
          ]}
        />
        <TextField label="Pool" name="pool" value={filters.pool} placeholder="default_pool" />
        <SelectField label="Sort" name="sort" value={filters.sort} options={props.sorts} />
      </FilterForm>
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="task-instance-list">
          <thead class={TABLE.head}>
            <tr>
              {COLUMNS.map((name) => <th key={name} class={TABLE.headCell} scope="col">{name}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 && (
              <EmptyRow columns={COLUMNS.length}>
                {filtered ? "No task instance matches these filters." : "No task instances yet."}
              </EmptyRow>
            )}
            {props.rows.map((row) => (
              <tr
                key={`${row.dagId}/${row.runId}/${row.taskId}/${row.mapIndex}`}
                class={TABLE.row}
                data-task-id={row.taskId}
              >
                <td class={TABLE.cell}>
                  <a class={`${LINK} break-all`} href={dagPageUrl(row.dagId)}>{row.dagId}</a>
                </td>
                <td class={TABLE.cell}>
                  <a
                    class={`${LINK} break-all`}
                    href={dagPageUrl(row.dagId, { run_id: row.runId })}
                  >
                    {row.runId}
                  </a>
                </td>
                <td class={TABLE.cell}>
                  <a class={`${LINK} break-all`} href={taskInstancePageUrl(row)}>
                    {row.taskId}
                    {row.mapIndex >= 0 && ` [${row.mapIndex}]`}
                  </a>
                </td>
                <td class={TABLE.cell}>
                  <StateBadge state={row.state} />
                </td>
                <td class={TABLE.cell}>{row.tryNumber}</td>
                <td class={TABLE.cell}>{row.operator}</td>
                <td class={TABLE.cell}>{row.pool}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.startDate)}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.endDate)}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatDuration(row.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        path={`/task-instances${taskInstanceListQuery(filters)}`}
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </div>
  );
}
