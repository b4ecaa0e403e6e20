/**
 * `/admin/users` (Admins only, reading too): list, add with the password typed twice, edit
 * names, email and role, reset the password, delete. Passwords are hashed with the slow KDF and
 * never shown; nobody deletes themselves, and the last Admin is neither deleted nor demoted.
 *
 * @module
 */

import { h } from "preact";
import { type Role, ROLES, type User } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { type FormState, UserFormPage, UsersPage } from "../../../ui/admin/mod.ts";
import { emailTaken, hashPassword, userChangeRefusal } from "../auth/mod.ts";
import { type DashboardRequest, type DashboardRouter, PageError } from "./_page_router.ts";
import {
  ADMIN_PAGE_SIZE,
  type FieldErrors,
  offsetOf,
  refusalText,
  refusedForm,
  trimmed,
} from "./_admin_forms.ts";

const LIST = "/admin/users";
const MIN_PASSWORD_LENGTH = 8;
const TEXT_LENGTH = 256;

/** Add the user pages and actions. */
export function addUserRoutes(router: DashboardRouter): void {
  const { store, clock } = router.services;
  const access = (action: "read" | "create" | "edit" | "delete") =>
    ({ resource: "users", action }) as const;

  router.page(LIST, access("read"), async ({ query }) => {
    const offset = offsetOf(query);
    const page = await store.listUsers({ limit: ADMIN_PAGE_SIZE, offset });
    const rows = page.items.map(({ passwordHash: _hidden, ...row }) => row);
    return {
      title: "Users",
      body: h(UsersPage, { rows, offset, limit: ADMIN_PAGE_SIZE, total: page.total }),
    };
  });

  router.page(`${LIST}/new`, access("create"), () =>
    Promise.resolve({
      title: "Add a user",
      body: h(UserFormPage, { mode: "create", state: { values: { role: "Viewer" }, errors: {} } }),
    }));

  router.page(`${LIST}/edit`, access("edit"), async ({ query }) => {
    const user = await existing(store, query.get("username") ?? "");
    return {
      title: `Edit user ${user.username}`,
      body: h(UserFormPage, { mode: "edit", state: { values: valuesOf(user), errors: {} } }),
    };
  });

  router.action(`${LIST}/new`, access("create"), async (request) => {
    const { form } = request;
    const username = trimmed(form, "username");
    const errors = {
      ...checkUsername(username),
      ...checkProfile(form),
      ...checkPassword(form, "password"),
    };
    if (!errors.username && await store.getUser(username) !== null) {
      errors.username = "a user with this username already exists";
    }
    if (!errors.email && await emailTaken(store, trimmed(form, "email"), null)) {
      errors.email = "another user has this email";
    }
    if (Object.keys(errors).length > 0) {
      return refuse(router, request, { mode: "create", username, errors });
    }
    await store.createUser({
      username,
      ...profileOf(form),
      passwordHash: await hashPassword(form.password),
      createdAt: clock.now(),
    });
    return { redirect: LIST, notice: { kind: "success", text: `User ${username} added.` } };
  });

  router.action(`${LIST}/edit`, access("edit"), async (request) => {
    const current = await existing(store, request.query.get("username") ?? "");
    const errors = checkProfile(request.form);
    const updated: User = { ...current, ...profileOf(request.form) };
    if (!errors.email && await emailTaken(store, updated.email, current)) {
      errors.email = "another user has this email";
    }
    if (!errors.role) {
      const refusal = await userChangeRefusal(store, {
        user: current,
        change: { role: updated.role },
        actor: request.user.username,
      });
      if (refusal !== null) {
        errors.role = "this is the last Admin; give another user the Admin role first";
      }
    }
    if (Object.keys(errors).length > 0) {
      return refuse(router, request, { mode: "edit", username: current.username, errors });
    }
    await store.updateUser(updated);
    const demotedSelf = current.username === request.user.username && updated.role !== "Admin";
    return {
      // Someone who is no longer an Admin may not read this list.
      redirect: demotedSelf ? "/dags" : LIST,
      notice: { kind: "success", text: `User ${current.username} saved.` },
    };
  });

  router.action(`${LIST}/password`, access("edit"), async (request) => {
    const current = await existing(store, request.query.get("username") ?? "");
    const errors = checkPassword(request.form, "new_password");
    if (Object.keys(errors).length > 0) {
      return refusedForm(router, request, {
        title: `Edit user ${current.username}`,
        body: h(UserFormPage, {
          mode: "edit",
          state: { values: valuesOf(current), errors: {} },
          passwordState: { values: {}, errors },
        }),
        notice: refusalText(`Resetting the password of user ${current.username}`, errors),
      });
    }
    await store.updateUser({
      ...current,
      passwordHash: await hashPassword(request.form.new_password),
    });
    const self = current.username === request.user.username;
    return {
      redirect: self ? "/login" : LIST,
      notice: {
        kind: "success",
        text: `The password of user ${current.username} was reset${
          self ? ": log in again with the new one" : ""
        }.`,
      },
    };
  });

  router.action(`${LIST}/delete`, access("delete"), async (request) => {
    const username = request.form.username ?? "";
    const refused = (why: string) => ({
      redirect: LIST,
      notice: { kind: "error" as const, text: `Deleting user ${username} refused: ${why}.` },
    });
    const user = username === "" ? null : await store.getUser(username);
    if (user === null) return refused("there is no such user");
    const refusal = await userChangeRefusal(store, {
      user,
      change: "delete",
      actor: request.user.username,
    });
    if (refusal === "self") return refused("you cannot delete yourself; another Admin can");
    if (refusal === "last_admin") {
      return refused("it is the last Admin; give another user the Admin role first");
    }
    await store.deleteUser(user.username);
    return { redirect: LIST, notice: { kind: "success", text: `User ${username} deleted.` } };
  });
}

async function existing(store: Store, username: string): Promise<User> {
  const user = username === "" ? null : await store.getUser(username);
  if (user === null) throw new PageError(404, `There is no user named "${username}".`);
  return user;
}

function valuesOf(user: User): Record<string, string> {
  return {
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    role: user.role,
  };
}

function profileOf(
  form: Record<string, string>,
): Pick<User, "firstName" | "lastName" | "email" | "role"> {
  return {
    firstName: trimmed(form, "first_name"),
    lastName: trimmed(form, "last_name"),
    email: trimmed(form, "email"),
    role: form.role as Role,
  };
}

function checkUsername(username: string): FieldErrors {
  if (username === "") return { username: "must not be empty" };
  if (username.length > TEXT_LENGTH) {
    return { username: `must be at most ${TEXT_LENGTH} characters` };
  }
  if (/[\s:]/.test(username)) {
    return {
      username: "must not contain spaces or ':' (basic authentication ends the name there)",
    };
  }
  return {};
}

function checkProfile(form: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of ["first_name", "last_name"]) {
    const text = trimmed(form, name);
    if (text === "") errors[name] = "must not be empty";
    else if (text.length > TEXT_LENGTH) errors[name] = `must be at most ${TEXT_LENGTH} characters`;
  }
  const email = trimmed(form, "email");
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = `must be an email address, got "${email}"`;
  else if (email.length > TEXT_LENGTH) errors.email = `must be at most ${TEXT_LENGTH} characters`;
  if (!(ROLES as readonly string[]).includes(form.role ?? "")) {
    errors.role = `must be one of ${ROLES.join(", ")}`;
  }
  return errors;
}

/** The password in field `name` and its confirmation in `<name>_confirm`. */
function checkPassword(form: Record<string, string>, name: string): FieldErrors {
  const password = form[name] ?? "";
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { [name]: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  if (form[`${name}_confirm`] !== password) {
    return { [`${name}_confirm`]: "does not match the password" };
  }
  return {};
}

function refuse(
  router: DashboardRouter,
  request: DashboardRequest,
  refused: { mode: "create" | "edit"; username: string; errors: FieldErrors },
): Response {
  const { form } = request;
  // Passwords are never sent back: the user types them again.
  const state: FormState = {
    values: {
      username: refused.mode === "edit" ? refused.username : form.username ?? "",
      first_name: form.first_name ?? "",
      last_name: form.last_name ?? "",
      email: form.email ?? "",
      role: form.role ?? "",
    },
    errors: refused.errors,
  };
  const editing = refused.mode === "edit";
  return refusedForm(router, request, {
    title: editing ? `Edit user ${refused.username}` : "Add a user",
    body: h(UserFormPage, { mode: refused.mode, state }),
    notice: refusalText(
      editing ? `Saving user ${refused.username}` : "Adding a user",
      refused.errors,
    ),
  });
}
