import { BUTTON, PageHeader, Pagination, TABLE } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { RowActions } from "./fields.tsx";

/** One connection in the list: never its password or extra. */
export interface ConnectionRow {
  connId: string;
  connType: string;
  host: string | null;
  port: number | null;
  schema: string | null;
  login: string | null;
  description: string | null;
}

/** The connection list with paging. */
export function ConnectionsPage(
  props: { rows: ConnectionRow[]; offset: number; limit: number; total: number },
) {
  const viewer = useViewer();
  const canEdit = viewer.can("connections", "edit");
  const canDelete = viewer.can("connections", "delete");
  return (
    <section>
      <PageHeader
        title="Connections"
        subtitle="How tasks reach other systems. Passwords are never shown."
        actions={viewer.can("connections", "create") && (
          <a href="/admin/connections/new" class={BUTTON.primary} data-testid="add-connection">
            Add connection
          </a>
        )}
      />
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="connections-table">
          <thead class={TABLE.head}>
            <tr>
              <th class={TABLE.headCell}>Conn id</th>
              <th class={TABLE.headCell}>Type</th>
              <th class={TABLE.headCell}>Host</th>
              <th class={TABLE.headCell}>Port</th>
              <th class={TABLE.headCell}>Schema</th>
              <th class={TABLE.headCell}>Login</th>
              <th class={TABLE.headCell}>Description</th>
              {(canEdit || canDelete) && <th class={TABLE.headCell}>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class={TABLE.row} data-connection={row.connId}>
                <td class={`${TABLE.cell} font-mono break-all`}>{row.connId}</td>
                <td class={TABLE.cell}>{row.connType}</td>
                <td class={`${TABLE.cell} break-all`}>{row.host ?? ""}</td>
                <td class={TABLE.cell}>{row.port ?? ""}</td>
                <td class={TABLE.cell}>{row.schema ?? ""}</td>
                <td class={`${TABLE.cell} break-all`}>{row.login ?? ""}</td>
                <td class={TABLE.cell}>{row.description ?? ""}</td>
                {(canEdit || canDelete) && (
                  <RowActions
                    editHref={canEdit
                      ? `/admin/connections/edit?conn_id=${encodeURIComponent(row.connId)}`
                      : null}
                    remove={canDelete
                      ? {
                        action: "/admin/connections/delete",
                        fields: { conn_id: row.connId },
                        confirm: `Delete connection ${row.connId}?`,
                        label: `Delete connection ${row.connId}`,
                      }
                      : null}
                  />
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 && <p class="py-4 text-sm text-gray-500">No connections yet.</p>}
      <Pagination
        path="/admin/connections"
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </section>
  );
}
