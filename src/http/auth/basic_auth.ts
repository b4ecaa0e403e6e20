/**
 * HTTP basic authentication against the store's users. Basic auth sends the password with
 * every request, so successful verifications are remembered for a few minutes, keyed by a
 * SHA-256 of (username, password, stored hash): the slow KDF runs once per client, and a
 * changed password or user invalidates the entry by itself.
 *
 * @module
 */

import type { User } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { hashPassword, verifyPassword } from "./password.ts";

/** How basic authentication behaves. */
export interface BasicAuthOptions {
  /** The realm named in `WWW-Authenticate`; default "Updraft". */
  realm?: string;
  /** How long a successful verification is remembered, in ms; default 5 minutes. */
  cacheMs?: number;
  /** How many verifications are remembered at most; default 1000. */
  cacheSize?: number;
}

/** Credentials read from an `Authorization: Basic …` header. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Read `Authorization: Basic <base64(username:password)>`; null when absent or malformed.
 */
export function parseBasicAuthorization(
  header: string | null | undefined,
): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return null;
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(match[1]), (char) => char.charCodeAt(0));
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Checks basic credentials against the store's users, remembering recent successes. */
export class BasicAuthenticator {
  readonly realm: string;
  readonly #store: Store;
  readonly #cacheMs: number;
  readonly #cacheSize: number;
  /** SHA-256 key → when the entry expires (epoch ms); insertion order is age order. */
  readonly #verified = new Map<string, number>();
  #decoy: Promise<string> | null = null;

  constructor(store: Store, options: BasicAuthOptions = {}) {
    this.#store = store;
    this.realm = options.realm ?? "Updraft";
    this.#cacheMs = options.cacheMs ?? 5 * 60_000;
    this.#cacheSize = options.cacheSize ?? 1000;
  }

  /** How many verifications are remembered now (for tests and metrics). */
  get cachedCount(): number {
    return this.#verified.size;
  }

  /**
   * The user the header's credentials belong to, or null when they are missing or wrong.
   *
   * @param header The `Authorization` header, if any.
   * @param now The current time, epoch ms.
   */
  async authenticate(header: string | null | undefined, now: number): Promise<User | null> {
    const credentials = parseBasicAuthorization(header);
    if (credentials === null) return null;
    return await this.verify(credentials, now);
  }

  /**
   * The user the credentials belong to, or null when the username or password is wrong (the
   * login form and basic authentication share this, and its cache).
   */
  async verify(credentials: BasicCredentials, now: number): Promise<User | null> {
    const user = await this.#store.getUser(credentials.username);
    if (user === null) {
      // Spend the same time as a wrong password, so usernames cannot be probed by timing.
      await verifyPassword(credentials.password, await this.#decoyHash());
      return null;
    }
    const key = await cacheKey(credentials, user.passwordHash);
    const expires = this.#verified.get(key);
    if (expires !== undefined) {
      if (expires > now) return user;
      this.#verified.delete(key);
    }
    if (!(await verifyPassword(credentials.password, user.passwordHash))) return null;
    this.#remember(key, now + this.#cacheMs);
    return user;
  }

  #remember(key: string, expires: number): void {
    this.#verified.delete(key);
    this.#verified.set(key, expires);
    while (this.#verified.size > this.#cacheSize) {
      const oldest = this.#verified.keys().next().value;
      if (oldest === undefined) break;
      this.#verified.delete(oldest);
    }
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hashPassword(crypto.randomUUID());
    return this.#decoy;
  }
}

async function cacheKey(credentials: BasicCredentials, storedHash: string): Promise<string> {
  const text = JSON.stringify([credentials.username, credentials.password, storedHash]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
