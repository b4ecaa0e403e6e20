/**
 * Declaring dashboard routes: pages (a whole HTML document inside the layout), fragments (a
 * live region's HTML), actions (a POST form that changes something, then redirects with a
 * notice) and raw responses (downloads, SSE). The router requires a session for all of them,
 * checks the role table and the CSRF token, and turns errors into a readable page or notice.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { VNode } from "preact";
import type { User } from "../../core/mod.ts";
import { ActionError } from "../../scheduler/mod.ts";
import { RecordExistsError, RecordNotFoundError, RunAlreadyExistsError } from "../../store/mod.ts";
import { type Action, CSRF_HEADER, isAllowed, type Resource } from "../auth/mod.ts";
import {
  ErrorPage,
  type PageChrome,
  renderFragment,
  renderPage,
  type Viewer,
} from "../../../ui/mod.ts";
import type { DashboardServices } from "./_services.ts";
import { type Notice, noticeCookie, readNotice } from "./_notice.ts";

/** Who may use a route: the action on the resource (every route needs a session). */
export interface Permission {
  resource: Resource;
  action: Action;
}

/** What a dashboard handler receives. */
export interface DashboardRequest {
  context: Context;
  /** The dashboard's services (for helpers that get only the request). */
  services: DashboardServices;
  user: User;
  viewer: Viewer;
  /** Path parameters. */
  params: Record<string, string>;
  /** The query string. */
  query: URLSearchParams;
  /** A POST form's fields (the last value of each name); empty for GET. */
  form: Record<string, string>;
  /** Every value of a repeated form field (checkboxes). */
  formAll(name: string): string[];
}

/** A page: its title and content. */
export interface PageResult {
  title: string;
  // deno-lint-ignore no-explicit-any
  body: VNode<any>;
  status?: number;
}

/** Where an action sends the browser next, and what it tells them. */
export interface ActionResult {
  redirect: string;
  notice?: Notice;
}

/** A page or action refused for a reason the user should read (404, 400, 409). */
export class PageError extends Error {
  constructor(readonly status: 400 | 403 | 404 | 409, message: string) {
    super(message);
    this.name = "PageError";
  }
}

/** Collects dashboard routes onto a Hono app. */
export class DashboardRouter {
  readonly app: Hono;
  readonly services: DashboardServices;

  constructor(app: Hono, services: DashboardServices) {
    this.app = app;
    this.services = services;
  }

  /** A GET page rendered inside the layout. */
  page(
    path: string,
    permission: Permission,
    handle: (request: DashboardRequest) => Promise<PageResult | Response>,
  ): void {
    this.app.get(path, (context) =>
      this.#run(context, permission, "page", async (request) => {
        const result = await handle(request);
        if (result instanceof Response) return result;
        return this.#html(context, request.viewer, result);
      }));
  }

  /** A GET fragment: a live region's HTML (its outer element carries `data-live`). */
  fragment(
    path: string,
    permission: Permission,
    // deno-lint-ignore no-explicit-any
    handle: (request: DashboardRequest) => Promise<VNode<any>>,
  ): void {
    this.app.get(path, (context) =>
      this.#run(context, permission, "fragment", async (request) => {
        const { html, styleVersion } = renderFragment(await handle(request), request.viewer);
        return new Response(html, {
          headers: {
            "content-type": "text/html; charset=utf-8",
            "cache-control": "no-store",
            "x-style-version": String(styleVersion),
          },
        });
      }));
  }

  /** A POST action from a form: checks the CSRF token, then redirects with a notice. */
  action(
    path: string,
    permission: Permission,
    handle: (request: DashboardRequest) => Promise<ActionResult | Response>,
  ): void {
    this.app.post(path, (context) =>
      this.#run(context, permission, "action", async (request) => {
        const result = await handle(request);
        if (result instanceof Response) return result;
        return redirectWithNotice(result.redirect, result.notice ?? null);
      }));
  }

  /** Any GET response (downloads, SSE streams). */
  raw(
    path: string,
    permission: Permission,
    handle: (request: DashboardRequest) => Promise<Response>,
  ): void {
    this.app.get(path, (context) => this.#run(context, permission, "raw", handle));
  }

  /** Whether `user` may perform the permission's action. */
  static allows(user: User, permission: Permission): boolean {
    return isAllowed(user.role, permission);
  }

  async #run(
    context: Context,
    permission: Permission,
    kind: "page" | "fragment" | "action" | "raw",
    handle: (request: DashboardRequest) => Promise<Response>,
  ): Promise<Response> {
    const { authenticator, clock } = this.services;
    const authenticated = await authenticator.authenticate(
      { cookie: context.req.header("cookie") },
      clock.now(),
    );
    if (authenticated === null || authenticated.claims === null) {
      if (kind === "page") {
        const next = context.req.path + (new URL(context.req.url).search);
        return context.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      }
      return new Response("Your session has ended: log in again.", { status: 401 });
    }
    const { user, claims } = authenticated;
    const csrfToken = await authenticator.tokens.csrfToken(claims.sessionId);
    const viewer: Viewer = {
      username: user.username,
      role: user.role,
      csrfToken,
      can: (resource, action) => isAllowed(user.role, { resource: resource as Resource, action }),
    };
    let form: Record<string, string> = {};
    let formData: FormData | null = null;
    if (kind === "action") {
      formData = await context.req.formData().catch(() => new FormData());
      form = Object.fromEntries(
        [...formData.entries()].map(([name, value]) => [name, String(value)]),
      );
      const sent = form._csrf ?? context.req.header(CSRF_HEADER);
      if (!(await authenticator.tokens.checkCsrf(claims.sessionId, sent))) {
        return this.#errorPage(
          context,
          viewer,
          403,
          "This form is out of date or did not come from Updraft (its CSRF token is missing or wrong). Reload the page and try again.",
        );
      }
    }
    const request: DashboardRequest = {
      context,
      services: this.services,
      user,
      viewer,
      params: context.req.param() as Record<string, string>,
      query: new URL(context.req.url).searchParams,
      form,
      formAll: (name) => formData?.getAll(name).map(String) ?? [],
    };
    if (!isAllowed(user.role, permission)) {
      const message = `Your role (${user.role}) may not ${permission.action} ${
        permission.resource.replaceAll("_", " ")
      }.`;
      return kind === "page" || kind === "action"
        ? this.#errorPage(context, viewer, 403, message)
        : new Response(message, { status: 403 });
    }
    try {
      return await handle(request);
    } catch (error) {
      const known = knownError(error);
      if (known === null) {
        console.error(`${context.req.method} ${context.req.path} failed:`, error);
      }
      const status = known?.status ?? 500;
      const message = known?.message ??
        `${context.req.method} ${context.req.path} failed with an unexpected error; the server log has the details.`;
      if (kind === "action" && status !== 500) {
        const back = safeRedirect(form._back ?? context.req.header("referer") ?? "/dags", context);
        return redirectWithNotice(back, { kind: "error", text: message });
      }
      if (kind === "page" || kind === "action") {
        return this.#errorPage(context, viewer, status, message);
      }
      return new Response(message, { status });
    }
  }

  async #html(context: Context, viewer: Viewer, result: PageResult): Promise<Response> {
    const notice = readNotice(context.req.header("cookie"));
    const chrome: PageChrome = {
      path: context.req.path + new URL(context.req.url).search,
      notice,
      healthWarning: await this.#healthWarning(),
      version: this.services.version,
    };
    const html = renderPage(result.body, { title: result.title, viewer, chrome });
    const headers = new Headers({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    });
    if (notice) headers.append("set-cookie", noticeCookie(null));
    return new Response(html, { status: result.status ?? 200, headers });
  }

  #errorPage(context: Context, viewer: Viewer, status: number, message: string): Promise<Response> {
    const title = status === 404
      ? "Not found"
      : status === 403
      ? "Not allowed"
      : status === 500
      ? "Something went wrong"
      : "Refused";
    return this.#html(context, viewer, { title, status, body: ErrorPage({ title, message }) });
  }

  async #healthWarning(): Promise<string | null> {
    const { store, clock, schedulerHealthyWithinMs } = this.services;
    try {
      const heartbeat = await store.latestHeartbeat("scheduler");
      const now = clock.now();
      if (heartbeat === null) {
        return "No scheduler has ever sent a heartbeat: nothing will be scheduled until one runs (`updraft scheduler` or `updraft serve`).";
      }
      if (heartbeat.heartbeatAt >= now - schedulerHealthyWithinMs) return null;
      const seconds = Math.round((now - heartbeat.heartbeatAt) / 1000);
      return `The scheduler's last heartbeat was ${seconds} s ago (${
        new Date(heartbeat.heartbeatAt).toISOString()
      }): runs and tasks are not being scheduled. Is the scheduler running?`;
    } catch (error) {
      return `The metadata database cannot be read: ${(error as Error).message}`;
    }
  }
}

/** A 303 redirect that carries a one-time notice in a cookie. */
export function redirectWithNotice(location: string, notice: Notice | null): Response {
  const headers = new Headers({ location });
  if (notice) headers.append("set-cookie", noticeCookie(notice));
  return new Response(null, { status: 303, headers });
}

/** A server-sent event stream: never cached, never buffered by a proxy. */
export function eventStreamResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}

/** Only same-site paths: never redirect to another host. */
export function safeRedirect(target: string, context: Context): string {
  try {
    const url = new URL(target, context.req.url);
    if (url.origin !== new URL(context.req.url).origin) return "/dags";
    return url.pathname + url.search;
  } catch {
    return "/dags";
  }
}

function knownError(error: unknown): { status: 400 | 403 | 404 | 409; message: string } | null {
  if (error instanceof PageError) return { status: error.status, message: error.message };
  if (error instanceof ActionError) {
    return {
      status: error.kind === "invalid" ? 400 : error.kind === "not_found" ? 404 : 409,
      message: error.message,
    };
  }
  if (error instanceof RunAlreadyExistsError || error instanceof RecordExistsError) {
    return { status: 409, message: error.message };
  }
  if (error instanceof RecordNotFoundError) return { status: 404, message: error.message };
  return null;
}
