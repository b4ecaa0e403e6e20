/**
 * Configuration: the defaults in one place, then an optional config file, then the environment,
 * then command-line flags; each later source wins. Every value is validated, and an invalid one
 * is reported with where it came from.
 *
 * @module
 */

import { z } from "zod";
import { MultiFernet } from "../core/mod.ts";

/** Updraft's settings. */
export interface UpdraftConfig {
  /** The home folder: database, logs, keys. */
  home: string;
  dagsFolder: string;
  /** `sqlite:<path>` (or a plain path); default `<home>/updraft.db`. */
  databaseUrl: string;
  logsFolder: string;
  host: string;
  port: number;
  /** Whether DAGs new to Updraft start paused (Airflow's `dags_are_paused_at_creation`). */
  pausedAtCreation: boolean;
  parallelism: number;
  maxActiveRunsPerDag: number;
  maxActiveTasksPerDag: number;
  defaultPoolSlots: number;
  parseTimeoutMs: number;
  rescanIntervalMs: number;
  xcomMaxBytes: number;
  /** Sandbox host processes the executor runs tasks in. */
  executorProcesses: number;
  /** A sandbox host without work for this long exits, freeing its memory; 0 keeps hosts. */
  sandboxHostIdleMs: number;
  /** Heap limit of each sandbox host process, in MB. */
  sandboxMemoryMb: number;
  /** Ready sandboxes kept per host, so tasks do not wait for one to boot. */
  prebootedSandboxes: number;
  /** The first admin's password; generated and printed once when absent. */
  adminPassword: string | null;
  /**
   * The key that signs dashboard sessions and API bearer tokens (≥ 32 characters); default:
   * generated once into `<home>/secret_key`. Processes that share a database share it too.
   */
  secretKey: string | null;
  /**
   * The Fernet key(s) that encrypt connection passwords and extras and variable values at
   * rest, as Airflow's `fernet_key`: url-safe base64 of 32 bytes, or `new,old,…` while rotating
   * (see `updraft rotate-fernet-key`); default: generated once into `<home>/fernet_key`.
   */
  fernetKey: string | null;
}

/**
 * Where each setting can come from: its config-file key is the field name. A `secret` setting's
 * invalid value is not repeated in the error, so it does not reach logs.
 */
const SETTINGS: { key: keyof UpdraftConfig; env: string; schema: z.ZodType; secret?: boolean }[] = [
  { key: "home", env: "UPDRAFT_HOME", schema: z.string().min(1) },
  { key: "dagsFolder", env: "UPDRAFT_DAGS_FOLDER", schema: z.string().min(1) },
  { key: "databaseUrl", env: "UPDRAFT_DATABASE_URL", schema: z.string().min(1) },
  { key: "logsFolder", env: "UPDRAFT_LOGS_FOLDER", schema: z.string().min(1) },
  { key: "host", env: "UPDRAFT_HOST", schema: z.string().min(1) },
  { key: "port", env: "UPDRAFT_PORT", schema: z.coerce.number().int().min(0).max(65535) },
  { key: "pausedAtCreation", env: "UPDRAFT_DAGS_ARE_PAUSED_AT_CREATION", schema: booleanSchema() },
  { key: "parallelism", env: "UPDRAFT_PARALLELISM", schema: positiveInteger() },
  { key: "maxActiveRunsPerDag", env: "UPDRAFT_MAX_ACTIVE_RUNS_PER_DAG", schema: positiveInteger() },
  {
    key: "maxActiveTasksPerDag",
    env: "UPDRAFT_MAX_ACTIVE_TASKS_PER_DAG",
    schema: positiveInteger(),
  },
  { key: "defaultPoolSlots", env: "UPDRAFT_DEFAULT_POOL_SLOTS", schema: positiveInteger() },
  { key: "parseTimeoutMs", env: "UPDRAFT_PARSE_TIMEOUT_MS", schema: positiveInteger() },
  { key: "rescanIntervalMs", env: "UPDRAFT_RESCAN_INTERVAL_MS", schema: positiveInteger() },
  { key: "xcomMaxBytes", env: "UPDRAFT_XCOM_MAX_BYTES", schema: positiveInteger() },
  { key: "executorProcesses", env: "UPDRAFT_EXECUTOR_PROCESSES", schema: positiveInteger() },
  {
    key: "sandboxHostIdleMs",
    env: "UPDRAFT_SANDBOX_HOST_IDLE_MS",
    schema: z.coerce.number().int().min(0),
  },
  { key: "sandboxMemoryMb", env: "UPDRAFT_SANDBOX_MEMORY_MB", schema: positiveInteger() },
  {
    key: "prebootedSandboxes",
    env: "UPDRAFT_PREBOOTED_SANDBOXES",
    schema: z.coerce.number().int().min(0),
  },
  {
    key: "adminPassword",
    env: "UPDRAFT_ADMIN_PASSWORD",
    schema: z.string().min(8).nullable(),
    secret: true,
  },
  {
    key: "secretKey",
    env: "UPDRAFT_SECRET_KEY",
    schema: z.string().min(32).nullable(),
    secret: true,
  },
  { key: "fernetKey", env: "UPDRAFT_FERNET_KEY", schema: fernetKeySchema(), secret: true },
];

/** The defaults for a home folder; paths inside it follow the home. */
export function defaultConfig(home = "./.updraft"): UpdraftConfig {
  return {
    home,
    dagsFolder: `${home}/dags`,
    databaseUrl: `sqlite:${home}/updraft.db`,
    logsFolder: `${home}/logs`,
    host: "0.0.0.0",
    port: 8080,
    pausedAtCreation: true,
    parallelism: 32,
    maxActiveRunsPerDag: 16,
    maxActiveTasksPerDag: 16,
    defaultPoolSlots: 128,
    parseTimeoutMs: 30_000,
    rescanIntervalMs: 10_000,
    xcomMaxBytes: 1_048_576,
    executorProcesses: 2,
    sandboxHostIdleMs: 60_000,
    sandboxMemoryMb: 1024,
    prebootedSandboxes: 2,
    adminPassword: null,
    secretKey: null,
    fernetKey: null,
  };
}

/** Raised for an invalid setting; the message names its source. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Inputs to {@link loadConfig}. */
export interface ConfigSources {
  /** Values from command-line flags (already parsed; undefined = not given). */
  flags?: Partial<Record<keyof UpdraftConfig, string | number | boolean | undefined>>;
  /** The environment; default `Deno.env.toObject()`. */
  env?: Record<string, string>;
  /** A config file path; default `<home>/updraft.json` when it exists. */
  configFile?: string;
}

/** Resolve the configuration from every source. */
export async function loadConfig(sources: ConfigSources = {}): Promise<UpdraftConfig> {
  const env = sources.env ?? Deno.env.toObject();
  const flags = sources.flags ?? {};
  const home = String(flags.home ?? env.UPDRAFT_HOME ?? "./.updraft");
  const config = defaultConfig(home);
  const explicitFile = sources.configFile ?? env.UPDRAFT_CONFIG;
  const file = await readConfigFile(
    explicitFile ?? `${home}/updraft.json`,
    explicitFile !== undefined,
  );
  const apply = (layer: Record<string, unknown>, describe: (key: string) => string) => {
    for (const setting of SETTINGS) {
      const raw = layer[setting.key];
      if (raw === undefined) continue;
      const parsed = setting.schema.safeParse(raw);
      if (!parsed.success) {
        throw new ConfigError(
          `${describe(setting.key)}: ${parsed.error.issues[0]?.message ?? "invalid"} (got ${
            setting.secret ? "a value not shown here" : JSON.stringify(raw)
          })`,
        );
      }
      (config as unknown as Record<string, unknown>)[setting.key] = parsed.data;
    }
  };
  if (file) apply(file.values, (key) => `${file.path}: "${key}"`);
  const fromEnv: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    if (env[setting.env] !== undefined) fromEnv[setting.key] = env[setting.env];
  }
  apply(fromEnv, (key) => SETTINGS.find((s) => s.key === key)!.env);
  apply(flags, (key) => `--${kebab(key)}`);
  // Paths that were not set follow the home folder, wherever it came from.
  const defaults = defaultConfig(config.home);
  for (const key of ["dagsFolder", "databaseUrl", "logsFolder"] as const) {
    const given = flags[key] ?? fromEnv[key] ?? file?.values[key];
    if (given === undefined) config[key] = defaults[key];
  }
  return config;
}

async function readConfigFile(
  path: string,
  required: boolean,
): Promise<{ path: string; values: Record<string, unknown> } | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && !required) return null;
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw new ConfigError(`the config file ${path} must hold a JSON object`);
  }
  const known = new Set(SETTINGS.map((s) => s.key as string));
  const unknown = Object.keys(values).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `the config file ${path} has unknown setting(s) ${
        unknown.map((k) => `"${k}"`).join(", ")
      }; known: ${[...known].join(", ")}`,
    );
  }
  return { path, values: values as Record<string, unknown> };
}

/** The environment variable of each setting, for help texts and the README. */
export function settingsTable(): { key: string; env: string; default: unknown }[] {
  const defaults = defaultConfig();
  return SETTINGS.map((s) => ({ key: s.key, env: s.env, default: defaults[s.key] }));
}

/** A key list {@link MultiFernet} reads; its error says what is wrong (length, alphabet). */
function fernetKeySchema() {
  return z.string().nullable().superRefine((text, context) => {
    if (text === null) return;
    try {
      MultiFernet.fromText(text);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
    }
  });
}

function positiveInteger() {
  return z.coerce.number().int().positive();
}

function booleanSchema() {
  return z.union([
    z.boolean(),
    z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) =>
      ["true", "1", "yes"].includes(v)
    ),
  ]);
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
