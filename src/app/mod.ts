/**
 * The composition root: configuration, opening the store, keeping it in step with the DAG
 * folder, the all-in-one server, and the in-process engines behind `dags test`, `tasks test`
 * and `dags backfill`.
 *
 * @module
 */

export {
  ConfigError,
  type ConfigSources,
  defaultConfig,
  loadConfig,
  settingsTable,
  type UpdraftConfig,
} from "./config.ts";
export { openExistingStore, openStore, sqlitePath, type StoreConfig } from "./open_store.ts";
export { fernetKeyPath, loadFernetKey } from "./fernet_key.ts";
export {
  CONNECTION_TEST_TIMEOUT_MS,
  connectionTest,
  type ConnectionTester,
  type ConnectionTestOptions,
  type ConnectionTestResult,
  installedConnectionTesters,
  PROVIDER_OF_CONN_TYPE,
  providerConnectionTesters,
  type TestConnection,
} from "./connection_testers.ts";
export { type DagSync, type DagSyncOptions, startDagSync, syncDagFolderOnce } from "./dag_sync.ts";
export { type RunningServer, type ServeOptions, startServer } from "./server.ts";
export { schedulingLimits } from "./limits.ts";
export { VERSION } from "./version.ts";
export {
  createExecutor,
  type InProcessConfig,
  readWholeLog,
  requireDag,
  type RunProgress,
  runToCompletion,
  type RunToCompletionOptions,
  scratchStore,
  type SecretsSource,
  type TaskReport,
} from "./in_process.ts";
export {
  type DagTestOptions,
  type DagTestRequest,
  type DagTestResult,
  testDag,
} from "./dag_test.ts";
export {
  type TaskTestOptions,
  type TaskTestRequest,
  type TaskTestResult,
  testTask,
} from "./task_test.ts";
export {
  type BackfillDate,
  type BackfillResult,
  type BackfillRunOptions,
  previewBackfill,
  runBackfill,
} from "./backfill_run.ts";
