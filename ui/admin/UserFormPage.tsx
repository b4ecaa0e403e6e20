import { ROLES } from "../../src/core/mod.ts";
import { PageHeader } from "../components/mod.ts";
import { useViewer } from "../viewer.ts";
import { DeleteButton, EditForm, type FormState, SelectField, TextField } from "./fields.tsx";

const PASSWORD_HINT = "At least 8 characters.";

/**
 * Create a user (`username`, `first_name`, `last_name`, `email`, `role`, `password`,
 * `password_confirm`) or edit one (the same without the password), with a separate form to
 * reset the password (`new_password`, `new_password_confirm`) in `passwordState`.
 */
export function UserFormPage(
  props: { mode: "create" | "edit"; state: FormState; passwordState?: FormState },
) {
  const viewer = useViewer();
  const { state } = props;
  const editing = props.mode === "edit";
  const username = state.values.username ?? "";
  const query = `?username=${encodeURIComponent(username)}`;
  return (
    <section>
      <PageHeader
        title={editing ? `Edit user ${username}` : "Add a user"}
        actions={editing && username !== viewer.username && (
          <DeleteButton
            action="/admin/users/delete"
            fields={{ username }}
            confirm={`Delete user ${username}? They will no longer be able to log in.`}
            label={`Delete user ${username}`}
          />
        )}
      />
      <EditForm
        action={editing ? `/admin/users/edit${query}` : "/admin/users/new"}
        id="user-form"
        submit={editing ? "Save" : "Add user"}
        cancel="/admin/users"
      >
        <TextField
          name="username"
          label="Username"
          state={state}
          required
          readOnly={editing}
          autocomplete="off"
        />
        <TextField name="first_name" label="First name" state={state} required />
        <TextField name="last_name" label="Last name" state={state} required />
        <TextField name="email" label="Email" type="email" state={state} required />
        <SelectField name="role" label="Role" state={state} options={ROLES} />
        {!editing && (
          <>
            <TextField
              name="password"
              label="Password"
              type="password"
              state={state}
              required
              autocomplete="new-password"
              hint={PASSWORD_HINT}
            />
            <TextField
              name="password_confirm"
              label="Password again"
              type="password"
              state={state}
              required
              autocomplete="new-password"
            />
          </>
        )}
      </EditForm>
      {editing && (
        <div class="mt-8 max-w-2xl border-t border-gray-200 pt-4 dark:border-gray-700">
          <h2 class="mb-2 text-lg font-semibold">Reset the password</h2>
          <EditForm
            action={`/admin/users/password${query}`}
            id="password-form"
            submit="Reset password"
            submitTestId="reset-password"
            cancel="/admin/users"
          >
            <TextField
              name="new_password"
              label="New password"
              type="password"
              state={props.passwordState ?? { values: {}, errors: {} }}
              required
              autocomplete="new-password"
              hint={`${PASSWORD_HINT} The user's sessions and tokens end.`}
            />
            <TextField
              name="new_password_confirm"
              label="New password again"
              type="password"
              state={props.passwordState ?? { values: {}, errors: {} }}
              required
              autocomplete="new-password"
            />
          </EditForm>
        </div>
      )}
    </section>
  );
}
