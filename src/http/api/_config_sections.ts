/**
 * The effective configuration as Airflow's `Config` object: options grouped into sections named
 * like Airflow's (`core`, `database`, `webserver`, …), values as text, and every secret hidden.
 * A nested object in the configuration is a section of its own.
 *
 * @module
 */

/** What Airflow shows in place of a sensitive value. */
export const HIDDEN = "< hidden >";

/** A section of options, values as text. */
export interface ConfigSection {
  name: string;
  options: { key: string; value: string }[];
}

/** Where Updraft's settings sit among Airflow's sections; anything else is in `core`. */
const SECTION_OF: Readonly<Record<string, string>> = {
  databaseUrl: "database",
  logsFolder: "logging",
  host: "webserver",
  port: "webserver",
  secretKey: "webserver",
  adminPassword: "webserver",
  rescanIntervalMs: "scheduler",
  parseTimeoutMs: "scheduler",
  executorProcesses: "executor",
  sandboxHostIdleMs: "executor",
  sandboxMemoryMb: "executor",
  prebootedSandboxes: "executor",
};

const SECTION_ORDER = ["core", "database", "logging", "webserver", "scheduler", "executor"];

/** Words that make a key sensitive, wherever they appear in it (camelCase, `_`, `-`, `.`). */
const SENSITIVE_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "secret",
  "key",
  "apikey",
  "token",
  "credential",
  "credentials",
  "private",
  "fernet",
]);

/** Values that carry a secret whatever their key: URLs with a password, `password=…`, keys. */
const SENSITIVE_VALUES = [
  /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]*:[^/?#@\s]*@/i,
  /(?:^|[\s;&?,])(?:password|passwd|pwd|secret|token|api[_-]?key)\s*=/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  // A list or object value, as JSON, with a secret-sounding key inside.
  /"[^"]*(?:password|passwd|secret|token|api_?key|private)[^"]*"\s*:/i,
];

/** Whether a key names a secret (`adminPassword`, `secret_key`, `api-token`). */
export function isSensitiveKey(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_.\-]+/);
  return words.some((word) => SENSITIVE_WORDS.has(word));
}

/** Whether a value holds a secret (a URL with credentials, a password assignment, a key). */
export function isSensitiveValue(value: string): boolean {
  return SENSITIVE_VALUES.some((pattern) => pattern.test(value));
}

/** Group a configuration into sections, secrets hidden. */
export function configSections(config: Readonly<Record<string, unknown>>): ConfigSection[] {
  const sections = new Map<string, ConfigSection>();
  const add = (section: string, key: string, value: unknown) => {
    let entry = sections.get(section);
    if (!entry) sections.set(section, entry = { name: section, options: [] });
    entry.options.push({ key, value: shown(key, value) });
  };
  for (const [key, value] of Object.entries(config)) {
    if (isPlainObject(value)) {
      for (const [option, inner] of Object.entries(value)) add(key, option, inner);
    } else {
      add(SECTION_OF[key] ?? "core", key, value);
    }
  }
  const rank = (name: string) => {
    const index = SECTION_ORDER.indexOf(name);
    return index === -1 ? SECTION_ORDER.length : index;
  };
  return [...sections.values()].sort((a, b) => rank(a.name) - rank(b.name));
}

/** Airflow's text form: `[section]` then `key = value` lines, sections apart by a blank line. */
export function configText(sections: ConfigSection[]): string {
  return sections.map((section) =>
    `[${section.name}]\n${
      section.options.map((option) => `${option.key} = ${option.value}`).join("\n")
    }\n`
  ).join("\n");
}

function shown(key: string, value: unknown): string {
  const text = value === null || value === undefined
    ? ""
    : typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
  return isSensitiveKey(key) || isSensitiveValue(text) ? HIDDEN : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
