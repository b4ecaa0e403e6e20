import {
  dagPageUrl,
  formatDuration,
  formatTime,
  LINK,
  PageHeader,
  Pagination,
  StateBadge,
  TABLE,
} from "../components/mod.ts";
import { EmptyRow, FilterForm, queryOf, SelectField, TextField } from "./_filter_fields.tsx";

/** One DAG run as the runs page shows it. */
export interface RunListRow {
  dagId: string;
  runId: string;
  state: string;
  runType: string;
  logicalDate: number;
  startDate: number | null;
  endDate: number | null;
  /** End minus start, or so far for an unfinished run; null before it starts. */
  durationMs: number | null;
}

/** The runs page's filters as the form holds them (strings; "" for none). */
export interface RunListFilters {
  dagId: string;
  state: string;
  runType: string;
  /** `datetime-local` values, UTC. */
  logicalDateFrom: string;
  logicalDateTo: string;
  sort: string;
}

/** Everything the runs page shows. */
export interface RunsPageProps {
  rows: RunListRow[];
  total: number;
  offset: number;
  limit: number;
  filters: RunListFilters;
  states: readonly string[];
  runTypes: readonly string[];
  /** Sort choices: value and label. */
  sorts: [string, string][];
}

/** The query string of the runs page's filters (without the offset). */
export function runListQuery(filters: RunListFilters): string {
  return queryOf({
    dag_id: filters.dagId,
    state: filters.state,
    run_type: filters.runType,
    logical_date_from: filters.logicalDateFrom,
    logical_date_to: filters.logicalDateTo,
    sort: filters.sort,
  });
}

/** DAG runs across all DAGs, filtered, sorted and paged. */
export function RunsPage(props: RunsPageProps) {
  const { filters } = props;
  const filtered = Object.entries(filters).some(([name, value]) => name !== "sort" && value !== "");
  return (
    <div>
      <PageHeader title="DAG runs" subtitle="Runs of every DAG. Times are UTC." />
      <FilterForm action="/runs" filtered={filtered} id="run-filters">
        <TextField label="DAG id" name="dag_id" value={filters.dagId} placeholder="exact id" />
        <SelectField
          label="State"
          name="state"
          value={filters.state}
          options={[["", "any"], ...props.states.map((state): [string, string] => [state, state])]}
        />
        <SelectField
          label="Run type"
          name="run_type"
          value={filters.runType}
          options={[["", "any"], ...props.runTypes.map((type): [string, string] => [type, type])]}
        />
        <TextField
          label="Logical date from"
          name="logical_date_from"
          type="datetime-local"
          value={filters.logicalDateFrom}
        />
        <TextField
          label="Logical date to"
          name="logical_date_to"
          type="datetime-local"
          value={filters.logicalDateTo}
        />
        <SelectField label="Sort" name="sort" value={filters.sort} options={props.sorts} />
      </FilterForm>
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="run-list">
          <thead class={TABLE.head}>
            <tr>
              {["DAG", "Run id", "State", "Run type", "Logical date", "Start", "End", "Duration"]
                .map((name) => <th key={name} class={TABLE.headCell} scope="col">{name}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 && (
              <EmptyRow columns={8}>
                {filtered ? "No run matches these filters." : "No DAG runs yet."}
              </EmptyRow>
            )}
            {props.rows.map((row) => (
              <tr key={`${row.dagId}/${row.runId}`} class={TABLE.row} data-run-id={row.runId}>
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
                  <StateBadge state={row.state} />
                </td>
                <td class={TABLE.cell}>{row.runType}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.logicalDate)}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.startDate)}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.endDate)}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatDuration(row.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        path={`/runs${runListQuery(filters)}`}
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </div>
  );
}
