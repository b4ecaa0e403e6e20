/**
 * Opening the store a database URL names, with its schema migrated.
 *
 * @module
 */

import { SqliteStore, type Store } from "../store/mod.ts";
import { ConfigError, type UpdraftConfig } from "./config.ts";
import { loadFernetKey } from "./fernet_key.ts";

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

/** The settings opening the store reads. */
export type StoreConfig = Pick<
  UpdraftConfig,
  "databaseUrl" | "defaultPoolSlots" | "home" | "fernetKey"
>;

/**
 * Open the configured store with the Fernet key that encrypts connection secrets and variables
 * at rest (the configured keys, else `<home>/fernet_key`, created on first start) and bring its
 * schema up to date, which encrypts any secret still stored as plaintext.
 */
export async function openStore(
  config: StoreConfig,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const path = sqlitePath(config.databaseUrl);
  if (path !== ":memory:") {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    await Deno.mkdir(folder || "/", { recursive: true });
  }
  const store = SqliteStore.open(path, {
    defaultPoolSlots: config.defaultPoolSlots,
    cipher: await loadFernetKey(config),
  });
  if (options.migrate ?? true) await store.migrate();
  return store;
}

/**
 * The configured store when its database file already exists, else null (nothing is created):
 * what `dags test` and `tasks test` read connections and variables from, as Airflow's do.
 */
export async function openExistingStore(config: Partial<StoreConfig>): Promise<Store | null> {
  const { databaseUrl, defaultPoolSlots, home, fernetKey } = config;
  if (databaseUrl === undefined || home === undefined) return null;
  const path = sqlitePath(databaseUrl);
  if (path === ":memory:") return null;
  try {
    if (!(await Deno.stat(path)).isFile) return null;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  return await openStore({
    databaseUrl,
    home,
    fernetKey: fernetKey ?? null,
    defaultPoolSlots: defaultPoolSlots ?? 128,
  });
}
