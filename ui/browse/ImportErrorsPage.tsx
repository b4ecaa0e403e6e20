import { formatTime, PageHeader, Pagination } from "../components/mod.ts";
import { FilterForm, queryOf, TextField } from "./_filter_fields.tsx";

/** A DAG file that failed to load. */
export interface ImportErrorEntry {
  id: number;
  fileloc: string;
  line: number | null;
  message: string;
  timestamp: number;
}

/** Everything the import errors page shows. */
export interface ImportErrorsPageProps {
  errors: ImportErrorEntry[];
  total: number;
  offset: number;
  limit: number;
  /** The file filter: a substring of the file's path. */
  file: string;
}

/** Every DAG file that failed to load, with its whole message. */
export function ImportErrorsPage(props: ImportErrorsPageProps) {
  return (
    <div>
      <PageHeader
        title="Import errors"
        subtitle="DAG files that failed to load. The last good version of their DAGs keeps running."
      />
      <FilterForm action="/import-errors" filtered={props.file !== ""} id="import-error-filters">
        <TextField label="File" name="file" value={props.file} placeholder="part of the path" />
      </FilterForm>
      {props.errors.length === 0
        ? (
          <p
            class="rounded border border-dashed border-gray-300 p-6 text-center"
            id="no-import-errors"
          >
            {props.file === ""
              ? "✓ Every DAG file loads: there are no import errors."
              : "No import error matches this file filter."}
          </p>
        )
        : (
          <ul class="space-y-3" id="import-error-list">
            {props.errors.map((error) => (
              <li
                key={error.id}
                class="rounded border border-red-300 p-3 dark:border-red-800"
                data-fileloc={error.fileloc}
              >
                <div class="mb-1 flex flex-wrap items-baseline gap-x-3 text-sm">
                  <code class="font-semibold break-all">{error.fileloc}</code>
                  {error.line !== null && <span>line {error.line}</span>}
                  <span class="text-xs text-gray-500 dark:text-gray-400">
                    {formatTime(error.timestamp)} UTC
                  </span>
                </div>
                <pre class="whitespace-pre-wrap break-words rounded bg-gray-50 p-2 font-mono text-xs dark:bg-gray-800">{error.message}</pre>
              </li>
            ))}
          </ul>
        )}
      <Pagination
        path={`/import-errors${queryOf({ file: props.file })}`}
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </div>
  );
}
