/**
 * What the task instance components show: plain data the HTTP layer builds from the store.
 *
 * @module
 */

import type { JsonObject, Permissions, TaskInstanceState, TaskKind } from "../../src/core/mod.ts";

/** One try of a task instance, from its recorded state changes. */
export interface TryRow {
  tryNumber: number;
  /** The state the try ended in (or is in now). */
  state: TaskInstanceState;
  start: number | null;
  end: number | null;
  durationMs: number | null;
  /** Known for the current try only. */
  hostname: string | null;
  /** The try was cleared afterwards. */
  cleared: boolean;
  /** Link to the panel with this try's log selected. */
  href: string;
  selected: boolean;
}

/** One dependency check and whether it passes now, in words. */
export interface DependencyCheck {
  /** Stable id for tests and anchors: `trigger_rule`, `pool`, … */
  id: string;
  title: string;
  passed: boolean;
  detail: string;
}

/** "Why is this task waiting?" */
export interface WaitingExplanation {
  /** False when the instance is not waiting (running, finished, queued): no checks apply. */
  applies: boolean;
  summary: string;
  checks: DependencyCheck[];
}

/** One XCom entry. */
export interface XComRow {
  key: string;
  /** The value as indented JSON. */
  json: string;
  timestamp: number;
}

/** The templated fields: as rendered for a try, or the raw templates before any rendering. */
export interface TemplateFieldsView {
  rendered: boolean;
  /** The try the fields were rendered for (the current one), when rendered. */
  renderedForTry: number | null;
  fields: JsonObject;
}

/** The log of the selected try. */
export interface TaskLogView {
  tryNumber: number;
  /** The text read so far; null when the try has no log (yet). */
  text: string | null;
  /** Only the end is shown (the log is long); the download has all of it. */
  truncated: boolean;
  /** Set while the try may still write: the SSE stream continuing after `text`. */
  streamUrl: string | null;
  downloadUrl: string;
}

/** URLs the panel links and posts to. */
export interface TaskInstanceLinks {
  /** The full page of this instance. */
  page: string;
  /** The live region's fragment. */
  fragment: string;
  /** The clear dry-run page (a GET form adds the options). */
  clear: string;
  /** The mark dry-run page (a GET form adds the state and options). */
  mark: string;
  /** Where to come back to after an action (the page showing the panel). */
  back: string;
  /** The DAG's page and the run's page. */
  dag: string;
}

/** Everything the panel shows about one task instance. */
export interface TaskInstancePanelProps {
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
  state: TaskInstanceState;
  runState: string;
  logicalDate: number;
  operator: string;
  /** Null when the run's DAG version has no such task (it was removed). */
  kind: TaskKind | null;
  pool: string;
  poolSlots: number;
  priorityWeight: number;
  queue: string;
  triggerRule: string | null;
  tryNumber: number;
  maxTries: number;
  note: string | null;
  tries: TryRow[];
  waiting: WaitingExplanation;
  xcoms: XComRow[];
  templates: TemplateFieldsView;
  /** The task definition's sandbox permissions; null when the task is not in the version. */
  permissions: Permissions | null;
  log: TaskLogView;
  links: TaskInstanceLinks;
}

/** The options of a clear or mark, as the dry-run and confirm forms carry them. */
export interface TaskActionOptions {
  upstream: boolean;
  downstream: boolean;
  past: boolean;
  future: boolean;
  /** Clear only. */
  onlyFailed: boolean;
}

/** The dry-run page of a clear or mark: what would change, and the form that does it. */
export interface TaskActionConfirmProps {
  action: "clear" | "mark";
  /** For mark: the new state. */
  state: "success" | "failed" | null;
  dagId: string;
  runId: string;
  taskId: string;
  options: TaskActionOptions;
  instances: { runId: string; taskId: string; mapIndex: number; state: TaskInstanceState }[];
  /** Where the confirm form posts. */
  confirmUrl: string;
  /** Where to go back to (cancel) and after confirming. */
  back: string;
}
