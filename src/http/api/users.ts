/**
 * `/users`: list, create, read, update and delete users in Airflow's (FAB's) shapes, plus the
 * role routes. Each user has exactly one role; passwords are hashed on the way in and neither
 * they nor their hashes are ever returned. Nobody may delete themselves, and the last Admin can
 * be neither deleted nor demoted, so the API can always be administered.
 *
 * @module
 */

import { z } from "zod";
import { type Role, ROLES, type User } from "../../core/mod.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";
import {
  emailTaken,
  hashPassword,
  type UserChangeRefusal,
  userChangeRefusal,
} from "../auth/mod.ts";
import { orderBy, pageLimit, pageOffset, updateMask } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { addRoleRoutes } from "./_roles.ts";
import { toUserDto, UserCollectionSchema, UserSchema } from "./_user_dto.ts";

const UPDATABLE_FIELDS = ["first_name", "last_name", "username", "email", "roles", "password"];

const text = (limit: number) =>
  z.string({ error: "must be a string" }).max(limit, {
    error: `must be at most ${limit} characters`,
  });

/** The body of `POST /users` and `PATCH /users/{username}`. */
const UserBody = named(
  "UserBody",
  z.strictObject({
    username: text(256).min(1, { error: "must not be empty" })
      .refine((name) => !name.includes(":"), {
        error: "must not contain ':' (HTTP basic authentication ends the username there)",
      }),
    email: text(256).min(1, { error: "must not be empty" }),
    first_name: text(256),
    last_name: text(256),
    roles: z.array(z.object({ name: z.string({ error: "must be a string" }) })).optional(),
    password: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" })
      .optional(),
  }),
  "A user to write. roles holds exactly one of Viewer, User, Op, Admin; the password is " +
    "write-only (required to create).",
);

type UserInput = z.output<typeof UserBody>;

const UsernamePath = z.object({ username: z.string() });

/** Add the user and role routes. */
export function addUserRoutes(router: ApiRouter, services: ApiServices): void {
  const { store, clock } = services;
  const tag = "User";
  const access = (action: "read" | "create" | "edit" | "delete") =>
    ({ resource: "users", action }) as const;

  router.add({
    method: "get",
    path: "/users",
    operationId: "get_users",
    summary: "List users",
    tag,
    access: access("read"),
    query: z.object({
      limit: pageLimit,
      offset: pageOffset,
      order_by: orderBy(ORDER_FIELDS.users),
    }),
    response: { status: 200, description: "A page of users.", schema: UserCollectionSchema },
    errors: [400],
    async handle({ query }) {
      const page = await store.listUsers({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      return json({ users: page.items.map(toUserDto), total_entries: page.total });
    },
  });

  router.add({
    method: "post",
    path: "/users",
    operationId: "post_user",
    summary: "Create a user",
    tag,
    access: access("create"),
    body: UserBody,
    response: { status: 200, description: "The user as stored.", schema: UserSchema },
    errors: [400, 409],
    async handle({ body }) {
      if (body.password === undefined) {
        throw new ApiProblem(400, "body 'password': a new user needs a password");
      }
      const role = roleOf(body.roles);
      if (await store.getUser(body.username) !== null) {
        throw new ApiProblem(
          409,
          `Username \`${body.username}\` already exists. Use PATCH to update.`,
        );
      }
      if (await emailTaken(store, body.email, null)) {
        throw new ApiProblem(409, `The email \`${body.email}\` is already taken.`);
      }
      const user: User = {
        username: body.username,
        email: body.email,
        firstName: body.first_name,
        lastName: body.last_name,
        role,
        passwordHash: await hashPassword(body.password),
        createdAt: clock.now(),
      };
      await store.createUser(user);
      return json(toUserDto(user));
    },
  });

  router.add({
    method: "get",
    path: "/users/{username}",
    operationId: "get_user",
    summary: "Get a user",
    tag,
    access: access("read"),
    params: UsernamePath,
    response: { status: 200, description: "The user.", schema: UserSchema },
    errors: [404],
    async handle({ params }) {
      const user = await store.getUser(params.username);
      if (user === null) throw notFound(params.username);
      return json(toUserDto(user));
    },
  });

  router.add({
    method: "patch",
    path: "/users/{username}",
    operationId: "patch_user",
    summary: "Update or rename a user; a new password is hashed",
    tag,
    access: access("edit"),
    params: UsernamePath,
    query: z.object({ update_mask: updateMask }),
    body: UserBody,
    response: { status: 200, description: "The user as stored.", schema: UserSchema },
    errors: [400, 404, 409],
    async handle({ params, query, body, user: caller }) {
      const fields = fieldsToUpdate(body, query.update_mask);
      const current = await store.getUser(params.username);
      if (current === null) throw notFound(params.username);
      const updated = await applyFields(current, body, fields);
      if (updated.username !== current.username && await store.getUser(updated.username)) {
        throw new ApiProblem(409, `The username \`${updated.username}\` already exists`);
      }
      if (updated.email !== current.email && await emailTaken(store, updated.email, current)) {
        throw new ApiProblem(409, `The email \`${updated.email}\` already exists`);
      }
      const refusal = await userChangeRefusal(store, {
        user: current,
        change: { role: updated.role },
        actor: caller?.username ?? null,
      });
      if (refusal !== null) {
        throw refused(`cannot give user '${current.username}' the role ${updated.role}`, refusal);
      }
      if (updated.username === current.username) {
        await store.updateUser(updated);
      } else {
        // Created before the old name goes, so a failure in between loses nobody.
        await store.createUser(updated);
        await store.deleteUser(current.username);
      }
      return json(toUserDto(updated));
    },
  });

  router.add({
    method: "delete",
    path: "/users/{username}",
    operationId: "delete_user",
    summary: "Delete a user (not yourself, not the last Admin)",
    tag,
    access: access("delete"),
    params: UsernamePath,
    response: { status: 204, description: "Deleted." },
    errors: [404, 409],
    async handle({ params, user: caller }) {
      const user = await store.getUser(params.username);
      if (user === null) throw notFound(params.username);
      const refusal = await userChangeRefusal(store, {
        user,
        change: "delete",
        actor: caller?.username ?? null,
      });
      if (refusal !== null) throw refused(`cannot delete user '${user.username}'`, refusal);
      if (!(await store.deleteUser(user.username))) throw notFound(params.username);
      return new Response(null, { status: 204 });
    },
  });

  addRoleRoutes(router);
}

function notFound(username: string): ApiProblem {
  return new ApiProblem(404, `The User with username \`${username}\` was not found`, {
    title: "User not found",
  });
}

/** The one known role `roles` names; anything else is a 400 naming the field. */
function roleOf(roles: { name: string }[] | undefined): Role {
  const known = ROLES.join(", ");
  if (roles === undefined || roles.length !== 1) {
    throw new ApiProblem(
      400,
      `body 'roles': give exactly one role, as [{"name": "<role>"}], one of ${known}; ` +
        `got ${roles?.length ?? 0}`,
    );
  }
  const role = ROLES.find((name) => name === roles[0].name);
  if (role === undefined) {
    throw new ApiProblem(400, `body 'roles': Unknown roles: '${roles[0].name}' (known: ${known})`);
  }
  return role;
}

/** The fields a PATCH writes: the body's, or those `update_mask` names, each in the body. */
function fieldsToUpdate(body: UserInput, mask: string[] | undefined): string[] {
  const present = UPDATABLE_FIELDS.filter((field) => body[field as keyof UserInput] !== undefined);
  if (mask === undefined || mask.length === 0) return present;
  const unknown = mask.filter((field) => !present.includes(field));
  if (unknown.length > 0) {
    throw new ApiProblem(
      400,
      `Unknown update masks: ${unknown.map((field) => `'${field}'`).join(", ")} ` +
        `(update_mask names fields of the body; updatable: ${UPDATABLE_FIELDS.join(", ")})`,
    );
  }
  return mask;
}

async function applyFields(current: User, body: UserInput, fields: string[]): Promise<User> {
  const updated = { ...current };
  const wants = (field: string) => fields.includes(field);
  if (wants("username")) updated.username = body.username;
  if (wants("email")) updated.email = body.email;
  if (wants("first_name")) updated.firstName = body.first_name;
  if (wants("last_name")) updated.lastName = body.last_name;
  if (wants("roles")) updated.role = roleOf(body.roles);
  if (wants("password")) updated.passwordHash = await hashPassword(body.password!);
  return updated;
}

/** The 409 for a refused change, starting with `action`. */
function refused(action: string, refusal: UserChangeRefusal): ApiProblem {
  const why = refusal === "self"
    ? "it is the user making this request"
    : "it is the last Admin user; give another user the Admin role first";
  return new ApiProblem(409, `${action}: ${why}`);
}
