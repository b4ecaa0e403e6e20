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
 * Create or edit a variable. Fields: `key`, `value`, `is_json`, `description`. When editing a
 * variable whose key looks secret, `hiddenValue` is set: the value field starts empty and a
 * blank value keeps the stored one.
 */
export function VariableFormPage(
  props: { mode: "create" | "edit"; state: FormState; hiddenValue?: boolean },
) {
  const { state } = props;
  const editing = props.mode === "edit";
  const key = state.values.key ?? "";
  return (
    <section>
      <PageHeader
        title={editing ? `Edit variable ${key}` : "Add a variable"}
        actions={editing && (
          <DeleteButton
            action="/admin/variables/delete"
            fields={{ key }}
            confirm={`Delete variable ${key}?`}
            label={`Delete variable ${key}`}
          />
        )}
      />
      <EditForm
        action={editing
          ? `/admin/variables/edit?key=${encodeURIComponent(key)}`
          : "/admin/variables/new"}
        id="variable-form"
        submit={editing ? "Save" : "Add variable"}
        cancel="/admin/variables"
      >
        <TextField
          name="key"
          label="Key"
          state={state}
          required
          readOnly={editing}
          hint={editing ? "The key cannot change; add a new variable instead." : undefined}
        />
        <TextAreaField
          name="value"
          label="Value"
          state={state}
          rows={8}
          json
          hint={props.hiddenValue
            ? "The stored value is hidden because the key looks secret: leave blank to keep it."
            : "Any text. Tick “value is JSON” to have it checked as JSON when you save."}
        />
        <CheckboxField
          name="is_json"
          label="Value is JSON"
          state={state}
          hint="Saving refuses a value that does not parse as JSON."
        />
        <TextAreaField name="description" label="Description" state={state} rows={2} />
      </EditForm>
    </section>
  );
}
