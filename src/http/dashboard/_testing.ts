/**
 * Test support for the dashboard: the API harness's store, users, DAGs and runs, with the whole
 * HTTP app (API + dashboard) over them, and requests made as a logged-in user of each role
 * through `app.request()`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { Role } from "../../core/mod.ts";
import { ApiHarness } from "../api/_testing.ts";
import type { TestConnection } from "../api/mod.ts";
import { createHttpApp, type HttpApp } from "../http_app.ts";
import { SESSION_COOKIE } from "../auth/mod.ts";

/** A logged-in session: its cookie header and CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
}

/** The whole HTTP app over the API harness's store. */
export class DashboardHarness {
  readonly api: ApiHarness;
  readonly http: HttpApp;
  readonly #sessions = new Map<Role, TestSession>();

  private constructor(api: ApiHarness, http: HttpApp) {
    this.api = api;
    this.http = http;
  }

  /** A harness with one user per role (username = role in lower case). */
  static async open(
    options: { now?: string; store?: "sqlite" | "memory"; testConnection?: TestConnection } = {},
  ) {
    const api = await ApiHarness.open(options);
    const http = createHttpApp({
      store: api.store,
      clock: api.clock,
      version: "0.1.0-test",
      secretKey: "a test secret key that is long enough for HMAC",
      authenticator: api.authenticator,
      wake: () => api.wakes++,
      readLog: (key, tryNumber, { offset }) => api.readLog(key, tryNumber, offset ?? 0),
      changeIntervalMs: 20,
      testConnection: options.testConnection,
    });
    return new DashboardHarness(api, http);
  }

  /** The Hono app (API at /api/v1, dashboard at /). */
  get app(): Hono {
    return this.http.app;
  }

  async close(): Promise<void> {
    this.http.close();
    await this.api.close();
  }

  /** A session for a role's test user, made through the login form. */
  async session(role: Role): Promise<TestSession> {
    const known = this.#sessions.get(role);
    if (known) return known;
    const form = new URLSearchParams({
      username: role.toLowerCase(),
      password: `${role.toLowerCase()}-password`,
      next: "/dags",
    });
    const response = await this.app.request("/login", {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (response.status !== 303) {
      throw new Error(`logging in as ${role} answered ${response.status}`);
    }
    const setCookie = response.headers.get("set-cookie") ?? "";
    const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
    if (!token) throw new Error(`logging in as ${role} set no session cookie`);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const claims = await this.http.authenticator.tokens.verify(
      token,
      "session",
      this.api.clock.now(),
    );
    const csrfToken = await this.http.authenticator.tokens.csrfToken(claims!.sessionId);
    const session = { cookie, csrfToken };
    this.#sessions.set(role, session);
    return session;
  }

  /** GET a dashboard path as a role (null: without a session). */
  async get(path: string, as: Role | null = "Admin", headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers };
    if (as !== null) all.cookie = (await this.session(as)).cookie;
    return await this.app.request(path, { headers: all });
  }

  /** GET a page and return its status and HTML. */
  async page(path: string, as: Role | null = "Admin"): Promise<{ status: number; html: string }> {
    const response = await this.get(path, as);
    return { status: response.status, html: await response.text() };
  }

  /**
   * POST a form as a role, with the session's CSRF token unless `csrf` is false. Repeated
   * fields: pass an array.
   */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    options: { as?: Role; csrf?: boolean } = {},
  ): Promise<Response> {
    const session = await this.session(options.as ?? "Admin");
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    }
    if (options.csrf !== false) form.set("_csrf", session.csrfToken);
    return await this.app.request(path, {
      method: "POST",
      body: form,
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    });
  }
}

/** The text of a notice carried by a redirect's cookie, decoded; null when none. */
export function noticeOf(response: Response): { kind: string; text: string } | null {
  const match = /updraft_notice=([^;]+)/.exec(response.headers.get("set-cookie") ?? "");
  return match ? JSON.parse(decodeURIComponent(match[1])) : null;
}
