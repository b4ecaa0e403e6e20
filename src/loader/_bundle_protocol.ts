/**
 * The messages between a `DagBundler` and its bundler Worker (`bundle_worker.ts`).
 *
 * @module
 */

/** Host → worker: bundle one DAG file. */
export interface BundleRequest {
  /** Matches the reply to the request. */
  id: number;
  /** The DAG folder, absolute (no import may leave it). */
  folder: string;
  /** The DAG file, absolute. */
  file: string;
  /** The DAG file relative to the folder (its name in messages and in the source map). */
  fileloc: string;
  /** The DAG file's text, as the host read it. */
  source: string;
  /** Module names DAG files may import, each with its export names. */
  modules: Record<string, readonly string[]>;
  /** The `sourceRoot` of the inline source map. */
  sourceRoot: string;
}

/** Where a bundling problem is: a file relative to the DAG folder, 1-based line, 0-based column. */
export interface BundleLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem esbuild reported. */
export interface BundleMessage {
  text: string;
  location: BundleLocation | null;
}

/** Worker → host: the bundle, esbuild's errors, or why the bundler itself failed. */
export type BundleReply =
  | {
    id: number;
    ok: true;
    /** The ES module with its inline source map. */
    code: string;
    /** Absolute paths of every file the bundle was built from (the DAG file included). */
    inputs: string[];
  }
  | { id: number; ok: false; messages: BundleMessage[] }
  | { id: number; ok: false; failure: string };
