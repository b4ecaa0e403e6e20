/**
 * The task instance panel (state, tries, "why is this task waiting?", XCom, templates,
 * permissions, clear and mark) with the selected try's live log, and the dry-run page of clear
 * and mark.
 *
 * @module
 */

export type {
  DependencyCheck,
  TaskActionConfirmProps,
  TaskActionOptions,
  TaskInstanceLinks,
  TaskInstancePanelProps,
  TaskLogView,
  TemplateFieldsView,
  TryRow,
  WaitingExplanation,
  XComRow,
} from "./props.ts";
export { TaskInstanceLive, TaskInstancePage, TaskInstancePanel } from "./TaskInstancePanel.tsx";
export { TaskActionConfirm } from "./TaskActionConfirm.tsx";
