import { BUTTON, formatTime, PageHeader, Pagination, TABLE } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { RowActions } from "./fields.tsx";

/** One user in the list (never their password hash). */
export interface UserRow {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  createdAt: number;
}

/** The user list; the viewer's own row has no delete button. */
export function UsersPage(
  props: { rows: UserRow[]; offset: number; limit: number; total: number },
) {
  const viewer = useViewer();
  return (
    <section>
      <PageHeader
        title="Users"
        subtitle="Who may log in, and with which role."
        actions={
          <a href="/admin/users/new" class={BUTTON.primary} data-testid="add-user">Add user</a>
        }
      />
      <div class="overflow-x-auto">
        <table class={TABLE.table} id="users-table">
          <thead class={TABLE.head}>
            <tr>
              <th class={TABLE.headCell}>Username</th>
              <th class={TABLE.headCell}>First name</th>
              <th class={TABLE.headCell}>Last name</th>
              <th class={TABLE.headCell}>Email</th>
              <th class={TABLE.headCell}>Role</th>
              <th class={TABLE.headCell}>Created</th>
              <th class={TABLE.headCell}>Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class={TABLE.row} data-user={row.username}>
                <td class={`${TABLE.cell} font-mono break-all`}>
                  {row.username}
                  {row.username === viewer.username && (
                    <span class="ml-1 text-xs text-gray-500">(you)</span>
                  )}
                </td>
                <td class={TABLE.cell}>{row.firstName}</td>
                <td class={TABLE.cell}>{row.lastName}</td>
                <td class={`${TABLE.cell} break-all`}>{row.email}</td>
                <td class={TABLE.cell}>{row.role}</td>
                <td class={`${TABLE.cell} whitespace-nowrap`}>{formatTime(row.createdAt)}</td>
                <RowActions
                  editHref={`/admin/users/edit?username=${encodeURIComponent(row.username)}`}
                  remove={row.username !== viewer.username
                    ? {
                      action: "/admin/users/delete",
                      fields: { username: row.username },
                      confirm:
                        `Delete user ${row.username}? They will no longer be able to log in.`,
                      label: `Delete user ${row.username}`,
                    }
                    : null}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        path="/admin/users"
        offset={props.offset}
        limit={props.limit}
        total={props.total}
      />
    </section>
  );
}
