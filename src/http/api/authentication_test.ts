import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { hashPassword } from "../auth/mod.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

Deno.test("authentication: guarded endpoints answer 401 with WWW-Authenticate", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  const airflow = await airflowSchemas();
  try {
    for (
      const [header, words] of [
        [undefined, "needs HTTP basic authentication"],
        [ApiHarness.basic("Admin", "wrong"), "are wrong"],
        [`Basic ${btoa("ghost:admin-password")}`, "are wrong"],
        ["Bearer token", "are wrong"],
      ] as const
    ) {
      const headers: Record<string, string> = header ? { authorization: header } : {};
      const response = await h.request("GET", "/dags", { as: null, headers });
      assertEquals(response.status, 401, String(header));
      assertEquals(response.headers.get("www-authenticate"), 'Basic realm="Updraft"');
      const problem = await response.json();
      airflow.assert("Error", problem);
      assertEquals(problem.title, "Unauthorized");
      assertEquals(problem.detail.includes(words), true, problem.detail);
    }
  } finally {
    await h.close();
  }
});

Deno.test("authentication: a verified password keeps working; a changed one stops", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  try {
    for (let index = 0; index < 3; index++) {
      const response = await h.request("GET", "/dags", { as: "User" });
      assertEquals(response.status, 200);
      await response.body?.cancel();
    }
    const user = (await h.store.getUser("user"))!;
    await h.store.updateUser({ ...user, passwordHash: await hashPassword("rotated") });
    let response = await h.request("GET", "/dags", { as: "User" });
    assertEquals(response.status, 401);
    await response.body?.cancel();
    response = await h.request("GET", "/dags", {
      as: null,
      headers: { authorization: ApiHarness.basic("User", "rotated") },
    });
    assertEquals(response.status, 200);
    await response.body?.cancel();
    // A role change takes effect at once, even for a remembered password.
    await h.store.updateUser({ ...(await h.store.getUser("user"))!, role: "Viewer" });
    response = await h.request("POST", "/dags/x/dagRuns", {
      as: null,
      headers: { authorization: ApiHarness.basic("User", "rotated") },
      body: {},
    });
    assertEquals(response.status, 403);
    await response.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("errors: an unexpected failure is a 500 that names no internals; health degrades", async () => {
  const h = await ApiHarness.open({ store: "memory" });
  await h.store.close();
  const logged: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const response = await h.request("GET", "/dags");
    assertEquals(response.status, 500);
    const problem = await response.json();
    (await airflowSchemas()).assert("Error", problem);
    assertEquals(problem.title, "Internal Server Error");
    assertEquals(
      problem.detail,
      "GET /dags failed with an unexpected error; the server log has the details",
    );
    assertEquals(logged.length, 1);
    assertEquals(String(logged[0][1]).includes("closed"), true);
    const health = await (await h.request("GET", "/health", { as: null })).json();
    assertEquals(health.metadatabase.status, "unhealthy");
  } finally {
    console.error = original;
  }
});
