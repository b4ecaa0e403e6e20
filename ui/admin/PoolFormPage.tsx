import { PageHeader } from "../components/mod.ts";
import { CheckboxField, EditForm, type FormState, TextAreaField, TextField } from "./fields.tsx";

/** Create or edit a pool. Fields: `name` (fixed when editing), `slots`, `description`, `include_deferred`. */
export function PoolFormPage(props: { mode: "create" | "edit"; state: FormState }) {
  const { state } = props;
  const editing = props.mode === "edit";
  const name = state.values.name ?? "";
  return (
    <section>
      <PageHeader title={editing ? `Edit pool ${name}` : "Add a pool"} />
      <EditForm
        action={editing ? `/admin/pools/edit?name=${encodeURIComponent(name)}` : "/admin/pools/new"}
        id="pool-form"
        submit={editing ? "Save" : "Add pool"}
        cancel="/admin/pools"
      >
        <TextField
          name="name"
          label="Name"
          state={state}
          required
          readOnly={editing}
          hint={editing ? "A pool keeps its name." : undefined}
        />
        <TextField name="slots" label="Slots" type="number" min={0} state={state} required />
        <TextAreaField name="description" label="Description" state={state} rows={2} />
        <CheckboxField
          name="include_deferred"
          label="Deferred tasks take slots"
          state={state}
        />
      </EditForm>
    </section>
  );
}
