/**
 * Users as the API shows them: Airflow's (FAB's) User shape. The password hash never leaves;
 * Updraft keeps no login statistics, so those fields are null.
 *
 * @module
 */

import { z } from "zod";
import { formatIso, type User } from "../../core/mod.ts";
import { described, named } from "./_schemas.ts";

const dateTime = () => described(z.string(), { format: "date-time" }).nullable();

/** A user, without the password. */
export const UserCollectionItemSchema = named(
  "UserCollectionItem",
  z.object({
    first_name: z.string(),
    last_name: z.string(),
    username: z.string(),
    email: z.string(),
    active: z.boolean().nullable(),
    last_login: dateTime(),
    login_count: z.number().int().nullable(),
    failed_login_count: z.number().int().nullable(),
    roles: z.array(z.object({ name: z.string() })),
    created_on: dateTime(),
    changed_on: dateTime(),
  }),
  "A user. Its one role is the only item of roles; its password is never returned.",
);

/** One user (the same fields: the password is write-only). */
export const UserSchema = named("User", UserCollectionItemSchema.extend({}));

/** A page of users. */
export const UserCollectionSchema = named(
  "UserCollection",
  z.object({ users: z.array(UserCollectionItemSchema), total_entries: z.number().int() }),
);

/** Map a stored user; the password hash stays behind. */
export function toUserDto(user: User): z.infer<typeof UserCollectionItemSchema> {
  return {
    first_name: user.firstName,
    last_name: user.lastName,
    username: user.username,
    email: user.email,
    active: true,
    last_login: null,
    login_count: null,
    failed_login_count: null,
    roles: [{ name: user.role }],
    created_on: formatIso(user.createdAt),
    changed_on: null,
  };
}
