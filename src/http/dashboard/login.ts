/**
 * Logging in and out: the login form checks the password with the same slow KDF (and cache) as
 * basic authentication, then sets an HttpOnly, SameSite session cookie; logging out revokes the
 * session and clears the cookie.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { h } from "preact";
import { readCookie, SESSION_COOKIE } from "../auth/mod.ts";
import { LoginPage, renderPage } from "../../../ui/mod.ts";
import type { DashboardServices } from "./_services.ts";
import { safeRedirect } from "./_page_router.ts";

/** Add `/login` and `/logout`. */
export function addLoginRoutes(app: Hono, services: DashboardServices): void {
  app.get("/login", (context) => {
    const next = safeRedirect(context.req.query("next") ?? "/dags", context);
    return loginPage(context, { next, error: null, username: "" }, 200);
  });

  app.post("/login", async (context) => {
    const form = await context.req.formData().catch(() => new FormData());
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const next = safeRedirect(String(form.get("next") ?? "/dags"), context);
    const now = services.clock.now();
    const user = username && password
      ? await services.authenticator.basic.verify({ username, password }, now)
      : null;
    if (user === null) {
      const error = username && password
        ? "The username or password is wrong."
        : "Enter both a username and a password.";
      return loginPage(context, { next, error, username }, 401);
    }
    const { token, claims } = await services.authenticator.issue(user, "session", now);
    const maxAge = Math.floor((claims.expiresAt - now) / 1000);
    const secure = new URL(context.req.url).protocol === "https:" ? "; Secure" : "";
    return new Response(null, {
      status: 303,
      headers: {
        location: next,
        "set-cookie":
          `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
      },
    });
  });

  app.post("/logout", async (context) => {
    const now = services.clock.now();
    const token = readCookie(context.req.header("cookie"), SESSION_COOKIE);
    const claims = token ? await services.authenticator.tokens.verify(token, "session", now) : null;
    if (claims) {
      const form = await context.req.formData().catch(() => new FormData());
      const valid = await services.authenticator.tokens.checkCsrf(
        claims.sessionId,
        String(form.get("_csrf") ?? ""),
      );
      // A forged logout form is refused; the session goes on.
      if (!valid) {
        return new Response("This logout form did not come from Updraft.", { status: 403 });
      }
      services.authenticator.tokens.revoke(claims, now);
    }
    return new Response(null, {
      status: 303,
      headers: {
        location: "/login",
        "set-cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      },
    });
  });
}

function loginPage(
  context: Context,
  props: { next: string; error: string | null; username: string },
  status: number,
): Response {
  const html = renderPage(h(LoginPage, props), {
    title: "Sign in",
    viewer: null,
    chrome: { path: context.req.path, notice: null, healthWarning: null, version: "" },
  });
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
