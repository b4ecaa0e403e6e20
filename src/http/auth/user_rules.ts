/**
 * The rules on removing users that keep an installation administrable, shared by the REST API
 * and the dashboard: nobody deletes themselves, and the last Admin is neither deleted nor given
 * another role. Each interface words the refusal its own way.
 *
 * @module
 */

import type { Role, User } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";

/** Users read per store call. */
const BATCH = 500;

/** A change that may take a user, or its Admin role, away. */
export interface UserChange {
  /** The user as stored. */
  user: User;
  /** `delete`, or the role the user is to have. */
  change: "delete" | { role: Role };
  /** The username of whoever asks; null when unknown. */
  actor: string | null;
}

/**
 * Why a change is refused: `self` (deleting the user who asks) or `last_admin` (no other user
 * would be left with the Admin role).
 */
export type UserChangeRefusal = "self" | "last_admin";

/** Every user, page by page (there are few). */
export async function allUsers(store: Store): Promise<User[]> {
  const users: User[] = [];
  for (let offset = 0;; offset += BATCH) {
    const page = await store.listUsers({ limit: BATCH, offset });
    users.push(...page.items);
    if (page.items.length < BATCH) return users;
  }
}

/** Why `change` may not be made, or null when it may. */
export async function userChangeRefusal(
  store: Store,
  { user, change, actor }: UserChange,
): Promise<UserChangeRefusal | null> {
  if (change === "delete" && user.username === actor) return "self";
  const keepsAdmin = change !== "delete" && change.role === "Admin";
  if (user.role !== "Admin" || keepsAdmin) return null;
  const admins = (await allUsers(store)).filter((other) => other.role === "Admin");
  return admins.length <= 1 ? "last_admin" : null;
}

/**
 * Whether another user (not `except`) has this email; emails compare without case, as mail
 * systems treat them.
 */
export async function emailTaken(
  store: Store,
  email: string,
  except: User | null,
): Promise<boolean> {
  const wanted = email.toLowerCase();
  return (await allUsers(store)).some((user) =>
    user.email.toLowerCase() === wanted && user.username !== except?.username
  );
}
