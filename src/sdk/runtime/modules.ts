/**
 * How sandboxes hand the SDK to bundled DAG code: a DAG bundle reads its `import … from
 * "updraft"` names from a global, because a permission-less Worker cannot import `file:`
 * modules from the `data:` URL the bundle is loaded from.
 *
 * @module
 */

import * as sdk from "../mod.ts";

/** The global key under which the module namespaces live: `Symbol.for("updraft.modules")`. */
export const MODULES_GLOBAL: unique symbol = Symbol.for("updraft.modules");

type ModuleTable = Record<string, Record<string, unknown>>;

/**
 * Put the SDK module namespace at `globalThis[MODULES_GLOBAL]["updraft"]`, plus `extra` modules
 * by name (providers add `"@updraft/http"` and the like). Call it at the top of every sandbox and
 * parse worker, before importing a bundle. Calling it again adds to the table.
 */
export function installSdkModules(extra: ModuleTable = {}): void {
  const holder = globalThis as unknown as Record<symbol, ModuleTable | undefined>;
  const table = holder[MODULES_GLOBAL] ?? {};
  table["updraft"] = sdk as unknown as Record<string, unknown>;
  for (const [name, namespace] of Object.entries(extra)) table[name] = namespace;
  holder[MODULES_GLOBAL] = table;
}

/** The export names of the SDK module, for the bundler's virtual `"updraft"` module. */
export function sdkExportNames(): string[] {
  return Object.keys(sdk).sort();
}
