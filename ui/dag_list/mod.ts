/**
 * The DAGs page (list, filters, pause switches, trigger buttons, import error summary) and the
 * trigger form.
 *
 * @module
 */

export {
  DAG_STATUS_FILTERS,
  type DagListFilters,
  dagListQuery,
  type DagListSort,
  dagListUrl,
  type DagStatusFilter,
  NO_DAG_FILTERS,
} from "./dag_list_filters.ts";
export {
  DAG_TABLE_FRAGMENT_PATH,
  type DagListRow,
  type DagListView,
  DagTableRegion,
  type RecentRun,
} from "./DagTable.tsx";
export { DagListPage, type DagListPageProps } from "./DagListPage.tsx";
export { type ImportErrorItem, ImportErrorSummary } from "./ImportErrorSummary.tsx";
export { PauseToggle, QuickTrigger } from "./DagRowControls.tsx";
export { TriggerPage, type TriggerPageProps } from "./TriggerPage.tsx";
