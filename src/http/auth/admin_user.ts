/**
 * The first user: on a fresh install with no users, an `admin` user is created so the API and
 * the dashboard can be reached at all (DESIGN.md §6, "Security by default").
 *
 * @module
 */

import type { User } from "../../core/mod.ts";
import { RecordExistsError, type Store } from "../../store/mod.ts";
import { hashPassword } from "./password.ts";

/** The username of the first user. */
export const ADMIN_USERNAME = "admin";

/** What {@link ensureAdminUser} did. */
export interface EnsureAdminResult {
  /** Whether the `admin` user was created now. */
  created: boolean;
  /** The generated password, to print once; absent when a password was given or nothing was created. */
  password?: string;
  /** Whether the password was generated. */
  generated: boolean;
}

/**
 * With no users at all, create `admin` (role Admin) with `options.password`, or with a
 * generated password of 24 random URL-safe characters that is returned so the caller can print
 * it once. With users present, do nothing.
 */
export async function ensureAdminUser(
  store: Store,
  options: { password?: string; now: number },
): Promise<EnsureAdminResult> {
  if ((await store.countUsers()) > 0) return { created: false, generated: false };
  const given = options.password;
  if (given !== undefined && given.length === 0) {
    throw new Error("Creating the admin user failed: the given admin password is empty");
  }
  const password = given ?? generatePassword();
  const user: User = {
    username: ADMIN_USERNAME,
    email: "admin@localhost",
    firstName: "Admin",
    lastName: "User",
    role: "Admin",
    passwordHash: await hashPassword(password),
    createdAt: options.now,
  };
  try {
    await store.createUser(user);
  } catch (error) {
    // Another process created it meanwhile: that one stands.
    if (error instanceof RecordExistsError) return { created: false, generated: false };
    throw error;
  }
  return given === undefined
    ? { created: true, password, generated: true }
    : { created: true, generated: false };
}

/** 24 random URL-safe characters (18 random bytes, base64url). */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}
