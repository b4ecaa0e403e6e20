import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { assertMinimumRole } from "./_access_testing.ts";
import { HIDDEN, isSensitiveKey, isSensitiveValue } from "./_config_sections.ts";
import { airflowSchemas } from "./_openapi_check.ts";
import { ApiHarness } from "./_testing.ts";

const SECRETS = ["s3cret-db", "hunter2-admin", "0123456789abcdef0123456789abcdef", "tok-123"];

/** Updraft's settings, with secrets where they tend to hide. */
const CONFIG = {
  home: "/srv/updraft",
  dagsFolder: "/srv/updraft/dags",
  databaseUrl: "postgres://updraft:s3cret-db@db:5432/updraft",
  logsFolder: "/srv/updraft/logs",
  host: "0.0.0.0",
  port: 8080,
  pausedAtCreation: true,
  parallelism: 32,
  adminPassword: "hunter2-admin",
  secretKey: "0123456789abcdef0123456789abcdef",
  rescanIntervalMs: 10_000,
  executorProcesses: 2,
  webhookUrl: "https://hooks.example.com/notify?token=tok-123",
  extraHosts: ["a.example.com", "b.example.com"],
  smtp: { host: "mail.example.com", port: 587, password: "tok-123", starttls: null },
};

const open = () => ApiHarness.open({ store: "memory", config: CONFIG });

Deno.test("GET /config: Airflow's Config, sections like Airflow's, secrets hidden", async () => {
  const h = await open();
  try {
    const response = await h.request("GET", "/config", { as: "Op" });
    assertEquals(response.status, 200);
    const text = await response.text();
    for (const secret of SECRETS) assert(!text.includes(secret), `${secret} leaked`);
    const body = JSON.parse(text);
    (await airflowSchemas()).assert("Config", body);
    assertEquals(body, {
      sections: [
        {
          name: "core",
          options: [
            { key: "home", value: "/srv/updraft" },
            { key: "dagsFolder", value: "/srv/updraft/dags" },
            { key: "pausedAtCreation", value: "true" },
            { key: "parallelism", value: "32" },
            { key: "webhookUrl", value: HIDDEN },
            { key: "extraHosts", value: '["a.example.com","b.example.com"]' },
          ],
        },
        { name: "database", options: [{ key: "databaseUrl", value: HIDDEN }] },
        { name: "logging", options: [{ key: "logsFolder", value: "/srv/updraft/logs" }] },
        {
          name: "webserver",
          options: [
            { key: "host", value: "0.0.0.0" },
            { key: "port", value: "8080" },
            { key: "adminPassword", value: HIDDEN },
            { key: "secretKey", value: HIDDEN },
          ],
        },
        { name: "scheduler", options: [{ key: "rescanIntervalMs", value: "10000" }] },
        { name: "executor", options: [{ key: "executorProcesses", value: "2" }] },
        {
          name: "smtp",
          options: [
            { key: "host", value: "mail.example.com" },
            { key: "port", value: "587" },
            { key: "password", value: HIDDEN },
            { key: "starttls", value: "" },
          ],
        },
      ],
    });
  } finally {
    await h.close();
  }
});

Deno.test("GET /config: one section; an unknown section is a 404 listing the known ones", async () => {
  const h = await open();
  try {
    const response = await h.request("GET", "/config?section=webserver");
    const body = await response.json();
    assertEquals(body.sections.map((section: { name: string }) => section.name), ["webserver"]);
    const missing = await h.request("GET", "/config?section=celery");
    assertEquals(missing.status, 404);
    const problem = await missing.json();
    (await airflowSchemas()).assert("Error", problem);
    assertEquals(problem.title, "section not found.");
    assert(problem.detail.startsWith("section=celery not found. Sections: core, database"));
  } finally {
    await h.close();
  }
});

Deno.test("GET /config: Airflow's text form when Accept asks; 406 for neither", async () => {
  const h = await open();
  try {
    const response = await h.request("GET", "/config?section=logging", {
      headers: { accept: "text/plain" },
    });
    assertEquals(response.headers.get("content-type"), "text/plain; charset=utf-8");
    assertEquals(await response.text(), "[logging]\nlogsFolder = /srv/updraft/logs\n");
    const all = await (await h.request("GET", "/config", { headers: { accept: "text/*" } }))
      .text();
    assert(all.startsWith("[core]\nhome = /srv/updraft\n"), all);
    assert(all.includes("\n\n[database]\ndatabaseUrl = < hidden >\n\n[logging]\n"), all);
    for (const secret of SECRETS) assert(!all.includes(secret), `${secret} leaked`);
    const refused = await h.request("GET", "/config", { headers: { accept: "text/html" } });
    assertEquals(refused.status, 406);
    await refused.body?.cancel();
  } finally {
    await h.close();
  }
});

Deno.test("GET /config/section/{section}/option/{option}: one option, hidden if secret", async () => {
  const h = await open();
  const airflow = await airflowSchemas();
  try {
    const response = await h.request("GET", "/config/section/core/option/parallelism");
    const body = await response.json();
    airflow.assert("Config", body);
    assertEquals(body, {
      sections: [{ name: "core", options: [{ key: "parallelism", value: "32" }] }],
    });
    const secret = await h.request("GET", "/config/section/smtp/option/password", {
      headers: { accept: "text/plain" },
    });
    assertEquals(await secret.text(), `[smtp]\npassword = ${HIDDEN}\n`);
    const missing = await h.request("GET", "/config/section/core/option/colour");
    assertEquals(missing.status, 404);
    const problem = await missing.json();
    airflow.assert("Error", problem);
    assertEquals(problem.detail, "The option [core/colour] is not found in config.");
  } finally {
    await h.close();
  }
});

Deno.test("GET /config: Op and Admin only; Viewer and User 403; no login 401", async () => {
  const h = await open();
  try {
    await assertMinimumRole(h, { method: "GET", path: "/config" }, "Op");
    await assertMinimumRole(h, { method: "GET", path: "/config/section/core/option/home" }, "Op");
  } finally {
    await h.close();
  }
});

Deno.test("config redaction: secret-sounding keys and credential-bearing values", () => {
  for (
    const key of ["adminPassword", "secret_key", "api-token", "AWS.SecretAccessKey", "fernetKey"]
  ) {
    assertEquals(isSensitiveKey(key), true, key);
  }
  for (const key of ["dagsFolder", "maxActiveTasksPerDag", "monkeyCount", "tokenizer"]) {
    assertEquals(isSensitiveKey(key), false, key);
  }
  for (
    const value of [
      "mysql://root:pw@localhost/db",
      "host=db user=u password=p",
      "https://x.example.com/?api_key=1",
      "-----BEGIN RSA PRIVATE KEY-----\nMII…",
      '{"db":{"password":"x"}}',
    ]
  ) {
    assertEquals(isSensitiveValue(value), true, value);
  }
  for (const value of ["sqlite:/srv/updraft.db", "https://user@example.com/", "keys are fine"]) {
    assertEquals(isSensitiveValue(value), false, value);
  }
});
