import { DAG_RUN_STATES, RUN_TYPES } from "../../src/core/mod.ts";
import {
  BUTTON,
  formatDuration,
  formatTime,
  INPUT,
  LINK,
  Pagination,
  StateBadge,
  TABLE,
} from "../components/mod.ts";
import { dagPageUrl, type RunsTabProps } from "./props.ts";

const ROW_SELECTED = "border-b border-gray-100 bg-sky-50 dark:border-gray-800 dark:bg-sky-900";

/** The DAG's runs, newest first, filtered by state and run type, a page at a time. */
export function RunsTable(props: RunsTabProps) {
  const { dagId, filters } = props;
  const query = {
    tab: "runs",
    state: filters.state,
    run_type: filters.runType,
    limit: props.limit === 25 ? null : props.limit,
  };
  return (
    <section class="space-y-2" id="dag-runs" data-testid="dag-runs">
      <form method="get" action={dagPageUrl(dagId)} class="flex flex-wrap items-end gap-3 text-sm">
        <input type="hidden" name="tab" value="runs" />
        <label class="flex flex-col gap-0.5">
          <span>State</span>
          <select name="state" class={INPUT} id="runs-filter-state">
            <option value="">any</option>
            {DAG_RUN_STATES.map((state) => (
              <option key={state} value={state} selected={filters.state === state}>{state}</option>
            ))}
          </select>
        </label>
        <label class="flex flex-col gap-0.5">
          <span>Run type</span>
          <select name="run_type" class={INPUT} id="runs-filter-type">
            <option value="">any</option>
            {RUN_TYPES.map((type) => (
              <option key={type} value={type} selected={filters.runType === type}>{type}</option>
            ))}
          </select>
        </label>
        <button type="submit" class={BUTTON.plain}>Filter</button>
      </form>
      {props.runs.length === 0
        ? <p class="py-4 text-sm text-gray-500">No runs match.</p>
        : (
          <div class="overflow-x-auto">
            <table class={TABLE.table}>
              <thead class={TABLE.head}>
                <tr>
                  <th scope="col" class={TABLE.headCell}>Run</th>
                  <th scope="col" class={TABLE.headCell}>State</th>
                  <th scope="col" class={TABLE.headCell}>Type</th>
                  <th scope="col" class={TABLE.headCell}>Logical date</th>
                  <th scope="col" class={TABLE.headCell}>Started</th>
                  <th scope="col" class={TABLE.headCell}>Ended</th>
                  <th scope="col" class={TABLE.headCell}>Duration</th>
                </tr>
              </thead>
              <tbody>
                {props.runs.map((run) => (
                  <tr
                    key={run.runId}
                    class={run.runId === props.selection.runId ? ROW_SELECTED : TABLE.row}
                    data-run-id={run.runId}
                  >
                    <td class={TABLE.cell}>
                      <a
                        class={`${LINK} break-all`}
                        href={dagPageUrl(dagId, {
                          ...query,
                          offset: props.offset || null,
                          run_id: run.runId,
                        })}
                      >
                        {run.runId}
                      </a>
                    </td>
                    <td class={TABLE.cell}>
                      <StateBadge state={run.state} />
                    </td>
                    <td class={TABLE.cell}>{run.runType}</td>
                    <td class={TABLE.cell}>{formatTime(run.logicalDate)}</td>
                    <td class={TABLE.cell}>{formatTime(run.startDate)}</td>
                    <td class={TABLE.cell}>{formatTime(run.endDate)}</td>
                    <td class={TABLE.cell}>
                      {run.startDate !== null && run.endDate !== null
                        ? formatDuration(run.endDate - run.startDate)
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <Pagination
        path={dagPageUrl(dagId, query)}
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </section>
  );
}
