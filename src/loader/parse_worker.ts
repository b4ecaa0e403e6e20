/**
 * The parse sandbox: a Worker with no permissions that evaluates one DAG bundle and posts back
 * its DAG definitions, or what went wrong. Started by `parseDagFile`; a Worker parses files in
 * turn while each leaves it clean (`_parse_guard.ts`).
 *
 * @module
 */

/// <reference lib="deno.worker" />

import vm from "node:vm";
import { type CallSite, callSiteOf } from "../sdk/runtime/mod.ts";
import {
  BUNDLE_SCRIPT_NAME,
  collectDefinitions,
  installSdkModules,
  MODULES_GLOBAL,
} from "../sdk/runtime/mod.ts";
import type { ParseReply, ParseRequest } from "./_parse_protocol.ts";
import { SCRIPT_EXPORTS_KEY } from "./_script.ts";
import { ParseGuard } from "./_parse_guard.ts";
import { PROVIDER_MODULES } from "../../providers/installed.ts";

installSdkModules(PROVIDER_MODULES);
const exportsKey = Symbol.for(SCRIPT_EXPORTS_KEY);

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  let reply: ParseReply;
  try {
    const moduleExports = evaluateScript(request) ?? await importModule(request.url);
    reply = { ok: true, dags: collectDefinitions(moduleExports, request.fileloc) };
  } catch (error) {
    reply = { ok: false, error: describe(error) };
  }
  // Let the file's pending promise callbacks run before the Worker is judged reusable.
  await new Promise((resolve) => setTimeout(resolve, 0));
  self.postMessage({ ...reply, reusable: reply.ok && guard.isClean() } satisfies ParseReply);
};
// The baseline is taken once the Worker is fully set up (its message handler included).
const guard = new ParseGuard(sdkObjects());

/** The SDK's module table, its modules and what they export, with their prototypes. */
function sdkObjects(): object[] {
  const table = (globalThis as unknown as Record<symbol, Record<string, object>>)[MODULES_GLOBAL];
  const objects: object[] = [table];
  for (const namespace of Object.values(table)) {
    objects.push(namespace);
    for (const value of Object.values(namespace)) {
      if (typeof value !== "function" && (typeof value !== "object" || value === null)) continue;
      objects.push(value);
      if (typeof value === "function" && value.prototype) objects.push(value.prototype);
    }
  }
  return objects;
}

/** Run the script form under the time limit; null when there is none or it does not compile. */
function evaluateScript(request: ParseRequest): Record<string, unknown> | null {
  if (request.script === null) return null;
  let script: vm.Script;
  try {
    script = new vm.Script(request.script, { filename: BUNDLE_SCRIPT_NAME });
  } catch {
    return null; // e.g. top-level await: import the module instead
  }
  const holder = globalThis as unknown as Record<symbol, Record<string, unknown> | undefined>;
  try {
    script.runInThisContext({ timeout: request.timeoutMs, displayErrors: false });
    return holder[exportsKey] ?? {};
  } finally {
    delete holder[exportsKey]; // the next file's exports are its own
  }
}

async function importModule(url: string): Promise<Record<string, unknown>> {
  return await import(url);
}

function describe(error: unknown): Extract<ParseReply, { ok: false }>["error"] {
  if (!(error instanceof Error)) {
    return { name: "Error", message: `threw a non-Error value: ${String(error)}`, stack: null };
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack ?? null,
    callSite: shorten(callSiteOf(error)),
    definition: error.name === "DefinitionError",
    timedOut: (error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT" ||
      /^Script execution timed out/.test(error.message),
  };
}

/** Name the bundle "bundle" in a call site (the host knows which bundle it sent). */
function shorten(site: CallSite | null): CallSite | undefined {
  if (!site) return undefined;
  const inBundle = site.file.startsWith("data:") || site.file === BUNDLE_SCRIPT_NAME;
  return inBundle ? { ...site, file: "bundle" } : site;
}
