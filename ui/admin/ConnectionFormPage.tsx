import { PageHeader } from "../components/mod.ts";
import {
  CheckboxField,
  DeleteButton,
  EditForm,
  type FormState,
  TextAreaField,
  TextField,
} from "./fields.tsx";

/**
 * Create or edit a connection. Fields: `conn_id` (fixed when editing), `conn_type`,
 * `description`, `host`, `schema`, `login`, `password` (never filled in), `clear_password`
 * (editing only), `port`, `extra` (JSON object text, secret values already hidden). With
 * `testable`, a Test button sends the fields to `/admin/connections/test` (nothing is saved).
 */
export function ConnectionFormPage(
  props: {
    mode: "create" | "edit";
    state: FormState;
    passwordStored?: boolean;
    testable?: boolean;
  },
) {
  const { state } = props;
  const editing = props.mode === "edit";
  const connId = state.values.conn_id ?? "";
  return (
    <section>
      <PageHeader
        title={editing ? `Edit connection ${connId}` : "Add a connection"}
        actions={editing && (
          <DeleteButton
            action="/admin/connections/delete"
            fields={{ conn_id: connId }}
            confirm={`Delete connection ${connId}?`}
            label={`Delete connection ${connId}`}
          />
        )}
      />
      <EditForm
        action={editing
          ? `/admin/connections/edit?conn_id=${encodeURIComponent(connId)}`
          : "/admin/connections/new"}
        id="connection-form"
        submit={editing ? "Save" : "Add connection"}
        cancel="/admin/connections"
        secondary={props.testable
          ? {
            label: "Test",
            action: editing
              ? `/admin/connections/test?conn_id=${encodeURIComponent(connId)}`
              : "/admin/connections/test",
            testId: "test-connection",
          }
          : undefined}
      >
        <TextField
          name="conn_id"
          label="Connection id"
          state={state}
          required
          readOnly={editing}
          hint={editing
            ? "The id cannot change; add a new connection instead."
            : "Letters, digits, dashes, dots and underscores."}
        />
        <TextField
          name="conn_type"
          label="Connection type"
          state={state}
          required
          hint="For example http, postgres, mysql, sqlite, aws, smtp."
        />
        <TextAreaField name="description" label="Description" state={state} rows={2} />
        <TextField name="host" label="Host" state={state} />
        <TextField name="schema" label="Schema" state={state} />
        <TextField name="login" label="Login" state={state} autocomplete="off" />
        <TextField
          name="password"
          label="Password"
          type="password"
          state={state}
          autocomplete="new-password"
          hint={editing
            ? props.passwordStored
              ? "A password is stored: leave blank to keep the stored password."
              : "No password is stored: leave blank for none."
            : undefined}
        />
        {editing && (
          <CheckboxField
            name="clear_password"
            label="Clear the password"
            state={state}
          />
        )}
        <TextField name="port" label="Port" type="number" min={0} max={65535} state={state} />
        <TextAreaField
          name="extra"
          label="Extra"
          state={state}
          rows={6}
          json
          jsonRequired
          hint="A JSON object of further options. Hidden secret values stay as stored unless you replace them."
        />
      </EditForm>
    </section>
  );
}
