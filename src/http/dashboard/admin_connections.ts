/**
 * `/admin/connections` (Ops and Admins only, reading too): list, add, edit the generic fields,
 * delete. The stored password never reaches a page: the edit form leaves it blank, a blank
 * password keeps it and a checkbox clears it. Secret values in `extra` show as a placeholder
 * that saving turns back into the stored value; `extra` must be a JSON object. When the server
 * tests connections, the form's Test button tests what the form holds (blank password: the
 * stored one) and shows the result, saving nothing.
 *
 * @module
 */

import { h } from "preact";
import { type Connection, sameDestination } from "../../core/mod.ts";
import { RecordExistsError, type Store } from "../../store/mod.ts";
import { ConnectionFormPage, ConnectionsPage, type FormState } from "../../../ui/admin/mod.ts";
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
  trimmed,
} from "./_admin_forms.ts";
import { HIDDEN_PLACEHOLDER, hideExtra, restoreHiddenExtra } from "./_admin_secrets.ts";

const LIST = "/admin/connections";
/** Airflow's rule for connection ids. */
const CONN_ID = /^[\p{L}\p{N}_.-]+$/u;
const CONN_ID_LENGTH = 200;
const EXTRA_EXAMPLE = '{"sslmode": "require"}';

/** Add the connection pages and actions. */
export function addConnectionRoutes(router: DashboardRouter): void {
  const { store } = router.services;
  const testable = router.services.testConnection !== null;
  const access = (action: "read" | "create" | "edit" | "delete") =>
    ({ resource: "connections", action }) as const;

  router.page(LIST, access("read"), async ({ query }) => {
    const offset = offsetOf(query);
    const page = await store.listConnections({ limit: ADMIN_PAGE_SIZE, offset });
    // Only the listed fields: the password and extra stay here.
    const rows = page.items.map((connection) => ({
      connId: connection.connId,
      connType: connection.connType,
      host: connection.host,
      port: connection.port,
      schema: connection.schema,
      login: connection.login,
      description: connection.description,
    }));
    return {
      title: "Connections",
      body: h(ConnectionsPage, { rows, offset, limit: ADMIN_PAGE_SIZE, total: page.total }),
    };
  });

  router.page(`${LIST}/new`, access("create"), () =>
    Promise.resolve({
      title: "Add a connection",
      body: h(ConnectionFormPage, {
        mode: "create",
        state: { values: {}, errors: {} },
        testable,
      }),
    }));

  router.page(`${LIST}/edit`, access("edit"), async ({ query }) => {
    const connection = await existing(store, query.get("conn_id") ?? "");
    const values = {
      conn_id: connection.connId,
      conn_type: connection.connType,
      description: connection.description ?? "",
      host: connection.host ?? "",
      schema: connection.schema ?? "",
      login: connection.login ?? "",
      port: connection.port === null ? "" : String(connection.port),
      extra: hideExtra(connection.extra),
    };
    return {
      title: `Edit connection ${connection.connId}`,
      body: h(ConnectionFormPage, {
        mode: "edit",
        state: { values, errors: {} },
        passwordStored: connection.password !== null,
        testable,
      }),
    };
  });

  router.action(`${LIST}/new`, access("create"), async (request) => {
    const { form } = request;
    const connId = trimmed(form, "conn_id");
    const { connection, errors } = readForm(connId, form, null);
    if (!errors.conn_id && await store.getConnection(connId) !== null) {
      errors.conn_id = "a connection with this id already exists; edit it instead";
    }
    if (connection === null || Object.keys(errors).length > 0) {
      return refuse(router, request, { mode: "create", connId, errors });
    }
    try {
      await store.createConnection(connection);
    } catch (error) {
      if (!(error instanceof RecordExistsError)) throw error;
      const raced = { conn_id: "a connection with this id already exists; edit it instead" };
      return refuse(router, request, { mode: "create", connId, errors: raced });
    }
    changed(router);
    return { redirect: LIST, notice: { kind: "success", text: `Connection ${connId} added.` } };
  });

  router.action(`${LIST}/edit`, access("edit"), async (request) => {
    const current = await existing(store, request.query.get("conn_id") ?? "");
    const { connection, errors } = readForm(current.connId, request.form, current);
    if (connection === null || Object.keys(errors).length > 0) {
      return refuse(router, request, {
        mode: "edit",
        connId: current.connId,
        errors,
        passwordStored: current.password !== null,
      });
    }
    await store.updateConnection(connection);
    changed(router);
    return {
      redirect: LIST,
      notice: { kind: "success", text: `Connection ${current.connId} saved.` },
    };
  });

  // Test what the form holds, stored fields filling what it leaves blank; nothing is saved.
  router.action(`${LIST}/test`, access("create"), async (request) => {
    const editedId = request.query.get("conn_id");
    const current = editedId === null ? null : await existing(store, editedId);
    const connId = current?.connId ?? trimmed(request.form, "conn_id");
    const { connection, errors } = readForm(connId, request.form, current);
    const shown = {
      mode: current ? "edit" : "create",
      connId,
      passwordStored: current ? current.password !== null : undefined,
    } as const;
    if (connection === null || Object.keys(errors).length > 0) {
      return refuse(router, request, { ...shown, errors }, "Testing the connection");
    }
    const test = router.services.testConnection;
    const reusesStoredPassword = current !== null && current.password !== null &&
      (request.form.password ?? "") === "" && connection.password !== null;
    const result = test === null
      ? { status: false, message: "testing connections is disabled on this server" }
      : reusesStoredPassword && !sameDestination(connection, current)
      ? {
        status: false,
        message: "the stored password is only used to test the connection where it points; " +
          "type the password to test a changed type, host, port, login or schema",
      }
      : await test(connection);
    const retype = (request.form.password ?? "") === ""
      ? ""
      : " (type the password again to save it)";
    return refuse(router, request, { ...shown, errors: {} }, "", {
      kind: result.status ? "success" : "error",
      text: `Connection ${connId} ${result.status ? "works" : "test failed"}: ${result.message}` +
        retype,
    });
  });

  router.action(`${LIST}/delete`, access("delete"), async ({ form }) => {
    const connId = form.conn_id ?? "";
    if (!(await store.deleteConnection(connId))) {
      return {
        redirect: LIST,
        notice: {
          kind: "error",
          text: `Deleting connection ${connId} failed: there is no such connection.`,
        },
      };
    }
    changed(router);
    return { redirect: LIST, notice: { kind: "success", text: `Connection ${connId} deleted.` } };
  });
}

async function existing(store: Store, connId: string): Promise<Connection> {
  const connection = connId === "" ? null : await store.getConnection(connId);
  if (connection === null) throw new PageError(404, `There is no connection "${connId}".`);
  return connection;
}

/**
 * The connection a form describes, or what is wrong with it per field. `current` is the stored
 * connection when editing: its password and hidden extra values are kept unless replaced.
 */
function readForm(
  connId: string,
  form: Record<string, string>,
  current: Connection | null,
): { connection: Connection | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (connId === "") errors.conn_id = "must not be empty";
  else if (connId.length > CONN_ID_LENGTH) {
    errors.conn_id = `must be at most ${CONN_ID_LENGTH} characters`;
  } else if (!CONN_ID.test(connId)) {
    errors.conn_id = "must be made of letters, digits, dashes, dots and underscores only";
  }
  const connType = trimmed(form, "conn_type");
  if (connType === "") errors.conn_type = "must not be empty";
  const portText = trimmed(form, "port");
  const port = portText === "" ? null : Number(portText);
  if (port !== null && !(/^\d+$/.test(portText) && port <= 65535)) {
    errors.port = `must be a whole number from 0 to 65535, got "${portText}"`;
  }
  const extra = readExtra(trimmed(form, "extra"), current);
  if ("error" in extra) errors.extra = extra.error;
  const newPassword = form.password ?? "";
  const clear = current !== null && ticked(form, "clear_password");
  if (clear && newPassword !== "") {
    errors.password = "type a new password or tick “clear the password”, not both";
  }
  if (Object.keys(errors).length > 0 || "error" in extra) return { connection: null, errors };
  return {
    connection: {
      connId,
      connType,
      description: optional(form, "description"),
      host: optional(form, "host"),
      schema: optional(form, "schema"),
      login: optional(form, "login"),
      password: clear ? null : newPassword !== "" ? newPassword : current?.password ?? null,
      port,
      extra: extra.text,
    },
    errors,
  };
}

/** The extra to store: null when blank, else JSON object text with hidden values restored. */
function readExtra(
  text: string,
  current: Connection | null,
): { text: string | null } | { error: string } {
  if (text === "") return { text: null };
  const problem = jsonError(text);
  if (problem !== null) {
    return { error: `is not valid JSON (${problem}); give an object like ${EXTRA_EXAMPLE}` };
  }
  const parsed = JSON.parse(text);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { error: `must be a JSON object like ${EXTRA_EXAMPLE}` };
  }
  if (!text.includes(HIDDEN_PLACEHOLDER)) return { text };
  return { text: JSON.stringify(restoreHiddenExtra(parsed, current?.extra ?? null)) };
}

/**
 * The form again with the user's input: refused (400, naming the fields), or with `outcome`
 * as its notice (200, a connection test's result).
 */
function refuse(
  router: DashboardRouter,
  request: DashboardRequest,
  refused: {
    mode: "create" | "edit";
    connId: string;
    errors: FieldErrors;
    passwordStored?: boolean;
  },
  actionName?: string,
  outcome?: { kind: "success" | "error"; text: string },
): Response {
  const { form } = request;
  const editing = refused.mode === "edit";
  // The typed password is not sent back: the user types it again.
  const state: FormState = {
    values: {
      conn_id: editing ? refused.connId : form.conn_id ?? "",
      conn_type: form.conn_type ?? "",
      description: form.description ?? "",
      host: form.host ?? "",
      schema: form.schema ?? "",
      login: form.login ?? "",
      port: form.port ?? "",
      extra: form.extra ?? "",
      clear_password: ticked(form, "clear_password") ? "on" : "",
    },
    errors: refused.errors,
  };
  const action = actionName ||
    (editing ? `Saving connection ${refused.connId}` : "Adding a connection");
  return refusedForm(router, request, {
    title: editing ? `Edit connection ${refused.connId}` : "Add a connection",
    body: h(ConnectionFormPage, {
      mode: refused.mode,
      state,
      passwordStored: refused.passwordStored,
      testable: router.services.testConnection !== null,
    }),
    notice: outcome?.text ?? refusalText(action, refused.errors),
    kind: outcome?.kind,
  }, outcome ? 200 : 400);
}
