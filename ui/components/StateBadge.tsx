import { lookOf } from "../states.ts";

/** A state as a coloured pill with its icon and word. */
export function StateBadge(props: { state: string | null | undefined; compact?: boolean }) {
  const look = lookOf(props.state);
  return (
    <span
      class={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${look.classes}`}
      title={look.label}
      data-state={props.state ?? "none"}
    >
      <span aria-hidden="true">{look.icon}</span>
      {props.compact ? <span class="sr-only">{look.label}</span> : look.label}
    </span>
  );
}

/** A square cell for grids: colour and icon, the state in its title and accessible name. */
export function StateCell(props: { state: string | null | undefined; label?: string }) {
  const look = lookOf(props.state);
  return (
    <span
      class={`inline-flex h-4 w-4 items-center justify-center rounded-sm text-[10px] leading-none ${look.classes}`}
      title={props.label ? `${props.label}: ${look.label}` : look.label}
      data-state={props.state ?? "none"}
    >
      <span aria-hidden="true">{look.icon}</span>
      <span class="sr-only">{look.label}</span>
    </span>
  );
}
