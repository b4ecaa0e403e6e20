/**
 * The runtime the sandboxes use: install the SDK for bundled DAG code, run a task or a callback,
 * classify what a task threw, serialize a parsed file's DAGs, map bundle positions back to the
 * user's files. Not part of what DAG files import.
 *
 * @module
 */

export { installSdkModules, MODULES_GLOBAL, sdkExportNames } from "./modules.ts";
export {
  exportedDags,
  findTask,
  runCallback,
  type RunCallbackRequest,
  runTask,
  type RunTaskRequest,
  type RunTaskResult,
  type SandboxHooks,
} from "./run_task.ts";
export { classifyTaskError, describeError, type ErrorOutcome } from "./classify.ts";
export { collectDefinitions } from "./definitions.ts";
export { buildContext, type BuiltContext, type ContextInput } from "./context.ts";
export {
  decodeMappings,
  type OriginalPosition,
  originalPosition,
  parseInlineSourceMap,
  type SourceMap,
} from "./source_map.ts";
export { BUNDLE_SCRIPT_NAME, BUNDLE_SOURCE_ROOT, mapStack, stackPositions } from "./stack.ts";
export { attachedCallSite as callSiteOf, type CallSite } from "../_call_site.ts";
export { setTrustedEvaluation } from "../_evaluation.ts";
