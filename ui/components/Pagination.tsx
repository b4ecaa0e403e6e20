import { LINK } from "./forms.tsx";

/**
 * "1–50 of 312" with previous/next links that keep the other query parameters.
 *
 * @param props.path The page's path and query without `offset`.
 */
export function Pagination(
  props: { path: string; offset: number; limit: number; total: number; offsetParam?: string },
) {
  const name = props.offsetParam ?? "offset";
  const link = (offset: number) => {
    const url = new URL(props.path, "http://x");
    url.searchParams.set(name, String(offset));
    return url.pathname + url.search;
  };
  const first = props.total === 0 ? 0 : props.offset + 1;
  const last = Math.min(props.offset + props.limit, props.total);
  return (
    <nav class="flex items-center gap-3 py-2 text-sm" aria-label="Pages">
      <span>{first}–{last} of {props.total}</span>
      {props.offset > 0 && (
        <a class={LINK} href={link(Math.max(0, props.offset - props.limit))} rel="prev">
          ← Previous
        </a>
      )}
      {last < props.total && (
        <a class={LINK} href={link(props.offset + props.limit)} rel="next">Next →</a>
      )}
    </nav>
  );
}
