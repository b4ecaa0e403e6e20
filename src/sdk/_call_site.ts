/**
 * Where in the user's code a `dag()` or task builder was called. Captured from V8's structured
 * call sites, so no stack text (which would repeat a bundle's whole data: URL) is built.
 *
 * @module
 */

/** A position in the code that called the SDK; `file` is the module's URL or path. */
export interface CallSite {
  file: string;
  line: number;
  column: number;
}

interface V8CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

type StackHooks = {
  prepareStackTrace?: (error: Error, sites: V8CallSite[]) => unknown;
  captureStackTrace(target: object, constructorOpt?: unknown): void;
  stackTraceLimit: number;
};

/** Enough frames to get past the SDK's own (a builder is at most a few calls deep). */
const FRAMES = 12;

const SDK_FOLDER = new URL(".", import.meta.url);
const SDK_MARKERS = [SDK_FOLDER.href, decodeURIComponent(SDK_FOLDER.pathname)];

let capturing = true;

/**
 * Turn capturing on or off. A task's sandbox turns it off: the DAG file was validated when it
 * was parsed, and capturing for every builder call was most of the cost of evaluating a large
 * DAG file again for each task.
 */
export function setCallSiteCapture(enabled: boolean): void {
  capturing = enabled;
}

/**
 * The first caller outside the SDK, or null when capturing is off or V8's call sites are not
 * available.
 */
export function captureCallSite(): CallSite | null {
  if (!capturing) return null;
  const hooks = Error as unknown as StackHooks;
  const previous = hooks.prepareStackTrace;
  const hadOwn = Object.hasOwn(hooks, "prepareStackTrace");
  const previousLimit = hooks.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  let sites: unknown;
  try {
    hooks.prepareStackTrace = (_error, callSites) => callSites;
    hooks.stackTraceLimit = FRAMES;
    hooks.captureStackTrace(holder, captureCallSite);
    sites = holder.stack; // V8 formats the stack lazily: read it while the hook is in place
  } finally {
    // Leave Error as it was: no own `prepareStackTrace` where there was none.
    if (!hadOwn) delete hooks.prepareStackTrace;
    else hooks.prepareStackTrace = previous;
    hooks.stackTraceLimit = previousLimit;
  }
  if (!Array.isArray(sites)) return null;
  for (const site of sites as V8CallSite[]) {
    const file = site.getFileName?.();
    if (!file || isSdkFile(file)) continue;
    return { file, line: site.getLineNumber() ?? 0, column: site.getColumnNumber() ?? 0 };
  }
  return null;
}

const CALL_SITE = Symbol.for("updraft.callSite");

function isSdkFile(file: string): boolean {
  return SDK_MARKERS.some((marker) => file.startsWith(marker)) && !file.endsWith("_test.ts");
}

/** Attach the call site an error is about (when it is not where the error was thrown). */
export function attachCallSite<E extends Error>(error: E, site: CallSite | null): E {
  if (site) Object.defineProperty(error, CALL_SITE, { value: site, enumerable: false });
  return error;
}

/** The call site attached by {@link attachCallSite}, if any. */
export function attachedCallSite(error: unknown): CallSite | null {
  if (typeof error !== "object" || error === null) return null;
  return (error as Record<symbol, CallSite | undefined>)[CALL_SITE] ?? null;
}
