import { BUTTON, INPUT, LINK, PageHeader, Pagination, TABLE } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { RowActions } from "./fields.tsx";

/** One variable in the list; `preview` is already masked when the key looks secret. */
export interface VariableRow {
  key: string;
  preview: string;
  masked: boolean;
  description: string | null;
}

/** The variable list: search, rows, paging. */
export function VariablesPage(
  props: {
    rows: VariableRow[];
    search: string;
    offset: number;
    limit: number;
    total: number;
    /** This page's path and query without the offset, for paging links. */
    path: string;
  },
) {
  const viewer = useViewer();
  const canEdit = viewer.can("variables", "edit");
  const canDelete = viewer.can("variables", "delete");
  return (
    <section>
      <PageHeader
        title="Variables"
        subtitle="Key–value settings tasks read at run time."
        actions={viewer.can("variables", "create") && (
          <a href="/admin/variables/new" class={BUTTON.primary} data-testid="add-variable">
            Add variable
          </a>
        )}
      />
      <form method="get" action="/admin/variables" class="mb-3 flex flex-wrap items-end gap-2">
        <label class="text-sm">
          Search keys
          <input
            name="q"
            type="search"
            value={props.search}
            class={`${INPUT} ml-2`}
            id="variable-search"
          />
        </label>
        <button type="submit" class={BUTTON.plain}>Search</button>
        {props.search && <a href="/admin/variables" class={LINK}>Clear</a>}
      </form>
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="variables-table">
          <thead class={TABLE.head}>
            <tr>
              <th class={TABLE.headCell}>Key</th>
              <th class={TABLE.headCell}>Value</th>
              <th class={TABLE.headCell}>Description</th>
              {(canEdit || canDelete) && <th class={TABLE.headCell}>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class={TABLE.row} data-variable={row.key}>
                <td class={`${TABLE.cell} font-mono break-all`}>{row.key}</td>
                <td class={`${TABLE.cell} font-mono break-all`}>
                  {row.masked
                    ? <span title="hidden: the key looks secret">***</span>
                    : <span class="whitespace-pre-wrap">{row.preview}</span>}
                </td>
                <td class={TABLE.cell}>{row.description ?? ""}</td>
                {(canEdit || canDelete) && (
                  <RowActions
                    editHref={canEdit
                      ? `/admin/variables/edit?key=${encodeURIComponent(row.key)}`
                      : null}
                    remove={canDelete
                      ? {
                        action: "/admin/variables/delete",
                        fields: { key: row.key },
                        confirm: `Delete variable ${row.key}?`,
                        label: `Delete variable ${row.key}`,
                      }
                      : null}
                  />
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 && (
        <p class="py-4 text-sm text-gray-500">
          {props.search ? `No variable key contains "${props.search}".` : "No variables yet."}
        </p>
      )}
      <Pagination path={props.path} offset={props.offset} limit={props.limit} total={props.total} />
    </section>
  );
}
