import type { ComponentChildren } from "preact";

/** A page's title, an optional line under it, and actions on the right. */
export function PageHeader(
  props: { title: ComponentChildren; subtitle?: ComponentChildren; actions?: ComponentChildren },
) {
  return (
    <div class="mb-4 flex flex-wrap items-start justify-between gap-2">
      <div>
        <h1 class="text-2xl font-bold break-all">{props.title}</h1>
        {props.subtitle && <p class="text-sm text-gray-500 dark:text-gray-400">{props.subtitle}</p>}
      </div>
      {props.actions && <div class="flex flex-wrap items-center gap-2">{props.actions}</div>}
    </div>
  );
}
