/**
 * What a command works with: its terminal, the configuration its flags select, and the store,
 * opened on first use and closed when the command ends.
 *
 * @module
 */

import { type Clock, type JsonObject, parseDate, systemClock } from "../core/mod.ts";
import {
  connectionTest,
  loadConfig,
  openStore,
  syncDagFolderOnce,
  type TestConnection,
  type UpdraftConfig,
} from "../app/mod.ts";
import type { DagWithDefinition, Store } from "../store/mod.ts";
import type { CommandInput } from "./_command.ts";
import { notFound, UsageError } from "./_errors.ts";
import type { Io, OutputFormat } from "./_output.ts";

/** One command's session. */
export class Session {
  /** The terminal. */
  readonly io: Io;
  /** The time source. */
  readonly clock: Clock;
  /** The command's name, for messages. */
  readonly commandName: string;
  /** Tests a connection with the provider that serves its type. */
  readonly testConnection: TestConnection;
  readonly #input: CommandInput;
  readonly #signal: AbortSignal | undefined;
  #config: Promise<UpdraftConfig> | null = null;
  #store: Promise<Store> | null = null;
  #interruption: { controller: AbortController; remove: () => void } | null = null;

  constructor(
    io: Io,
    input: CommandInput,
    options: {
      commandName: string;
      clock?: Clock;
      signal?: AbortSignal;
      testConnection?: TestConnection;
    },
  ) {
    this.io = io;
    this.#input = input;
    this.commandName = options.commandName;
    this.clock = options.clock ?? systemClock;
    this.testConnection = options.testConnection ?? connectionTest();
    this.#signal = options.signal;
  }

  /**
   * A signal that aborts on SIGINT or SIGTERM (or the signal `main` was given), for commands
   * that run until stopped; the signal handlers are removed when the session closes.
   */
  interruption(): AbortSignal {
    if (!this.#interruption) {
      const controller = new AbortController();
      const abort = () => controller.abort();
      const signals: Deno.Signal[] = Deno.build.os === "windows"
        ? ["SIGINT"]
        : ["SIGINT", "SIGTERM"];
      for (const name of signals) Deno.addSignalListener(name, abort);
      this.#signal?.addEventListener("abort", abort, { once: true });
      if (this.#signal?.aborted) abort();
      this.#interruption = {
        controller,
        remove: () => {
          for (const name of signals) Deno.removeSignalListener(name, abort);
          this.#signal?.removeEventListener("abort", abort);
        },
      };
    }
    return this.#interruption.controller.signal;
  }

  /** The output format `-o` asked for. */
  get format(): OutputFormat {
    return this.#input.flags.output === "json" ? "json" : "table";
  }

  /** The configuration from the global flags, the environment and the config file. */
  config(): Promise<UpdraftConfig> {
    const flags = this.#input.flags;
    return this.#config ??= loadConfig({
      env: this.io.env,
      flags: {
        home: stringFlag(flags.home),
        dagsFolder: stringFlag(flags["dags-folder"]),
        databaseUrl: stringFlag(flags["database-url"]),
        port: stringFlag(flags.port),
        host: stringFlag(flags.host),
        pausedAtCreation: flags["unpause-new-dags"] ? false : undefined,
      },
    });
  }

  /** The configured store, schema migrated; opened once. */
  store(): Promise<Store> {
    return this.#store ??= this.config().then((config) => openStore(config));
  }

  /** Read the DAG folder into the store, like Airflow parses the folder for its CLI. */
  async syncDags(store?: Store): Promise<void> {
    const config = await this.config();
    try {
      await Deno.stat(config.dagsFolder);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      this.io.err(`Note: the DAG folder ${config.dagsFolder} does not exist (see --dags-folder)\n`);
    }
    await syncDagFolderOnce(store ?? await this.store(), config, {
      clock: this.clock,
      log: (line) => {
        if (line.startsWith("DAG folder:")) this.io.err(`${line}\n`);
      },
    });
  }

  /**
   * A DAG by id; exit 3 when there is no such DAG. `sync` says when to read the DAG folder
   * first: `always` (default, for commands that show a DAG's structure), `missing` (only when
   * the store does not know the DAG), `never`. With `inactive`, a DAG whose file is gone is
   * found too (its runs remain).
   */
  async dag(
    dagId: string,
    action: string,
    options: { sync?: "always" | "missing" | "never"; inactive?: boolean } = {},
  ): Promise<DagWithDefinition> {
    const store = await this.store();
    const sync = options.sync ?? "always";
    const usable = (found: DagWithDefinition | null) =>
      found !== null && (found.dag.isActive || options.inactive === true);
    if (sync === "always") await this.syncDags(store);
    let found = await store.getDag(dagId);
    if (sync === "missing" && !usable(found)) {
      await this.syncDags(store);
      found = await store.getDag(dagId);
    }
    if (!found || !usable(found)) throw notFound(`${action}: no such DAG '${dagId}'`);
    return found;
  }

  /** Close what the session opened. */
  async close(): Promise<void> {
    this.#interruption?.remove();
    this.#interruption = null;
    const store = this.#store;
    this.#store = null;
    if (store) await (await store.catch(() => null))?.close();
  }

  /** A date flag or argument (UTC when it has no offset); a bad one names the flag. */
  date(text: string, where: string): number {
    return parseDate(text, where);
  }

  /** A JSON object flag; a bad one names the flag. */
  jsonObject(text: string, where: string): JsonObject {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(
        `${where}: not valid JSON: ${(error as Error).message}`,
        this.commandName,
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new UsageError(`${where}: must be a JSON object, got ${text}`, this.commandName);
    }
    return value as JsonObject;
  }
}

function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
