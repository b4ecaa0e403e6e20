import type { ComponentChildren } from "preact";
import { BUTTON, INPUT, LINK } from "../components/mod.ts";

const LABEL = "flex flex-col gap-0.5 text-xs";

/** A GET form of filters with a Filter button and, when filtered, a link that clears them. */
export function FilterForm(
  props: { action: string; filtered: boolean; children: ComponentChildren; id: string },
) {
  return (
    <form
      method="get"
      action={props.action}
      class="mb-3 flex flex-wrap items-end gap-3"
      role="search"
      id={props.id}
    >
      {props.children}
      <button type="submit" class={BUTTON.plain}>Filter</button>
      {props.filtered && <a class={`${LINK} text-sm`} href={props.action}>Clear filters</a>}
    </form>
  );
}

/** A labelled text input. */
export function TextField(
  props: { label: string; name: string; value: string; placeholder?: string; type?: string },
) {
  return (
    <label class={LABEL}>
      {props.label}
      <input
        type={props.type ?? "text"}
        name={props.name}
        value={props.value}
        placeholder={props.placeholder}
        class={INPUT}
        step={props.type === "datetime-local" ? 1 : undefined}
      />
    </label>
  );
}

/** A labelled select; `options` are value and label pairs, the first usually "any" (""). */
export function SelectField(
  props: { label: string; name: string; value: string; options: [string, string][] },
) {
  return (
    <label class={LABEL}>
      {props.label}
      <select name={props.name} class={INPUT}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === props.value}>{label}</option>
        ))}
      </select>
    </label>
  );
}

/** The query string of `values` without empty ones, with its `?` ("" when none). */
export function queryOf(values: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== "") query.set(name, value);
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

/** A muted line for an empty list. */
export function EmptyRow(props: { columns: number; children: ComponentChildren }) {
  return (
    <tr>
      <td colSpan={props.columns} class="px-2 py-6 text-center text-gray-500 dark:text-gray-400">
        {props.children}
      </td>
    </tr>
  );
}
