/**
 * Opening the store a database URL names, with its schema migrated.
 *
 * @module
 */

import { SqliteStore, type Store } from "../store/mod.ts";
import { ConfigError, type UpdraftConfig } from "./config.ts";

/** The SQLite file a database URL names, or an error for what is not supported. */
export function sqlitePath(databaseUrl: string): string {
  if (/^(postgres|postgresql):\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `UPDRAFT_DATABASE_URL: PostgreSQL (${databaseUrl.split("@").pop()}) is not supported by ` +
        "this version yet; use sqlite:<path>",
    );
  }
  const path = databaseUrl.replace(/^sqlite:(\/\/)?/, "");
  if (path === "") throw new ConfigError("UPDRAFT_DATABASE_URL: the SQLite path is empty");
  return path;
}

/** Open the configured store and bring its schema up to date. */
export async function openStore(
  config: Pick<UpdraftConfig, "databaseUrl" | "defaultPoolSlots">,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const path = sqlitePath(config.databaseUrl);
  if (path !== ":memory:") {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    await Deno.mkdir(folder || "/", { recursive: true });
  }
  const store = SqliteStore.open(path, { defaultPoolSlots: config.defaultPoolSlots });
  if (options.migrate ?? true) await store.migrate();
  return store;
}
