/**
 * Signed, expiring tokens for dashboard sessions (a cookie) and API bearer tokens, and the CSRF
 * token that goes with a session. A token carries the username, a session id, its expiry and a
 * fingerprint of the user's password hash, signed with HMAC-SHA256: no server-side session
 * table is needed, several processes sharing the secret key accept each other's tokens, and a
 * changed password ends every session of that user. Logging out revokes the session id in this
 * process until the token would have expired anyway.
 *
 * @module
 */

import type { User } from "../../core/mod.ts";
import { constantTimeEqual } from "./password.ts";

/** What a token is for: a browser session (cookie) or an API bearer token. */
export type TokenKind = "session" | "api";

/** A verified token's content. */
export interface TokenClaims {
  kind: TokenKind;
  username: string;
  sessionId: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Fingerprint of the password hash the token was issued against. */
  fingerprint: string;
}

const encoder = new TextEncoder();

/** Issues and verifies tokens with one secret key. */
export class SessionTokens {
  readonly #key: Promise<CryptoKey>;
  /** Revoked session id → when its token expires (epoch ms). */
  readonly #revoked = new Map<string, number>();

  /** @param secret The secret key: at least 32 bytes (or a string of at least 32 characters). */
  constructor(secret: Uint8Array | string) {
    const bytes = typeof secret === "string" ? encoder.encode(secret) : secret;
    if (bytes.length < 32) {
      throw new Error(
        `the secret key for sessions must be at least 32 bytes long; this one has ${bytes.length}`,
      );
    }
    this.#key = crypto.subtle.importKey(
      "raw",
      new Uint8Array(bytes),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
  }

  /** A new token for `user`, valid for `lifetimeMs` from `now`. */
  async issue(
    user: User,
    options: { kind: TokenKind; now: number; lifetimeMs: number },
  ): Promise<{ token: string; claims: TokenClaims }> {
    const claims: TokenClaims = {
      kind: options.kind,
      username: user.username,
      sessionId: crypto.randomUUID(),
      expiresAt: options.now + options.lifetimeMs,
      fingerprint: await fingerprintOf(user.passwordHash),
    };
    const payload = base64Url(encoder.encode(JSON.stringify(claims)));
    return { token: `${payload}.${await this.#sign(payload)}`, claims };
  }

  /**
   * The claims of a token signed with this key, of the given kind, not expired and not revoked;
   * null otherwise. The caller still checks the user and {@link fingerprintOf} its password.
   */
  async verify(token: string, kind: TokenKind, now: number): Promise<TokenClaims | null> {
    const dot = token.indexOf(".");
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    if (!(await this.#isSignatureOf(payload, token.slice(dot + 1)))) return null;
    const bytes = fromBase64Url(payload);
    if (bytes === null) return null;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return null;
    }
    if (claims.kind !== kind || !(claims.expiresAt > now)) return null;
    if (this.#revoked.has(claims.sessionId)) return null;
    return claims;
  }

  /** End a session: its token is refused from now on. */
  revoke(claims: TokenClaims, now: number): void {
    for (const [sessionId, expiresAt] of this.#revoked) {
      if (expiresAt <= now) this.#revoked.delete(sessionId);
    }
    this.#revoked.set(claims.sessionId, claims.expiresAt);
  }

  /** The CSRF token of a session: forms and scripts send it back with every change. */
  csrfToken(sessionId: string): Promise<string> {
    return this.#sign(`csrf.${sessionId}`);
  }

  /** Whether `candidate` is the CSRF token of the session. */
  async checkCsrf(sessionId: string, candidate: string | null | undefined): Promise<boolean> {
    if (!candidate) return false;
    return await this.#isSignatureOf(`csrf.${sessionId}`, candidate);
  }

  /**
   * Whether `candidate` is the signature of `text`, compared as text in constant time: base64
   * decoders ignore a last character's unused bits, so comparing decoded bytes would accept
   * other spellings of the same signature.
   */
  async #isSignatureOf(text: string, candidate: string): Promise<boolean> {
    const expected = encoder.encode(await this.#sign(text));
    return constantTimeEqual(expected, encoder.encode(candidate));
  }

  async #sign(text: string): Promise<string> {
    const signature = await crypto.subtle.sign("HMAC", await this.#key, encoder.encode(text));
    return base64Url(new Uint8Array(signature));
  }
}

/** A short fingerprint of a password hash: changing the password changes it. */
export async function fingerprintOf(passwordHash: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(passwordHash));
  return base64Url(new Uint8Array(digest).slice(0, 12));
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
