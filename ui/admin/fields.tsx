import type { ComponentChildren } from "preact";
import { ActionForm, BUTTON, INPUT, LINK, TABLE } from "../components/mod.ts";

/** A form as the server shows it: the values to fill in and what was wrong, per field name. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const FIELD_INPUT = `${INPUT} mt-1 block w-full`;
const LABEL = "block text-sm font-medium";
const HINT = "mt-1 text-xs text-gray-500 dark:text-gray-400";
const ERROR = "mt-1 text-sm text-red-700 dark:text-red-400";

/** Props every field shares. */
interface FieldProps {
  name: string;
  label: string;
  /** The form's values and errors; the field reads its own. */
  state: FormState;
  hint?: ComponentChildren;
  required?: boolean;
}

/** The id of a field's input, for labels and tests. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

function FieldFooter(props: { name: string; hint?: ComponentChildren; error?: string }) {
  const id = fieldId(props.name);
  return (
    <>
      {props.hint && <p id={`${id}-hint`} class={HINT}>{props.hint}</p>}
      {props.error && (
        <p id={`${id}-error`} class={ERROR} data-field-error={props.name}>✕ {props.error}</p>
      )}
    </>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const id = fieldId(props.name);
  const ids = [props.hint ? `${id}-hint` : "", props.state.errors[props.name] ? `${id}-error` : ""]
    .filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** A labelled one-line input; `type="password"` fields are never filled in. */
export function TextField(
  props: FieldProps & {
    type?: "text" | "password" | "email" | "number";
    autocomplete?: string;
    readOnly?: boolean;
    min?: number;
    max?: number;
  },
) {
  const error = props.state.errors[props.name];
  return (
    <div>
      <label for={fieldId(props.name)} class={LABEL}>
        {props.label}
        {props.required && <span aria-hidden="true" class="ml-0.5">*</span>}
      </label>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        class={FIELD_INPUT}
        value={props.type === "password" ? "" : props.state.values[props.name] ?? ""}
        required={props.required}
        readOnly={props.readOnly}
        autocomplete={props.autocomplete}
        min={props.min}
        max={props.max}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
      <FieldFooter name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled textarea; `json` makes it a JSON editor whose status the client updates. */
export function TextAreaField(
  props: FieldProps & { rows?: number; json?: boolean; jsonRequired?: boolean },
) {
  const id = fieldId(props.name);
  const error = props.state.errors[props.name];
  return (
    <div>
      <label for={id} class={LABEL}>
        {props.label}
        {props.required && <span aria-hidden="true" class="ml-0.5">*</span>}
      </label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        class={props.json ? `${FIELD_INPUT} font-mono` : FIELD_INPUT}
        required={props.required}
        spellcheck={false}
        data-json={props.json ? `${id}-json-status` : undefined}
        data-json-required={props.jsonRequired ? "1" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {/* The parser drops one newline right after the tag: this keeps a leading one. */}
        {`\n${props.state.values[props.name] ?? ""}`}
      </textarea>
      {props.json && (
        <output id={`${id}-json-status`} class={HINT} aria-live="polite" for={id}></output>
      )}
      <FieldFooter name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled checkbox; checked when the form's value is "on". */
export function CheckboxField(props: FieldProps) {
  const error = props.state.errors[props.name];
  return (
    <div>
      <label class="inline-flex items-center gap-2 text-sm">
        <input
          id={fieldId(props.name)}
          type="checkbox"
          name={props.name}
          checked={props.state.values[props.name] === "on"}
          aria-describedby={describedBy(props)}
        />
        {props.label}
      </label>
      <FieldFooter name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled select of fixed options. */
export function SelectField(props: FieldProps & { options: readonly string[] }) {
  const error = props.state.errors[props.name];
  const selected = props.state.values[props.name];
  return (
    <div>
      <label for={fieldId(props.name)} class={LABEL}>{props.label}</label>
      <select
        id={fieldId(props.name)}
        name={props.name}
        class={FIELD_INPUT}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((option) => (
          <option value={option} selected={option === selected}>{option}</option>
        ))}
      </select>
      <FieldFooter name={props.name} hint={props.hint} error={error} />
    </div>
  );
}

/** A change form: fields, then Save and Cancel. */
export function EditForm(
  props: {
    action: string;
    id: string;
    submit: string;
    cancel: string;
    /** The submit button's `data-testid` (default `save`). */
    submitTestId?: string;
    /** A second button sending the same fields elsewhere (e.g. to test before saving). */
    secondary?: { label: string; action: string; testId: string };
    children: ComponentChildren;
  },
) {
  return (
    <ActionForm action={props.action} id={props.id} class="max-w-2xl space-y-4">
      {props.children}
      <div class="flex items-center gap-3">
        <button type="submit" class={BUTTON.primary} data-testid={props.submitTestId ?? "save"}>
          {props.submit}
        </button>
        {props.secondary && (
          <button
            type="submit"
            formAction={props.secondary.action}
            class={BUTTON.plain}
            data-testid={props.secondary.testId}
          >
            {props.secondary.label}
          </button>
        )}
        <a href={props.cancel} class={LINK}>Cancel</a>
      </div>
    </ActionForm>
  );
}

/** A one-button delete form that asks first; `fields` are sent as hidden inputs. */
export function DeleteButton(
  props: { action: string; fields: Record<string, string>; confirm: string; label: string },
) {
  return (
    <ActionForm action={props.action} confirm={props.confirm} class="inline">
      {Object.entries(props.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={BUTTON.danger} data-testid="delete" aria-label={props.label}>
        Delete
      </button>
    </ActionForm>
  );
}

/**
 * A list row's last cell: an Edit link (when `editHref` is given) and a Delete button (when
 * `remove` is given).
 */
export function RowActions(
  props: {
    editHref: string | null;
    remove:
      | { action: string; fields: Record<string, string>; confirm: string; label: string }
      | null;
  },
) {
  return (
    <td class={`${TABLE.cell} whitespace-nowrap`}>
      <span class="flex items-center gap-2">
        {props.editHref !== null && <a class={LINK} href={props.editHref}>Edit</a>}
        {props.remove !== null && <DeleteButton {...props.remove} />}
      </span>
    </td>
  );
}
