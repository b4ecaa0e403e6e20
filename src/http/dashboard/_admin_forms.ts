/**
 * What the admin pages share: showing a refused form again with the user's input and what was
 * wrong, reading paging from the query, and telling open pages that something changed.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderPage } from "../../../ui/mod.ts";
import type { DashboardRequest, DashboardRouter } from "./_page_router.ts";

/** Rows per admin list page. */
export const ADMIN_PAGE_SIZE = 50;

/** What was wrong with a form, per field name. */
export type FieldErrors = Record<string, string>;

/** The notice text for refused input: the action, then each field and what was wrong with it. */
export function refusalText(action: string, errors: FieldErrors): string {
  const reasons = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  return `${action} refused: ${reasons.join("; ")}.`;
}

/**
 * The form page again, answered 400 with an error notice (or `status` with a notice of `kind`,
 * for a form action that stores nothing, such as testing a connection): the user's input stays
 * in the fields and nothing is stored.
 */
export function refusedForm(
  router: DashboardRouter,
  request: DashboardRequest,
  // deno-lint-ignore no-explicit-any
  page: { title: string; body: VNode<any>; notice: string; kind?: "success" | "error" },
  status = 400,
): Response {
  const url = new URL(request.context.req.url);
  const html = renderPage(page.body, {
    title: page.title,
    viewer: request.viewer,
    chrome: {
      path: url.pathname + url.search,
      notice: { kind: page.kind ?? "error", text: page.notice },
      healthWarning: null,
      version: router.services.version,
    },
  });
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/** The list offset from `?offset=` (0 when absent or not a whole number). */
export function offsetOf(query: URLSearchParams): number {
  const offset = Number(query.get("offset") ?? "0");
  return Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
}

/** A form field's text with surrounding white space removed ("" when absent). */
export function trimmed(form: Record<string, string>, name: string): string {
  return (form[name] ?? "").trim();
}

/** A trimmed optional field: null when blank. */
export function optional(form: Record<string, string>, name: string): string | null {
  const text = trimmed(form, name);
  return text === "" ? null : text;
}

/** Whether a checkbox was ticked. */
export function ticked(form: Record<string, string>, name: string): boolean {
  return form[name] === "on";
}

/** Tell open pages (and, when it plans with it, the scheduler) that something changed. */
export function changed(router: DashboardRouter, options: { wake?: boolean } = {}): void {
  if (options.wake) router.services.wake();
  router.services.changes.notify();
}

/** The parse error of `text` as JSON, or null when it parses. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
