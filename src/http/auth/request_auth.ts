/**
 * Who sent a request: HTTP basic credentials, a bearer token, or the dashboard's session cookie,
 * checked in that order. One authenticator serves the API and the dashboard, so a logged-in
 * browser can call the API with its cookie (and its CSRF token for changes).
 *
 * @module
 */

import type { User } from "../../core/mod.ts";
import type { Store } from "../../store/mod.ts";
import { BasicAuthenticator, type BasicAuthOptions } from "./basic_auth.ts";
import {
  fingerprintOf,
  SessionTokens,
  type TokenClaims,
  type TokenKind,
} from "./session_tokens.ts";

/** The name of the dashboard's session cookie. */
export const SESSION_COOKIE = "updraft_session";

/** The header scripts send the CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

/** An authenticated request's user and how it proved who it is. */
export interface Authenticated {
  user: User;
  via: "basic" | "bearer" | "session";
  /** The session's claims when `via` is "session" or "bearer". */
  claims: TokenClaims | null;
}

/** Settings of {@link RequestAuthenticator}. */
export interface RequestAuthOptions {
  /** The key that signs session cookies and bearer tokens (≥ 32 bytes). */
  secretKey: Uint8Array | string;
  basic?: BasicAuthOptions;
  /** How long a dashboard session lasts; default 12 hours. */
  sessionLifetimeMs?: number;
  /** How long an API bearer token lasts; default 24 hours. */
  tokenLifetimeMs?: number;
}

/** Authenticates requests for the API and the dashboard. */
export class RequestAuthenticator {
  readonly basic: BasicAuthenticator;
  readonly tokens: SessionTokens;
  readonly sessionLifetimeMs: number;
  readonly tokenLifetimeMs: number;
  readonly #store: Store;

  constructor(store: Store, options: RequestAuthOptions) {
    this.#store = store;
    this.basic = new BasicAuthenticator(store, options.basic);
    this.tokens = new SessionTokens(options.secretKey);
    this.sessionLifetimeMs = options.sessionLifetimeMs ?? 12 * 60 * 60_000;
    this.tokenLifetimeMs = options.tokenLifetimeMs ?? 24 * 60 * 60_000;
  }

  /** The user behind the request's `Authorization` header or session cookie; null if none. */
  async authenticate(
    headers: { authorization?: string | null; cookie?: string | null },
    now: number,
  ): Promise<Authenticated | null> {
    const authorization = headers.authorization ?? "";
    if (/^Basic\s/i.test(authorization)) {
      const user = await this.basic.authenticate(authorization, now);
      return user === null ? null : { user, via: "basic", claims: null };
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) return await this.#fromToken(bearer[1], "api", now);
    if (authorization.trim() !== "") return null;
    const cookie = readCookie(headers.cookie, SESSION_COOKIE);
    return cookie === null ? null : await this.#fromToken(cookie, "session", now);
  }

  /** Issue a session (cookie) or API (bearer) token for a user who proved who they are. */
  issue(user: User, kind: TokenKind, now: number): Promise<{ token: string; claims: TokenClaims }> {
    const lifetimeMs = kind === "session" ? this.sessionLifetimeMs : this.tokenLifetimeMs;
    return this.tokens.issue(user, { kind, now, lifetimeMs });
  }

  async #fromToken(token: string, kind: TokenKind, now: number): Promise<Authenticated | null> {
    const claims = await this.tokens.verify(token, kind, now);
    if (claims === null) return null;
    const user = await this.#store.getUser(claims.username);
    if (user === null || (await fingerprintOf(user.passwordHash)) !== claims.fingerprint) {
      return null;
    }
    return { user, via: kind === "api" ? "bearer" : "session", claims };
  }
}

/** One cookie's value from a `Cookie` header; null when absent. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const equals = part.indexOf("=");
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return null;
}
