import { BUTTON, INPUT, LINK, PageHeader } from "../components/mod.ts";
import { type DagListFilters, dagListUrl } from "./dag_list_filters.ts";
import { type DagListView, DagTableRegion } from "./DagTable.tsx";
import { type ImportErrorItem, ImportErrorSummary } from "./ImportErrorSummary.tsx";

/** Everything the DAGs page shows. */
export interface DagListPageProps {
  view: DagListView;
  importErrors: { errors: ImportErrorItem[]; total: number };
}

/** The DAGs page: import errors, search and tag filters, then the live table. */
export function DagListPage(props: DagListPageProps) {
  const { filters } = props.view;
  return (
    <div>
      <PageHeader title="DAGs" />
      <ImportErrorSummary errors={props.importErrors.errors} total={props.importErrors.total} />
      <DagFilterForm filters={filters} />
      <DagTableRegion view={props.view} />
    </div>
  );
}

const CHIP =
  "inline-flex items-center gap-1 rounded bg-sky-100 px-2 py-0.5 text-xs text-sky-900 hover:underline dark:bg-sky-900 dark:text-sky-100";

function DagFilterForm(props: { filters: DagListFilters }) {
  const { filters } = props;
  const filtered = filters.search !== "" || filters.tags.length > 0;
  return (
    <form method="get" action="/dags" class="mb-3 flex flex-wrap items-end gap-3" role="search">
      <label class="flex flex-col text-xs">
        Search DAG id
        <input
          type="search"
          name="search"
          value={filters.search}
          class={INPUT}
          placeholder="part of a DAG id"
          id="dag-search"
        />
      </label>
      <label class="flex flex-col text-xs">
        Add tag
        <input type="text" name="tags" class={INPUT} placeholder="tag" id="dag-tag" />
      </label>
      {filters.tags.map((tag) => <input key={tag} type="hidden" name="tags" value={tag} />)}
      {filters.status !== "all" && <input type="hidden" name="status" value={filters.status} />}
      {filters.sort !== "dag_id" && <input type="hidden" name="sort" value={filters.sort} />}
      <button type="submit" class={BUTTON.plain}>Filter</button>
      {filters.tags.length > 0 && (
        <div class="flex flex-wrap items-center gap-1 text-xs" aria-label="Tag filter">
          Tags (any of):
          {filters.tags.map((tag) => (
            <a
              key={tag}
              class={CHIP}
              href={dagListUrl(filters, {
                tags: filters.tags.filter((other) => other !== tag),
                offset: 0,
              })}
              title={`Stop filtering by tag ${tag}`}
            >
              {tag} <span aria-hidden="true">✕</span>
              <span class="sr-only">(remove)</span>
            </a>
          ))}
        </div>
      )}
      {filtered && (
        <a
          class={`${LINK} text-sm`}
          href={dagListUrl(filters, { search: "", tags: [], offset: 0 })}
        >
          Clear filters
        </a>
      )}
    </form>
  );
}
