/**
 * `/admin/variables`: list (searchable by key, secret-looking values masked), add, edit with a
 * JSON-aware value field, delete. Viewers read; Ops and Admins change.
 *
 * @module
 */

import { h } from "preact";
import { isSensitiveKey, type Variable } from "../../core/mod.ts";
import type { Page, Store } from "../../store/mod.ts";
import { VariableFormPage, type VariableRow, VariablesPage } from "../../../ui/admin/mod.ts";
import { type DashboardRequest, type DashboardRouter, PageError } from "./_page_router.ts";
import {
  ADMIN_PAGE_SIZE,
  changed,
  type FieldErrors,
  jsonError,
  offsetOf,
  optional,
  refusalText,
  refusedForm,
  ticked,
} from "./_admin_forms.ts";

const LIST = "/admin/variables";
const PREVIEW_LENGTH = 120;
/** Airflow's limit on variable keys. */
const KEY_LENGTH = 250;

/** Add the variable pages and actions. */
export function addVariableRoutes(router: DashboardRouter): void {
  const { store } = router.services;
  const access = (action: "read" | "create" | "edit" | "delete") =>
    ({ resource: "variables", action }) as const;

  router.page(LIST, access("read"), async ({ query }) => {
    const search = (query.get("q") ?? "").trim();
    const offset = offsetOf(query);
    const page = await findVariables(store, search, offset);
    const path = search ? `${LIST}?q=${encodeURIComponent(search)}` : LIST;
    return {
      title: "Variables",
      body: h(VariablesPage, {
        rows: page.items.map(toRow),
        search,
        offset,
        limit: ADMIN_PAGE_SIZE,
        total: page.total,
        path,
      }),
    };
  });

  router.page(`${LIST}/new`, access("create"), () =>
    Promise.resolve({
      title: "Add a variable",
      body: h(VariableFormPage, { mode: "create", state: { values: {}, errors: {} } }),
    }));

  router.page(`${LIST}/edit`, access("edit"), async ({ query }) => {
    const variable = await existing(store, query.get("key") ?? "");
    const hiddenValue = isSensitiveKey(variable.key);
    const values = {
      key: variable.key,
      value: hiddenValue ? "" : variable.value,
      is_json: looksLikeJson(variable.value) ? "on" : "",
      description: variable.description ?? "",
    };
    return {
      title: `Edit variable ${variable.key}`,
      body: h(VariableFormPage, { mode: "edit", state: { values, errors: {} }, hiddenValue }),
    };
  });

  router.action(`${LIST}/new`, access("create"), async (request) => {
    const { form } = request;
    const key = (form.key ?? "").trim();
    const errors = checkFields(key, form);
    if (!errors.key && await store.getVariable(key) !== null) {
      errors.key = "a variable with this key already exists; edit it instead";
    }
    if (Object.keys(errors).length > 0) {
      return refuse(router, request, { mode: "create", key, errors });
    }
    await store.setVariable({
      key,
      value: form.value ?? "",
      description: optional(form, "description"),
    });
    changed(router);
    return { redirect: LIST, notice: { kind: "success", text: `Variable ${key} added.` } };
  });

  router.action(`${LIST}/edit`, access("edit"), async (request) => {
    const { form } = request;
    const current = await existing(store, request.query.get("key") ?? "");
    const hiddenValue = isSensitiveKey(current.key);
    const keepValue = hiddenValue && (form.value ?? "") === "";
    const errors = checkFields(current.key, keepValue ? { ...form, is_json: "" } : form);
    if (Object.keys(errors).length > 0) {
      return refuse(router, request, { mode: "edit", key: current.key, errors, hiddenValue });
    }
    await store.setVariable({
      key: current.key,
      value: keepValue ? current.value : form.value ?? "",
      description: optional(form, "description"),
    });
    changed(router);
    return { redirect: LIST, notice: { kind: "success", text: `Variable ${current.key} saved.` } };
  });

  router.action(`${LIST}/delete`, access("delete"), async ({ form }) => {
    const key = form.key ?? "";
    if (!(await store.deleteVariable(key))) {
      return {
        redirect: LIST,
        notice: {
          kind: "error",
          text: `Deleting variable ${key} failed: there is no such variable.`,
        },
      };
    }
    changed(router);
    return { redirect: LIST, notice: { kind: "success", text: `Variable ${key} deleted.` } };
  });
}

/** A page of variables, those whose key contains `search` (any case) when it is given. */
async function findVariables(
  store: Store,
  search: string,
  offset: number,
): Promise<Page<Variable>> {
  if (search === "") return await store.listVariables({ limit: ADMIN_PAGE_SIZE, offset });
  // The store has no key filter; variables are few, so filter them here.
  const wanted = search.toLowerCase();
  const matches: Variable[] = [];
  const batch = 1000;
  for (let start = 0;; start += batch) {
    const page = await store.listVariables({ limit: batch, offset: start });
    matches.push(...page.items.filter((variable) => variable.key.toLowerCase().includes(wanted)));
    if (page.items.length < batch) break;
  }
  return { items: matches.slice(offset, offset + ADMIN_PAGE_SIZE), total: matches.length };
}

function toRow(variable: Variable): VariableRow {
  const masked = isSensitiveKey(variable.key);
  const value = variable.value;
  return {
    key: variable.key,
    masked,
    preview: masked
      ? "***"
      : value.length > PREVIEW_LENGTH
      ? `${value.slice(0, PREVIEW_LENGTH)}…`
      : value,
    description: variable.description,
  };
}

async function existing(store: Store, key: string): Promise<Variable> {
  const variable = key === "" ? null : await store.getVariable(key);
  if (variable === null) throw new PageError(404, `There is no variable with key "${key}".`);
  return variable;
}

/** What is wrong with the key and, when "value is JSON" is ticked, the value. */
function checkFields(key: string, form: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (key === "") errors.key = "must not be empty";
  else if (key.length > KEY_LENGTH) errors.key = `must be at most ${KEY_LENGTH} characters`;
  if (ticked(form, "is_json")) {
    const problem = jsonError(form.value ?? "");
    if (problem !== null) errors.value = `is not valid JSON (${problem})`;
  }
  return errors;
}

function looksLikeJson(value: string): boolean {
  const start = value.trimStart()[0];
  return (start === "{" || start === "[") && jsonError(value) === null;
}

function refuse(
  router: DashboardRouter,
  request: DashboardRequest,
  refused: { mode: "create" | "edit"; key: string; errors: FieldErrors; hiddenValue?: boolean },
): Response {
  const { form } = request;
  const values = {
    key: refused.mode === "edit" ? refused.key : form.key ?? "",
    value: form.value ?? "",
    is_json: ticked(form, "is_json") ? "on" : "",
    description: form.description ?? "",
  };
  const action = refused.mode === "edit" ? `Saving variable ${refused.key}` : "Adding a variable";
  return refusedForm(router, request, {
    title: refused.mode === "edit" ? `Edit variable ${refused.key}` : "Add a variable",
    body: h(VariableFormPage, {
      mode: refused.mode,
      state: { values, errors: refused.errors },
      hiddenValue: refused.hiddenValue,
    }),
    notice: refusalText(action, refused.errors),
  });
}
