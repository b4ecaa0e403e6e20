/**
 * The DAG loader: bundle DAG files (esbuild-wasm's WebAssembly build, in an on-demand bundler
 * Worker that may read the DAG folder only), parse them in a permission-less Worker with a time
 * limit, validate what they define, and watch the DAG folder for changes.
 *
 * @module
 */

export { bundleDagFile, BundleError, type BundleOptions, type DagFileBundle } from "./bundle.ts";
export { DagBundler, type DagBundlerOptions } from "./bundler.ts";
export {
  dataUrl,
  parseDagFile,
  parseDagFileWithInputs,
  type ParseOptions,
  type ParseOutcome,
} from "./parse.ts";
export { ParseWorkers, type ParseWorkersOptions } from "./parse_workers.ts";
export { type DagFolderWatcher, watchDagFolder, type WatchOptions } from "./watch.ts";
export { dagDefinitionSchema, validateDefinitions } from "./schema.ts";
export { isDagFile } from "./_paths.ts";
