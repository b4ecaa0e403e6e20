/**
 * One-time notices after an action ("Run … triggered"), carried across the redirect in a short
 * cookie and cleared when shown.
 *
 * @module
 */

import { readCookie } from "../auth/mod.ts";

/** A notice: success or error, and its text. */
export interface Notice {
  kind: "success" | "error";
  text: string;
}

const NOTICE_COOKIE = "updraft_notice";

/** The `Set-Cookie` value that carries `notice` (or clears it, for null). */
export function noticeCookie(notice: Notice | null): string {
  const value = notice === null ? "" : encodeURIComponent(JSON.stringify(notice).slice(0, 3000));
  return `${NOTICE_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${notice ? 60 : 0}`;
}

/** The notice in the request's cookies, if any. */
export function readNotice(header: string | null | undefined): Notice | null {
  const raw = readCookie(header, NOTICE_COOKIE);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(decodeURIComponent(raw));
    if ((parsed.kind === "success" || parsed.kind === "error") && typeof parsed.text === "string") {
      return { kind: parsed.kind, text: parsed.text };
    }
  } catch {
    // A mangled cookie shows nothing.
  }
  return null;
}
