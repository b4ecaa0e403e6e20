import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { makeTestCertificates, startHttpApi } from "../../tests/servers/http.ts";
import { HttpHook, HttpStatusError, testConnection } from "./mod.ts";

const PASSWORD = "s3cret-http-password";
const TOKEN = "tok-0123456789";

function connection(fields: Partial<TaskConnection>): TaskConnection {
  return {
    connId: "api",
    connType: "http",
    host: null,
    schema: null,
    login: null,
    password: null,
    port: null,
    extra: {},
    ...fields,
  };
}

Deno.test("HttpHook: basic auth from login/password, base URL from host and port, JSON body", async () => {
  const api = await startHttpApi({ login: "ada", password: PASSWORD });
  try {
    const hook = new HttpHook(
      connection({ host: api.host, port: api.port, login: "ada", password: PASSWORD }),
    );
    assert.equal(hook.baseUrl, api.url);
    const response = await hook.run("/basic/users/1");
    assert.equal(response.status, 200);
    assert.equal(response.json().name, "Ada Lovelace");
    assert.equal(response.json<{ id: number }>().id, 1); // the body can be read again
    assert.equal(api.requests[0].headers.authorization, `Basic ${btoa(`ada:${PASSWORD}`)}`);
  } finally {
    await api.stop();
  }
});

Deno.test("HttpHook: a wrong password is an HttpStatusError naming the connection and host, never the password", async () => {
  const api = await startHttpApi({ login: "ada", password: PASSWORD });
  try {
    const hook = new HttpHook(
      connection({ host: api.host, port: api.port, login: "ada", password: "wrong-password-123" }),
    );
    const error = await hook.run("basic/users/1").then(() => null, (error) => error);
    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.status, 401);
    assert.match(
      error.message,
      new RegExp(
        `^connection "api" \\(http at 127\\.0\\.0\\.1:${api.port}\\): GET /basic/users/1 answered HTTP 401`,
      ),
    );
    assert.match(error.message, /refused the connection's credentials/);
    assert.doesNotMatch(error.message, /wrong-password-123/);
    const unchecked = await hook.run("basic/users/1", { checkResponse: false });
    assert.equal(unchecked.status, 401);
  } finally {
    await api.stop();
  }
});

Deno.test("HttpHook: bearer from extra.token, from auth_type bearer, and from a password alone", async () => {
  const api = await startHttpApi({ token: TOKEN });
  try {
    for (
      const fields of [
        { login: "someone", password: "other", extra: { token: TOKEN } },
        { login: "someone", password: TOKEN, extra: { auth_type: "bearer" } },
        { password: TOKEN },
      ] as Partial<TaskConnection>[]
    ) {
      const hook = new HttpHook(connection({ host: api.url, ...fields }));
      assert.equal((await hook.run("bearer/users/2")).json().name, "Alan Turing");
    }
  } finally {
    await api.stop();
  }
});

Deno.test("HttpHook: GET data is the query, POST data is a form, json is JSON; headers from extra, then the request's", async () => {
  const api = await startHttpApi();
  try {
    const hook = new HttpHook(
      connection({
        host: `${api.url}/`,
        extra: { "X-Team": "data", headers: { "X-Source": "updraft" }, timeout: 5 },
      }),
    );
    const get = await hook.run("echo", { data: { day: "2024-01-01", tags: ["a", "b"] } });
    assert.deepEqual(get.json().query, { day: "2024-01-01", tags: "b" });
    assert.equal(api.requests[0].query.tags, "b");
    assert.ok(api.requests[0].path === "/echo");
    const form = await hook.run("echo", { method: "post", data: { a: 1, b: "x y" } });
    assert.equal(form.json().method, "POST");
    assert.equal(form.json().contentType, "application/x-www-form-urlencoded");
    assert.equal(form.json().body, "a=1&b=x+y");
    const json = await hook.run("/echo", {
      method: "PUT",
      json: { rows: [1, 2] },
      headers: { "X-Team": "ops" },
    });
    assert.deepEqual(JSON.parse(json.json().body), { rows: [1, 2] });
    assert.equal(json.json().contentType, "application/json");
    assert.equal(api.requests[2].headers["x-team"], "ops");
    assert.equal(api.requests[2].headers["x-source"], "updraft");
    assert.equal(api.requests[1].headers["x-team"], "data");
    assert.equal(api.requests[1].headers.timeout, undefined); // a setting, not a header
    await assert.rejects(hook.run("echo", { json: {} }), /a GET request cannot send json/);
  } finally {
    await api.stop();
  }
});

Deno.test("HttpHook: the base URL from a host URL with a path, a schema, or the https type", () => {
  const cases: [Partial<TaskConnection>, string][] = [
    [{ host: "https://api.example.com/v1/" }, "https://api.example.com/v1"],
    [{ host: "api.example.com", schema: "https" }, "https://api.example.com"],
    [{ host: "api.example.com", connType: "https" }, "https://api.example.com"],
    [{ host: "api.example.com", port: 8080 }, "http://api.example.com:8080"],
    [{ host: "http://api.example.com/v2", port: 81 }, "http://api.example.com:81/v2"],
  ];
  for (const [fields, expected] of cases) {
    const hook = new HttpHook(connection(fields));
    assert.equal(hook.baseUrl, expected);
    assert.equal(hook.url("users"), `${expected}/users`);
  }
  assert.equal(
    new HttpHook(connection({ host: "api.example.com", schema: "https" })).description,
    'connection "api" (http at api.example.com:443)',
  );
  assert.throws(
    () => new HttpHook(connection({ host: "ftp://files.example.com" })),
    /connection "api" \(http at files\.example\.com\): the scheme "ftp" is not http or https/,
  );
});

Deno.test("HttpHook: a slow answer times out, an unreachable host fails, a cancel stops: each names the connection", async () => {
  const api = await startHttpApi();
  try {
    const hook = new HttpHook(connection({ host: api.host, port: api.port }));
    await assert.rejects(
      hook.run("slow", { data: { ms: 10_000 }, timeout: "200ms" }),
      new RegExp(
        `connection "api" \\(http at 127\\.0\\.0\\.1:${api.port}\\): GET /slow timed out after 200ms`,
      ),
    );
    const cancel = new AbortController();
    const pending = hook.run("slow", { data: { ms: 10_000 }, signal: cancel.signal });
    cancel.abort();
    await assert.rejects(pending, /GET \/slow was cancelled/);
  } finally {
    await api.stop();
  }
  const closed = await startHttpApi();
  await closed.stop();
  const hook = new HttpHook(connection({ host: closed.host, port: closed.port }));
  await assert.rejects(
    hook.run("health"),
    new RegExp(
      `connection "api" \\(http at 127\\.0\\.0\\.1:${closed.port}\\): GET /health failed: .*refused`,
      "i",
    ),
  );
});

Deno.test("HttpHook: tlsVerify with a CA bundle path, false to skip checks; checked by default", async () => {
  const certificates = await makeTestCertificates();
  if (!certificates) return; // openssl is not installed
  const api = await startHttpApi({ tls: { cert: certificates.cert, key: certificates.key } });
  try {
    const hook = new HttpHook(connection({ host: `https://localhost:${api.port}` }));
    await assert.rejects(hook.run("echo"), /GET \/echo failed: .*certificate/i);
    assert.equal((await hook.run("echo", { tlsVerify: certificates.caFile })).status, 200);
    const insecure = new HttpHook(
      connection({ host: `https://localhost:${api.port}`, extra: { verify: false } }),
    );
    const response = await insecure.run("redirect", { method: "POST", data: "x=1" });
    assert.equal(response.status, 200);
    assert.equal(response.json().method, "GET"); // a 302 is followed with GET
  } finally {
    await api.stop();
    await certificates.remove();
  }
});

Deno.test("testConnection: GET on the base URL; an error status or no server is a failure naming the connection", async () => {
  const api = await startHttpApi({ login: "ada", password: PASSWORD });
  try {
    const good = await testConnection(connection({ host: `${api.url}/echo` }));
    assert.deepEqual(good, {
      status: true,
      message:
        `Connection successfully tested (connection "api" (http at 127.0.0.1:${api.port}) answered HTTP 200)`,
    });
    const refused = await testConnection(
      connection({ host: `${api.url}/basic/users/1`, login: "ada", password: "not-it-at-all" }),
    );
    assert.equal(refused.status, false);
    assert.match(refused.message, /GET \/basic\/users\/1 answered HTTP 401/);
    assert.doesNotMatch(refused.message, /not-it-at-all/);
  } finally {
    await api.stop();
  }
});
