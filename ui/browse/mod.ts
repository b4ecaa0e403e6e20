/**
 * Pages that browse across all DAGs: DAG runs, task instances, import errors, and the REST API
 * in words.
 *
 * @module
 */

export {
  type RunListFilters,
  runListQuery,
  type RunListRow,
  RunsPage,
  type RunsPageProps,
} from "./RunsPage.tsx";
export {
  type TaskInstanceListFilters,
  taskInstanceListQuery,
  type TaskInstanceListRow,
  TaskInstancesPage,
  type TaskInstancesPageProps,
} from "./TaskInstancesPage.tsx";
export {
  type ImportErrorEntry,
  ImportErrorsPage,
  type ImportErrorsPageProps,
} from "./ImportErrorsPage.tsx";
export {
  type ApiGroup,
  type ApiOperation,
  ApiPage,
  type ApiPageProps,
  type ApiParameter,
  type ApiResponse,
} from "./ApiPage.tsx";
