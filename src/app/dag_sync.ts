/**
 * Keeping the store in step with the DAG folder: every parsed file is recorded (new versions,
 * import errors), every deleted file forgotten, and the scheduler woken.
 *
 * @module
 */

import type { Clock, ParsedFile } from "../core/mod.ts";
import { watchDagFolder } from "../loader/mod.ts";
import type { Store } from "../store/mod.ts";
import type { UpdraftConfig } from "./config.ts";

/** A running sync. */
export interface DagSync {
  /** Resolves once the whole folder was read the first time. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Options of a sync. */
export interface DagSyncOptions {
  clock: Clock;
  log: (line: string) => void;
  /** Called after each recorded change. */
  afterChange?: () => void;
}

/** Watch the DAG folder and record what it holds. */
export function startDagSync(
  store: Store,
  config: Pick<
    UpdraftConfig,
    "dagsFolder" | "rescanIntervalMs" | "parseTimeoutMs" | "pausedAtCreation"
  >,
  options: DagSyncOptions,
): DagSync {
  const { clock, log } = options;
  const record = async (file: ParsedFile) => {
    const result = await store.recordParsedFile(file, {
      now: clock.now(),
      pausedAtCreation: config.pausedAtCreation,
    });
    if (!file.ok) log(`Import error in ${file.fileloc}: ${file.message}`);
    for (const dagId of result.added) log(`DAG '${dagId}' added from ${file.fileloc}`);
    for (const dagId of result.updated) log(`DAG '${dagId}' updated from ${file.fileloc}`);
    for (const dagId of result.deactivated) log(`DAG '${dagId}' is no longer in ${file.fileloc}`);
    for (const conflict of result.conflicts) {
      log(
        `Import error in ${file.fileloc}: DAG '${conflict.dagId}' is already defined in ${conflict.fileloc}`,
      );
    }
    options.afterChange?.();
  };
  const forget = async (fileloc: string) => {
    const dagIds = await store.forgetFile(fileloc, clock.now());
    if (dagIds.length > 0) {
      log(`${fileloc} was deleted: DAG(s) ${dagIds.join(", ")} are now inactive`);
    }
    options.afterChange?.();
  };
  const watcher = (async () => {
    const known = await store.listKnownFiles();
    return watchDagFolder(config.dagsFolder, {
      onParsed: record,
      onDeleted: forget,
      knownFiles: known.map((file) => file.fileloc),
      rescanIntervalMs: config.rescanIntervalMs,
      parseTimeoutMs: config.parseTimeoutMs,
      onError: (error) =>
        log(`DAG folder: ${error instanceof Error ? error.message : String(error)}`),
    });
  })();
  return {
    ready: watcher.then((started) => started.ready),
    // Stop without waiting for a first read of a large folder to finish.
    close: async () => await (await watcher.catch(() => null))?.close(),
  };
}

/** Read the DAG folder once into the store (for CLI commands run without a server). */
export async function syncDagFolderOnce(
  store: Store,
  config: Pick<
    UpdraftConfig,
    "dagsFolder" | "rescanIntervalMs" | "parseTimeoutMs" | "pausedAtCreation"
  >,
  options: Pick<DagSyncOptions, "clock" | "log">,
): Promise<void> {
  const sync = startDagSync(store, config, options);
  try {
    await sync.ready;
  } finally {
    await sync.close();
  }
}
