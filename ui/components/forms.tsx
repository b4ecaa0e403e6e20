import type { ComponentChildren } from "preact";
import { useViewer } from "../viewer.ts";

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useViewer().csrfToken} />;
}

/** A POST form with the CSRF field; `confirm` asks before submitting (when scripts run). */
export function ActionForm(
  props: {
    action: string;
    children: ComponentChildren;
    confirm?: string;
    class?: string;
    id?: string;
  },
) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      id={props.id}
      data-confirm={props.confirm}
    >
      <CsrfField />
      {props.children}
    </form>
  );
}

/** Button looks: primary, plain, danger. */
export const BUTTON = {
  primary:
    "inline-flex items-center gap-1 rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-sky-400 disabled:opacity-50",
  plain:
    "inline-flex items-center gap-1 rounded border border-gray-300 px-3 py-1.5 text-sm hover:bg-gray-100 focus:outline-none focus:ring-2 focus:ring-sky-400 dark:border-gray-600 dark:hover:bg-gray-800",
  danger:
    "inline-flex items-center gap-1 rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-400",
} as const;

/** Text input look. */
export const INPUT =
  "rounded border border-gray-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-sky-400 dark:border-gray-600 dark:bg-gray-900";

/** Table looks. */
export const TABLE = {
  table: "w-full border-collapse text-sm",
  head: "border-b border-gray-300 text-left text-xs uppercase text-gray-500 dark:border-gray-700",
  headCell: "px-2 py-1.5 font-semibold",
  row: "border-b border-gray-100 hover:bg-gray-50 dark:border-gray-800 dark:hover:bg-gray-800/50",
  cell: "px-2 py-1.5 align-top",
} as const;

/** Link look. */
export const LINK = "text-sky-700 hover:underline dark:text-sky-400";
