import { BUTTON, PageHeader, TABLE } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { RowActions } from "./fields.tsx";

/** One pool with the slots its task instances take now. */
export interface PoolRow {
  name: string;
  slots: number;
  running: number;
  queued: number;
  deferred: number;
  /** Slots left: slots minus running and queued (and deferred, when they count). */
  open: number;
  includeDeferred: boolean;
  description: string | null;
  /** `default_pool`: it cannot be deleted. */
  isDefault: boolean;
}

/** The pool list with slot counts. */
export function PoolsPage(props: { rows: PoolRow[] }) {
  const viewer = useViewer();
  const canEdit = viewer.can("pools", "edit");
  const canDelete = viewer.can("pools", "delete");
  return (
    <section>
      <PageHeader
        title="Pools"
        subtitle="Slots limit how many task instances of a pool run at once."
        actions={viewer.can("pools", "create") && (
          <a href="/admin/pools/new" class={BUTTON.primary} data-testid="add-pool">Add pool</a>
        )}
      />
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="pools-table">
          <thead class={TABLE.head}>
            <tr>
              <th class={TABLE.headCell}>Pool</th>
              <th class={TABLE.headCell}>Slots</th>
              <th class={TABLE.headCell}>Running</th>
              <th class={TABLE.headCell}>Queued</th>
              <th class={TABLE.headCell}>Deferred</th>
              <th class={TABLE.headCell}>Open slots</th>
              <th class={TABLE.headCell}>Description</th>
              {(canEdit || canDelete) && <th class={TABLE.headCell}>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class={TABLE.row} data-pool={row.name}>
                <td class={`${TABLE.cell} font-mono break-all`}>{row.name}</td>
                <td class={TABLE.cell} data-count="slots">{row.slots}</td>
                <td class={TABLE.cell} data-count="running">{row.running}</td>
                <td class={TABLE.cell} data-count="queued">{row.queued}</td>
                <td
                  class={TABLE.cell}
                  data-count="deferred"
                  title={row.includeDeferred
                    ? "deferred tasks take slots"
                    : "deferred tasks take no slot"}
                >
                  {row.deferred}
                </td>
                <td class={TABLE.cell} data-count="open">{row.open}</td>
                <td class={TABLE.cell}>{row.description ?? ""}</td>
                {(canEdit || canDelete) && (
                  <RowActions
                    editHref={canEdit
                      ? `/admin/pools/edit?name=${encodeURIComponent(row.name)}`
                      : null}
                    remove={canDelete && !row.isDefault
                      ? {
                        action: "/admin/pools/delete",
                        fields: { name: row.name },
                        confirm: `Delete pool ${row.name}?`,
                        label: `Delete pool ${row.name}`,
                      }
                      : null}
                  />
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
