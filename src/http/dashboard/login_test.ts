import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DashboardHarness } from "./_testing.ts";

Deno.test("login: a page without a session redirects to the login form, keeping the path", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const response = await h.get("/nowhere?tags=x", null);
    assertEquals(response.status, 303);
    assertEquals(response.headers.get("location"), "/login?next=%2Fnowhere%3Ftags%3Dx");
    const missing = await h.page("/nowhere", "Viewer");
    assertEquals(missing.status, 404);
    assertEquals(missing.html.includes("There is no page at /nowhere."), true);
    const form = await h.app.request("/login?next=%2Fdags");
    const html = await form.text();
    assertEquals(form.status, 200);
    assertEquals(html.includes('name="password"'), true);
    assertEquals(form.headers.get("content-security-policy")?.includes("script-src 'self'"), true);
  } finally {
    await h.close();
  }
});

Deno.test("login: a wrong password is refused with a message; the right one sets a safe cookie", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const wrong = await h.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "viewer", password: "nope", next: "/dags" }),
    });
    assertEquals(wrong.status, 401);
    assertEquals((await wrong.text()).includes("The username or password is wrong."), true);
    assertEquals(wrong.headers.get("set-cookie"), null);
    const right = await h.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        username: "viewer",
        password: "viewer-password",
        next: "https://evil.example/steal",
      }),
    });
    assertEquals(right.status, 303);
    // Never redirect to another site after login.
    assertEquals(right.headers.get("location"), "/dags");
    const cookie = right.headers.get("set-cookie") ?? "";
    for (const part of ["HttpOnly", "SameSite=Lax", "Path=/"]) {
      assertEquals(cookie.includes(part), true, cookie);
    }
  } finally {
    await h.close();
  }
});

Deno.test("logout: needs the CSRF token, then ends the session for good", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const forged = await h.post("/logout", {}, { as: "User", csrf: false });
    assertEquals(forged.status, 403);
    assertEquals((await h.get("/ui/events", "User")).status !== 401, true);
    const out = await h.post("/logout", {}, { as: "User" });
    assertEquals(out.status, 303);
    assertEquals(out.headers.get("location"), "/login");
    const after = await h.get("/nowhere", "User");
    assertEquals(after.status, 303);
  } finally {
    await h.close();
  }
});

Deno.test("static: the client script and the stylesheet are served from inside the program", async () => {
  const h = await DashboardHarness.open({ store: "memory" });
  try {
    const script = await h.app.request("/static/client.js");
    assertEquals(script.headers.get("content-type"), "text/javascript; charset=utf-8");
    assertEquals((await script.text()).includes("EventSource"), true);
    const style = await h.app.request("/static/style.css");
    assertEquals(style.headers.get("content-type"), "text/css; charset=utf-8");
    await style.body?.cancel();
  } finally {
    await h.close();
  }
});
